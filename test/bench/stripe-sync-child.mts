/**
 * One Stripe sync in a process of its own, so its peak memory is the sync's:
 * `node --import tsx test/bench/stripe-sync-child.mts DATA_DIR API_BASE KEY MODE [count]`
 * opens the prepared store (stripe-sync-setup.ts), unlocks the keys, runs the engine's
 * `runStripeSync` against the fake server (rate limit off) — MODE `sync` (what the
 * schedule would do) or `full` (re-list everything) — and prints one JSON line: the run,
 * seconds (wall and CPU), peak RSS before and after, rows changed (SQLite's total_changes) and, with
 * `count`, rows written per table (counted by temporary triggers on this connection).
 */
import { runStripeSync } from '../../src-main/domain/sync/stripe/sync';
import { BENCH_PASSPHRASE, benchContext, call } from './ipn-setup';
import { countTableWrites } from './stripe-sync-setup';

const [dataDir, apiBase, secretKey, mode, count] = process.argv.slice(2);
if (!dataDir || !apiBase || !secretKey || (mode !== 'sync' && mode !== 'full')) {
  throw new Error('usage: stripe-sync-child.mts DATA_DIR API_BASE KEY sync|full [count]');
}

const ctx = benchContext(dataDir);
await call(ctx, 'vault.unlock', { passphrase: BENCH_PASSPHRASE });
const { sqlite } = ctx.store;
const writes = count === 'count' ? countTableWrites(sqlite) : null;
const totalChanges = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const changesBefore = totalChanges();
const rssBeforeKb = process.resourceUsage().maxRSS;
const start = performance.now();
const cpuStart = process.cpuUsage();
const run = await runStripeSync(ctx, {
  secretKey,
  settings: { scheduleMinutes: 0, apiBase, requestsPerSecond: 1_000_000 },
  trigger: 'cli',
  full: mode === 'full',
});
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU seconds beside wall time: they show when other work shared the cores.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRssKb = process.resourceUsage().maxRSS;
const tableWrites = writes?.read() ?? null;
// The triggers' own bookkeeping rows count in total_changes too: leave them out.
const changes = totalChanges() - changesBefore - (tableWrites ? Object.values(tableWrites).reduce((a, b) => a + b, 0) : 0);
ctx.vault.lock();
ctx.store.close();
console.log(JSON.stringify({ run, seconds, cpuSeconds, rssBeforeKb, maxRssKb, changes, tableWrites }));
