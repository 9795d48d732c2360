/**
 * A sync that stops (asked to, a dropped connection, a crash) loses nothing: the next run
 * resumes from the cursors stored with each page and ends with the same store as a run
 * that was never interrupted, no object stored twice. One sync at a time (the lease).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeCursor } from '../../src-main/domain/sync/cursors';
import { runningRun } from '../../src-main/domain/sync/runs';
import { StripeWorld } from '../support/stripe/world';
import { cursor, expectStoreEqualsWorld, populate, runs, storedObjects, syncSetup, type SyncSetup } from './stripe-sync-support';

const setups: SyncSetup[] = [];
afterEach(async () => {
  for (const s of setups.splice(0)) await s.cleanup();
});

async function setup(world?: StripeWorld): Promise<SyncSetup> {
  const s = await syncSetup(world);
  setups.push(s);
  return s;
}

/** The store a sync that was never interrupted makes of the same account. */
async function uninterrupted(world: StripeWorld) {
  const s = await setup(world);
  await s.sync();
  return storedObjects(s.t).map(({ raw, ...columns }) => ({ ...columns, json: JSON.parse(raw) }));
}

const comparable = (s: SyncSetup) => storedObjects(s.t).map(({ raw, ...columns }) => ({ ...columns, json: JSON.parse(raw) }));

describe('Stripe sync interrupted and resumed', () => {
  it('stops after the current page when asked, and the next run resumes there', async () => {
    const world = new StripeWorld();
    populate(world);
    const s = await setup(world);
    const controller = new AbortController();
    let pages = 0;
    const stopped = await s.sync({
      signal: controller.signal,
      onProgress: () => {
        if (++pages === 7) controller.abort();
      },
    });
    expect(stopped.status).toBe('interrupted');
    expect(stopped.message).toMatch(/^Stopped on request \(.+\)\. The next sync resumes from where it stopped\.$/);
    const partial = storedObjects(s.t).length;
    expect(partial).toBeGreaterThan(0);
    expect(stopped.created).toBe(partial);
    expect(runningRun(s.t.store.sqlite, 'stripe')).toBeNull();

    const resumed = await s.sync();
    expect(resumed).toMatchObject({ status: 'succeeded', mode: 'backfill' });
    expectStoreEqualsWorld(s.t, world, expect);
    expect(comparable(s)).toEqual(await uninterrupted(world));
    // No object was stored twice, and the pages stored before the stop were not read again.
    expect(stopped.created + resumed.created).toBe(storedObjects(s.t).length);
    expect(resumed.updated).toBe(0);
  });

  it('fails on a connection that keeps dropping, saying so, and resumes from the last stored page', async () => {
    const world = new StripeWorld();
    populate(world);
    const s = await setup(world);
    // Invoices are read after products, prices, customers and subscriptions. Three tries,
    // each of which the SDK itself sends twice (it retries a reset connection once, always).
    world.dropNext(6, { path: /^\/v1\/invoices/ });
    const failed = await s.sync();
    expect(world.requests.filter((r) => r.path === '/v1/invoices')).toHaveLength(6);
    expect(failed.status).toBe('failed');
    expect(failed.message).toBe(
      'Reading invoices failed: the connection to Stripe failed (socket hang up), 3 times in a row. The sync stopped (Subscriptions: 1 read). The next sync resumes from where it stopped.',
    );
    expect(storedObjects(s.t).map((o) => o.type)).not.toContain('invoice');
    expect(cursor(s.t, 'backfill:subscription')).toMatchObject({ done: true });
    expect(cursor(s.t, 'backfill:invoice')).toMatchObject({ done: false, read: 0 });
    // Waited between the tries (backoff), never for real.
    expect(s.sleeps).toHaveLength(2);

    const drained = world.requests.length;
    const resumed = await s.sync();
    expect(resumed.status).toBe('succeeded');
    // Resumed at invoices: products were not listed again.
    expect(world.requests.slice(drained).some((r) => r.path === '/v1/products')).toBe(false);
    expectStoreEqualsWorld(s.t, world, expect);
    expect(comparable(s)).toEqual(await uninterrupted(world));
    expect(failed.created + resumed.created).toBe(storedObjects(s.t).length);
  });

  it('restarts a window from its last stored object when Stripe no longer knows the page’s starting object', async () => {
    const world = new StripeWorld();
    populate(world);
    const s = await setup(world);
    const controller = new AbortController();
    await s.sync({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'Products: 3 read') controller.abort();
      },
    });
    const products = cursor(s.t, 'backfill:product')!;
    expect(products).toMatchObject({ done: false, read: 3 });
    expect(products.startingAfter).toMatch(/^prod_/);
    // As if that product had gone from Stripe since: its id is unknown now.
    s.t.store.sqlite.transaction(() => writeCursor(s.t.store.sqlite, 'stripe', 'backfill:product', { ...products, startingAfter: 'prod_GoneSince' }, new Date().toISOString()))();

    const resumed = await s.sync();
    expect(resumed.status).toBe('succeeded');
    const productLists = world.requests.filter((r) => r.path === '/v1/products');
    const refused = productLists.findIndex((r) => r.query.starting_after === 'prod_GoneSince');
    expect(refused).toBeGreaterThan(-1);
    // The window again from its last stored `created`, without starting_after.
    expect(productLists[refused + 1].query).toMatchObject({ created: { lt: String((products.lastCreated as number) + 1) } });
    expect(productLists[refused + 1].query.starting_after).toBeUndefined();
    expectStoreEqualsWorld(s.t, world, expect);
    expect(comparable(s)).toEqual(await uninterrupted(world));
  });

  it('refuses a second sync while one runs, naming it, and takes over from one that went silent', async () => {
    const world = new StripeWorld();
    populate(world);
    const s = await setup(world);
    const controller = new AbortController();
    let second: unknown;
    const first = s.sync({
      signal: controller.signal,
      onProgress: () => {
        if (second) return;
        second = s.sync().then(
          () => 'ran',
          (error: { code?: string; message: string; details?: unknown }) => error,
        );
        controller.abort();
      },
    });
    expect(await first).toMatchObject({ status: 'interrupted' });
    expect(await second).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^A sync is already running \(run 1, started from the command line at \d\d:\d\d UTC on \d{4}-\d\d-\d\d\); wait for it to finish, or stop it\.$/),
      details: { runId: 1 },
    });
    expect(runs(s.t)).toHaveLength(1);

    // A run whose process died: still "running", its heartbeat three minutes old.
    const threeMinutesAgo = new Date(Date.now() - 180_000).toISOString();
    s.t.store.sqlite
      .prepare("INSERT INTO sync_runs (provider, mode, trigger, status, started_at, heartbeat_at) VALUES ('stripe', 'backfill', 'schedule', 'running', ?, ?)")
      .run(threeMinutesAgo, threeMinutesAgo);
    expect(runningRun(s.t.store.sqlite, 'stripe')).toBeNull();
    const next = await s.sync();
    expect(next.status).toBe('succeeded');
    const [, crashed, taker] = runs(s.t);
    expect(crashed.status).toBe('interrupted');
    expect(crashed.message).toMatch(
      new RegExp(`^Another sync \\(run ${taker.id}\\) took over: nothing was heard from this one after .+ \\(KeyHub was closed, the computer slept, or it was kept waiting\\), so it was counted as stopped\\. Run ${taker.id} carried on from where it stopped\\.$`),
    );
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('is refused by a run another process holds (its row, fresh), before reading anything', async () => {
    const world = new StripeWorld();
    populate(world);
    const s = await setup(world);
    // The desktop app's run, as the CLI beside it sees it in the store.
    const now = new Date().toISOString();
    s.t.store.sqlite.prepare("INSERT INTO sync_runs (provider, mode, trigger, status, started_at, heartbeat_at) VALUES ('stripe', 'incremental', 'manual', 'running', ?, ?)").run(now, now);
    await expect(s.sync()).rejects.toMatchObject({ code: 'CONFLICT', details: { runId: 1 } });
    expect(storedObjects(s.t)).toEqual([]);
    expect(world.requests).toEqual([]);
  });
});
