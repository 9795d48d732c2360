/**
 * IPN import end to end: a generated file of realistic PayPal IPN / e-junkie messages
 * (ipn-messages.ts; 100,000, --quick 3,000) imported as `keyhub import ipn` does — the
 * streaming file importer sending batches to `transaction.importIpn` through the API
 * boundary, in-process, licenses signed and stored. Figures: messages/s and licenses
 * issued the first time, messages/s re-importing the same file (all duplicates), where
 * a message's time goes outside the engine (splitting, parsing, the boundary's input
 * validation), and peak RSS of the import in a child process for two file sizes and
 * their ratio. Goals: >= 5,000 messages/s first time, >= 20,000/s duplicates, memory
 * flat in the file's size.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contract } from '../../src-main/api/contract';
import { parseIpnMessage } from '../../src-main/domain/sales/ipn/parse';
import { splitIpnStream } from '../../src-main/domain/sales/ipn/split';
import type { FileImportResult } from '../../src-main/hosts/cli/ipn-file-import';
import { tempDir } from '../support/temp-store';
import { writeIpnFile, type IpnFileStats } from './ipn-messages';
import { benchContext, call, importFile, prepareIpnStore } from './ipn-setup';
import { report } from './report';

const FIRST_GOAL = 5_000;
const DUPLICATE_GOAL = 20_000;
/** Peak RSS of the larger file over the smaller's: at most this counts as flat. */
const FLAT_RATIO = 1.2;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CHILD = path.join(here, 'ipn-import-child.mts');

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const perSecond = (n: number, seconds: number) => Math.round(n / seconds);
/** CPU seconds (user + system) this process used since `start`: beside wall time, it shows when other work shared the cores. */
const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const microsEach = (ms: number, n: number) => Number(((ms * 1000) / n).toFixed(1));

/** The import must do exactly what the file holds, or its speed means nothing. */
function check(what: string, actual: Partial<FileImportResult>, expected: Partial<FileImportResult>): void {
  const wrong = Object.entries(expected).filter(([key, value]) => actual[key as keyof FileImportResult] !== value);
  if (wrong.length) {
    const detail = wrong.map(([key, value]) => `${key} ${String(actual[key as keyof FileImportResult])} (expected ${String(value)})`).join(', ');
    const first = actual.rejected?.[0];
    throw new Error(`${what}: ${detail}${first ? `; first rejection: line ${first.line}: ${first.reason}` : ''}`);
  }
}

function expectedFirstImport(stats: IpnFileStats): Partial<FileImportResult> {
  return {
    messages: stats.messages,
    recorded: stats.purchases,
    updated: stats.updates,
    duplicates: stats.duplicates,
    issued: stats.licenses,
    revoked: stats.revoked,
    waiting: stats.waitingUnits,
    rejectedCount: 0,
  };
}

/** Time spent outside the engine: cutting the file, parsing each message, validating each batch at the boundary. */
async function phases(file: string, messages: number): Promise<void> {
  let splitMs = 0;
  let parseMs = 0;
  let validateMs = 0;
  let mark = performance.now();
  const input = contract['transaction.importIpn'].input;
  for await (const batch of splitIpnStream(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
    const now = performance.now();
    splitMs += now - mark;
    input.parse({ messages: batch.messages });
    const validated = performance.now();
    validateMs += validated - now;
    for (const m of batch.messages) {
      if (!parseIpnMessage(m.text, m.line).ok) throw new Error(`line ${m.line} does not parse`);
    }
    mark = performance.now();
    parseMs += mark - validated;
  }
  report({ bench: 'ipn.split_us_per_message', value: microsEach(splitMs, messages), unit: 'µs' }, 'reading the file and cutting it into messages and batches');
  report({ bench: 'ipn.parse_us_per_message', value: microsEach(parseMs, messages), unit: 'µs' }, 'parseIpnMessage: decoding and reading the fields');
  report({ bench: 'ipn.boundary_validation_us_per_message', value: microsEach(validateMs, messages), unit: 'µs' }, 'the API input schema (zod) of each batch');
}

interface ChildRun {
  messages: number;
  issued: number;
  rejectedCount: number;
  seconds: number;
  rssBeforeKb: number;
  maxRssKb: number;
}

/** A fresh store and one import of `file` in a child process. */
async function importInChild(dir: string, name: string, file: string): Promise<ChildRun> {
  const dataDir = path.join(dir, `store-${name}`);
  const ctx = benchContext(dataDir);
  await prepareIpnStore(ctx);
  ctx.vault.lock();
  ctx.store.close();
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataDir, file], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the import child failed (${run.status}): ${run.stderr}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildRun;
}

export async function ipnBench(quick: boolean): Promise<void> {
  const size = quick ? 3_000 : 100_000;
  const smaller = quick ? 1_000 : 20_000;
  const dir = tempDir('keyhub-bench-ipn-');
  try {
    const file = path.join(dir, `ipn-${size}.txt`);
    const generateStart = performance.now();
    const stats = writeIpnFile(file, size);
    const generated = `${stats.messages} messages, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB: ${stats.purchases} purchases by ${stats.payers} payers (${stats.returningPurchases} by returning ones), ${stats.pending} pending then completed, ${stats.fullRefunds} refunded, ${stats.partialRefunds} partly refunded, ${stats.duplicates} e-junkie repeats`;
    report({ bench: 'ipn.generate_file', value: Number(((performance.now() - generateStart) / 1000).toFixed(2)), unit: 's' }, generated);

    const ctx = benchContext(path.join(dir, 'store'));
    try {
      await prepareIpnStore(ctx);
      const firstStart = performance.now();
      const firstCpu = process.cpuUsage();
      const first = await importFile(ctx, file);
      const firstSeconds = (performance.now() - firstStart) / 1000;
      const firstCpuSeconds = cpuSecondsSince(firstCpu);
      check('first import', first, expectedFirstImport(stats));
      const firstRate = perSecond(first.messages, firstSeconds);
      report({ bench: 'ipn.first_import_messages_per_s', value: firstRate, unit: 'messages/s' }, `${first.messages} messages in ${firstSeconds.toFixed(1)} s (${firstCpuSeconds.toFixed(1)} s of CPU); goal >= ${FIRST_GOAL}: ${met(firstRate >= FIRST_GOAL)}`);
      report({ bench: 'ipn.first_import_licenses_issued', value: first.issued, unit: 'licenses' }, `${perSecond(first.issued, firstSeconds)} licenses/s signed and stored; ${first.revoked} revoked by refunds, ${first.waiting} units waiting for a mapping`);

      const againStart = performance.now();
      const againCpu = process.cpuUsage();
      const again = await importFile(ctx, file);
      const againSeconds = (performance.now() - againStart) / 1000;
      const againCpuSeconds = cpuSecondsSince(againCpu);
      check('re-import', again, { messages: stats.messages, duplicates: stats.messages, issued: 0, rejectedCount: 0 });
      const againRate = perSecond(again.messages, againSeconds);
      report({ bench: 'ipn.reimport_duplicates_messages_per_s', value: againRate, unit: 'messages/s' }, `all ${again.duplicates} duplicates in ${againSeconds.toFixed(1)} s (${againCpuSeconds.toFixed(1)} s of CPU); goal >= ${DUPLICATE_GOAL}: ${met(againRate >= DUPLICATE_GOAL)}`);
      const transactions = (await call(ctx, 'transaction.list', { limit: 1 })).total;
      if (transactions < Math.min(stats.purchases, 10_000)) throw new Error(`transaction.list counts ${transactions} transactions; the file holds ${stats.purchases}`);
    } finally {
      ctx.vault.lock();
      ctx.store.close();
    }

    await phases(file, stats.messages);

    // Peak memory of the import alone, in a process of its own, for two file sizes.
    const smallFile = path.join(dir, `ipn-${smaller}.txt`);
    const smallStats = writeIpnFile(smallFile, smaller, { seed: 7 });
    const small = await importInChild(dir, 'small', smallFile);
    check('child import (smaller file)', small, { messages: smallStats.messages, issued: smallStats.licenses, rejectedCount: 0 });
    rmSync(path.join(dir, 'store-small'), { recursive: true, force: true });
    const large = await importInChild(dir, 'large', file);
    check('child import', large, { messages: stats.messages, issued: stats.licenses, rejectedCount: 0 });
    const mb = (kb: number) => Math.round(kb / 1024);
    report({ bench: 'ipn.peak_rss_smaller_file', value: mb(small.maxRssKb), unit: 'MB' }, `${smaller} messages; ${mb(small.rssBeforeKb)} MB before the import; ${perSecond(small.messages, small.seconds)} messages/s`);
    report({ bench: 'ipn.peak_rss_larger_file', value: mb(large.maxRssKb), unit: 'MB' }, `${size} messages; ${mb(large.rssBeforeKb)} MB before the import; ${perSecond(large.messages, large.seconds)} messages/s`);
    const ratio = large.maxRssKb / small.maxRssKb;
    report({ bench: 'ipn.peak_rss_ratio', value: Number(ratio.toFixed(2)), unit: 'ratio' }, `${size} over ${smaller} messages (${(stats.bytes / 1024 / 1024).toFixed(0)} MB vs ${(smallStats.bytes / 1024 / 1024).toFixed(0)} MB of file); goal flat (<= ${FLAT_RATIO}): ${met(ratio <= FLAT_RATIO)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
