/**
 * The browser host starts Stripe syncs on its own timer: only when Stripe is connected,
 * its key readable (keys unlocked), a schedule set, nothing running, and the last run
 * started at least `scheduleMinutes` ago; it says when the next one runs.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

const PASS = 'correct horse battery';
const TICK_MS = 50;

let t: TestHost;
let world: StripeWorld;
let stripe: StripeServer;
let db: Database.Database;

beforeAll(async () => {
  world = new StripeWorld();
  world.product({ name: 'Resizer Pro', metadata: { keyhub_sku: 'R4Pro' } });
  stripe = await startStripeServer(world);
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST }, syncCheckEveryMs: TICK_MS });
  // A second connection on the same file, to read the runs and move their times back.
  db = new Database(path.join(t.dataDir, 'keyhub.db'));
});
afterAll(async () => {
  db?.close();
  await t?.stop();
  await stripe?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runs = () => db.prepare('SELECT id, trigger, status FROM sync_runs ORDER BY id').all() as Array<{ id: number; trigger: string; status: string }>;

/** Waits (a bounded while) until `ready` holds. */
async function until(ready: () => boolean, ms = 5000): Promise<void> {
  for (const start = Date.now(); !ready(); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await sleep(TICK_MS / 2);
  }
}

describe('the Stripe sync schedule', () => {
  it('does nothing until Stripe is connected and a schedule is set', async () => {
    // The default schedule (every 15 minutes) with nothing connected.
    expect((await t.call('stripe.status', {})).settings.scheduleMinutes).toBe(15);
    await sleep(TICK_MS * 6);
    expect(runs()).toEqual([]);
    expect((await t.call('stripe.status', {})).nextRunAt).toBeNull();
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.settings', { scheduleMinutes: 0 });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url });
    await sleep(TICK_MS * 6);
    expect(runs()).toEqual([]);
    expect((await t.call('stripe.status', {})).nextRunAt).toBeNull();
  });

  it('with a schedule and no run yet, the next tick syncs (trigger schedule); then it waits scheduleMinutes', async () => {
    const before = Date.now();
    const status = await t.call('stripe.settings', { scheduleMinutes: 30 });
    // Due now: no run yet.
    expect(Date.parse(status.nextRunAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(status.nextRunAt!)).toBeLessThanOrEqual(Date.now() + 1000);
    await until(() => runs().some((r) => r.status !== 'running'));
    expect(runs()).toEqual([{ id: 1, trigger: 'schedule', status: 'succeeded' }]);
    expect(db.prepare("SELECT count(*) AS n FROM stripe_objects WHERE type = 'product'").get()).toEqual({ n: 1 });

    await sleep(TICK_MS * 6);
    expect(runs()).toHaveLength(1);
    const after = await t.call('stripe.status', {});
    expect(after.lastRun).toMatchObject({ id: 1, trigger: 'schedule', status: 'succeeded' });
    expect(after.nextRunAt).toBe(new Date(Date.parse(after.lastRun!.startedAt) + 30 * 60_000).toISOString());
  });

  it('with the keys locked it waits; unlocked, a run that started scheduleMinutes ago is followed by the next', async () => {
    await t.call('vault.lock', {});
    // The last run started 31 minutes ago: due.
    db.prepare("UPDATE sync_runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 minutes')").run();
    await sleep(TICK_MS * 6);
    expect(runs()).toHaveLength(1);
    expect((await t.call('stripe.status', {})).connection).toMatchObject({ usable: false });

    await t.call('vault.unlock', { passphrase: PASS });
    await until(() => runs().length === 2 && runs()[1].status !== 'running');
    expect(runs()[1]).toEqual({ id: 2, trigger: 'schedule', status: 'succeeded' });
  });

  it('never starts beside a running sync (a CLI sync in another process holds the lease)', async () => {
    db.prepare("UPDATE sync_runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 minutes')").run();
    // Another process's run, alive (its heartbeat is fresh).
    db.prepare(
      "INSERT INTO sync_runs (provider, mode, trigger, status, started_at, heartbeat_at) VALUES ('stripe', 'incremental', 'cli', 'running', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    ).run();
    await sleep(TICK_MS * 6);
    expect(runs().map((r) => r.trigger)).toEqual(['schedule', 'schedule', 'cli']);
    const status = await t.call('stripe.status', {});
    expect(status.running).toMatchObject({ id: 3, trigger: 'cli' });
    expect(status.nextRunAt).toBeNull();
    expect((await t.fail('stripe.sync', {})).error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^A Stripe sync is already running \(run 3, started .* from the command line\)/) });

    // It ends: the schedule, due since, runs again.
    db.prepare("UPDATE sync_runs SET status = 'succeeded', finished_at = started_at WHERE id = 3").run();
    db.prepare("UPDATE sync_runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 minutes')").run();
    await until(() => runs().length === 4 && runs()[3].status !== 'running');
    expect(runs()[3]).toEqual({ id: 4, trigger: 'schedule', status: 'succeeded' });
  });
});
