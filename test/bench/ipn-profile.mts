/**
 * Where an IPN import's time goes, per message: `npx tsx test/bench/ipn-profile.mts [N]
 * [--pragma NAME=VALUE …] [--exec SQL …] [--drop-trigger NAME …] [--batch N] [--no-timing]` (default 30,000)
 * generates N messages, imports them into a fresh store as the bench does, and times
 * each SQL statement (triggers included), each signature, and what is left
 * (JavaScript: splitting, parsing, the engine's own work). `--pragma`, `--exec`
 * and `--drop-trigger` try a change on the scratch store before the import, to measure
 * what it would save; `--batch` sends N messages a call (the CLI's default: 1,000). For the engine's authors; the timing wrappers add about a
 * microsecond a call (`--no-timing` measures without them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeIpnFile } from './ipn-messages';
import { BENCH_PASSPHRASE, benchContext, call, importFile, prepareIpnStore } from './ipn-setup';

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 30_000);
const valuesOf = (flag: string) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]] : []));
const timing = !args.includes('--no-timing');
const batch = valuesOf('--batch').map(Number)[0];
const dir = mkdtempSync(path.join(tmpdir(), 'keyhub-ipn-profile-'));
try {
  const file = path.join(dir, 'ipn.txt');
  const stats = writeIpnFile(file, count);
  const ctx = benchContext(path.join(dir, 'store'));
  await prepareIpnStore(ctx);
  await call(ctx, 'vault.unlock', { passphrase: BENCH_PASSPHRASE });
  for (const pragma of valuesOf('--pragma')) ctx.store.sqlite.pragma(pragma);
  for (const sql of valuesOf('--exec')) ctx.store.sqlite.exec(sql);
  for (const trigger of valuesOf('--drop-trigger')) ctx.store.sqlite.exec(`DROP TRIGGER ${trigger}`);

  const bySql = new Map<string, { ms: number; calls: number }>();
  const proto = Object.getPrototypeOf(ctx.store.sqlite.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  for (const method of timing ? ['run', 'get', 'all'] : []) {
    const original = proto[method];
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').trim().slice(0, 110);
        const entry = bySql.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - start;
        entry.calls++;
        bySql.set(key, entry);
      }
    };
  }
  let signMs = 0;
  let signs = 0;
  const sign = crypto.sign as (...args: unknown[]) => Buffer;
  if (timing) crypto.sign = ((...args: unknown[]) => {
    const start = performance.now();
    try {
      return sign(...args);
    } finally {
      signMs += performance.now() - start;
      signs++;
    }
  }) as typeof crypto.sign;
  syncBuiltinESMExports();

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await importFile(ctx, file, batch ? { maxMessages: batch } : {});
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  ctx.vault.lock();
  ctx.store.close();

  const us = (ms: number) => `${((ms * 1000) / count).toFixed(1).padStart(7)} µs`;
  const sqlMs = [...bySql.values()].reduce((sum, e) => sum + e.ms, 0);
  console.log(`${count} messages (${stats.licenses} licenses expected), ${result.issued} issued, ${result.rejectedCount} rejected: ${(count / (totalMs / 1000)).toFixed(0)} messages/s`);
  console.log(`per message: total ${us(totalMs)} (CPU ${us(cpuMs)}) · SQL ${us(sqlMs)} · signing ${us(signMs)} (${signs} signatures) · the rest (JS) ${us(totalMs - sqlMs - signMs)}`);
  console.log('SQL by statement (per message, calls):');
  for (const [sql, e] of [...bySql.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`  ${us(e.ms)} ${String(e.calls).padStart(8)}  ${sql}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
