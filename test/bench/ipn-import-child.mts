/**
 * One IPN file import in a process of its own, so its peak memory is the import's:
 * `node --import tsx test/bench/ipn-import-child.mts DATA_DIR FILE` opens the prepared
 * store (ipn-setup.ts), unlocks the keys, imports the file as `keyhub import ipn` does
 * and prints one JSON line: the tally's counts, seconds, and peak RSS before and after.
 */
import { BENCH_PASSPHRASE, benchContext, call, importFile } from './ipn-setup';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) throw new Error('usage: ipn-import-child.mts DATA_DIR FILE');

const ctx = benchContext(dataDir);
await call(ctx, 'vault.unlock', { passphrase: BENCH_PASSPHRASE });
const rssBeforeKb = process.resourceUsage().maxRSS;
const start = performance.now();
const result = await importFile(ctx, file);
const seconds = (performance.now() - start) / 1000;
const maxRssKb = process.resourceUsage().maxRSS;
ctx.vault.lock();
ctx.store.close();
const { rejected: _rejected, ...counts } = result;
console.log(JSON.stringify({ ...counts, seconds, rssBeforeKb, maxRssKb }));
