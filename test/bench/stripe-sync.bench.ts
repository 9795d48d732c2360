/**
 * Stripe sync end to end: a fake Stripe account (stripe-account.ts; 100,000 objects,
 * --quick 5,000: Checkout Sessions with line items, subscriptions, invoices, their
 * payment intents and charges, refunds, and the products, prices and customers they
 * need) served by the local fake server answering at once, synced into a fresh store
 * by the engine's `runStripeSync` with the rate limiter out of the way, licenses signed
 * and stored. Each sync runs in a child process (stripe-sync-child.mts) so its peak RSS
 * is the sync's. Figures: objects/s and peak RSS of the first sync; then, with nothing
 * changed at Stripe, a scheduled sync (events) and a full re-list: their speed and the
 * rows they wrote to KeyHub's tables. Goals: >= 10,000 objects/s the first time (so
 * Stripe's rate limit, never KeyHub, is the bottleneck) and no rows written by a sync
 * with nothing to do (bookkeeping aside: the run's row and cursors, named in the note).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncRun } from '../../src-main/domain/sync/types';
import { startStripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { tempDir } from '../support/temp-store';
import { benchContext } from './ipn-setup';
import { report } from './report';
import { buildStripeAccount, type StripeAccountStats } from './stripe-account';
import { prepareStripeStore, storeTotals } from './stripe-sync-setup';

const FIRST_GOAL = 10_000;
/** KeyHub's own tables a sync with nothing to do must leave alone. */
const KEYHUB_TABLES = ['stripe_objects', 'transactions', 'transaction_items', 'licenses', 'subscriptions'];
/** What a sync writes about itself, whatever it found. */
const BOOKKEEPING_TABLES = new Set(['sync_runs', 'sync_cursors', 'sync_events', 'settings', 'audit_log']);

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CHILD = path.join(here, 'stripe-sync-child.mts');

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const perSecond = (n: number, seconds: number) => Math.round(n / seconds);
const mb = (kb: number) => Math.round(kb / 1024);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

interface ChildSync {
  run: SyncRun;
  seconds: number;
  cpuSeconds: number;
  rssBeforeKb: number;
  maxRssKb: number;
  changes: number;
  tableWrites: Record<string, number> | null;
}

/** One sync in a child process; the parent keeps serving the fake account meanwhile. */
function syncInChild(dataDir: string, apiBase: string, mode: 'sync' | 'full', countWrites: boolean): Promise<ChildSync> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, dataDir, apiBase, FAKE_STRIPE_KEY, mode, ...(countWrites ? ['count'] : [])];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`the sync child failed (${status}): ${stderr.trim()}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildSync);
    });
  });
}

/**
 * The sync must have done exactly what the account holds, or its speed means nothing:
 * what differs is reported beside the figures, and fails the bench once they are printed.
 */
function check(what: string, stats: StripeAccountStats, dataDir: string, run: SyncRun, problems: string[]): void {
  const totals = storeTotals(dataDir, run.id);
  const wrong: string[] = [];
  const expect = (name: string, actual: number | undefined, expected: number) => {
    if ((actual ?? 0) !== expected) wrong.push(`${name} ${actual ?? 0} (expected ${expected})`);
  };
  if (run.status !== 'succeeded') wrong.push(`the run ${run.status}: ${run.message ?? ''}`);
  for (const [type, n] of Object.entries(stats.byType)) expect(`stripe_objects of type ${type}`, totals.stripeObjects[type], n);
  expect('Stripe transactions', totals.transactions, stats.transactions);
  expect('licenses', totals.licenses, stats.licenses);
  expect('revoked licenses', totals.revokedLicenses, stats.revoked);
  expect('subscriptions', totals.subscriptions, stats.subscriptions);
  expect("the run's sync errors", totals.syncErrors, 0);
  if (!wrong.length) return;
  const problem = `${what}: ${wrong.join(', ')}${totals.firstSyncError ? `; first sync error: ${totals.firstSyncError}` : ''}`;
  console.log(`stripe sync bench: WRONG RESULT after the ${problem}`);
  problems.push(problem);
}

function writesNote(writes: Record<string, number>): { keyhub: number; note: string } {
  const keyhub = KEYHUB_TABLES.reduce((sum, table) => sum + (writes[table] ?? 0), 0);
  const listed = Object.entries(writes).map(([table, n]) => `${table} ${n}${BOOKKEEPING_TABLES.has(table) ? '' : ' (!)'}`);
  return { keyhub, note: listed.length ? listed.join(', ') : 'no rows at all' };
}

export async function stripeSyncBench(quick: boolean): Promise<void> {
  const size = quick ? 5_000 : 100_000;
  const dir = tempDir('keyhub-bench-stripe-');
  const world = new StripeWorld();
  const generateStart = performance.now();
  const stats = buildStripeAccount(world, size);
  const generateSeconds = (performance.now() - generateStart) / 1000;
  // The server answers at once: every object's JSON is ready before the syncs ask.
  const prerenderStart = performance.now();
  world.prerender();
  const prerenderSeconds = (performance.now() - prerenderStart) / 1000;
  const types = Object.entries(stats.byType).filter(([, n]) => n > 0).map(([type, n]) => `${n} ${type}`).join(', ');
  report(
    { bench: 'stripe.generate_account', value: Number(generateSeconds.toFixed(2)), unit: 's' },
    `${stats.objects} objects: ${types}; ${stats.sessionLineItems} session line items, ${stats.renewals} renewals, ${stats.canceled} cancelled, ${stats.licenses} licensed units (${stats.waitingUnits} unmapped); the fake server pre-rendered its JSON in ${prerenderSeconds.toFixed(1)} s`,
  );
  const server = await startStripeServer(world);
  const problems: string[] = [];
  try {
    const dataDir = path.join(dir, 'store');
    const ctx = benchContext(dataDir);
    await prepareStripeStore(ctx);
    ctx.vault.lock();
    ctx.store.close();

    const first = await syncInChild(dataDir, server.url, 'sync', false);
    check('first sync', stats, dataDir, first.run, problems);
    const firstRate = perSecond(stats.objects, first.seconds);
    report(
      { bench: 'stripe.first_sync_objects_per_s', value: firstRate, unit: 'objects/s' },
      `${stats.objects} objects (${first.run.fetched} fetched) in ${first.seconds.toFixed(1)} s (${first.cpuSeconds.toFixed(1)} s of CPU: ${perSecond(stats.objects, first.cpuSeconds)} objects per CPU second), ${first.run.fulfilled} licenses issued and signed, ${first.run.revoked} revoked, ${first.changes} rows changed; goal >= ${FIRST_GOAL}: ${met(firstRate >= FIRST_GOAL)}`,
    );
    report(
      { bench: 'stripe.first_sync_peak_rss', value: mb(first.maxRssKb), unit: 'MB' },
      `${mb(first.rssBeforeKb)} MB before the sync, in a child process`,
    );

    const requestsBefore = world.requests.length;
    const again = await syncInChild(dataDir, server.url, 'sync', true);
    check('second sync', stats, dataDir, again.run, problems);
    const againWrites = writesNote(again.tableWrites ?? {});
    report(
      { bench: 'stripe.nochange_sync_rows_written', value: againWrites.keyhub, unit: 'rows' },
      `${withArticle(again.run.mode)} sync with nothing changed at Stripe: ${plural(world.requests.length - requestsBefore, 'request')} in ${again.seconds.toFixed(2)} s; rows written: ${againWrites.note}; goal 0 in ${KEYHUB_TABLES.join(', ')}: ${met(againWrites.keyhub === 0)}`,
    );

    const full = await syncInChild(dataDir, server.url, 'full', true);
    check('full re-list', stats, dataDir, full.run, problems);
    const fullWrites = writesNote(full.tableWrites ?? {});
    report(
      { bench: 'stripe.full_relist_objects_per_s', value: perSecond(full.run.fetched, full.seconds), unit: 'objects/s' },
      `${withArticle(full.run.mode)} of ${full.run.fetched} objects with nothing changed, ${full.run.unchanged} unchanged, in ${full.seconds.toFixed(1)} s (${full.cpuSeconds.toFixed(1)} s of CPU); peak RSS ${mb(full.maxRssKb)} MB`,
    );
    report(
      { bench: 'stripe.full_relist_rows_written', value: fullWrites.keyhub, unit: 'rows' },
      `rows written: ${fullWrites.note}; goal 0 in ${KEYHUB_TABLES.join(', ')}: ${met(fullWrites.keyhub === 0)}`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length) throw new Error(`The Stripe sync did not do what the account holds, so its figures mean little:\n- ${problems.join('\n- ')}`);
}
