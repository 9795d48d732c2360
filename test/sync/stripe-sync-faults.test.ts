/**
 * Stripe answering badly: 429 (with Retry-After) and 5xx are retried with backoff and
 * the run carries on; a refused key stops at once with what to do and stores nothing; a
 * key without a permission stops naming what it may not read; requests keep under the
 * rate limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src-main/domain/sync/stripe/rate-limit';
import { backoffMs } from '../../src-main/domain/sync/stripe/retry';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { cursor, expectStoreEqualsWorld, populate, progressLog, runs, storedObjects, syncSetup, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

async function populated(): Promise<SyncSetup> {
  const world = new StripeWorld();
  populate(world);
  s = await syncSetup(world);
  return s;
}

describe('Stripe sync when Stripe answers badly', () => {
  it('waits as long as Retry-After says on 429, then carries on', async () => {
    await populated();
    s.world.failNext(2, { status: 429, retryAfter: 7, path: /^\/v1\/prices$/ });
    const progress = progressLog();
    const run = await s.sync({ onProgress: progress.onProgress });
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    expect(s.sleeps).toEqual([7000, 7000]);
    const priceLists = s.world.requests.filter((r) => r.path === '/v1/prices');
    // The refused request was sent again as it was, three times in all.
    expect(priceLists[0].query).toEqual(priceLists[1].query);
    expect(priceLists[1].query).toEqual(priceLists[2].query);
    expect(progress.stages).toContain('Stripe asked KeyHub to slow down (429); trying again in 7 s');
    expectStoreEqualsWorld(s.t, s.world, expect);
  });

  it('retries 500, 502 and 503 with exponential backoff and jitter', async () => {
    await populated();
    s.world.failNext(1, { status: 500, path: /^\/v1\/customers$/ });
    s.world.failNext(1, { status: 502, path: /^\/v1\/customers$/ });
    s.world.failNext(1, { status: 503, path: /^\/v1\/charges$/ });
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    // Base 200 ms, doubled each try, between half and all of it: 100–200, then 200–400; charges' first retry 100–200.
    expect(s.sleeps).toHaveLength(3);
    expect(s.sleeps[0]).toBeGreaterThanOrEqual(100);
    expect(s.sleeps[0]).toBeLessThanOrEqual(200);
    expect(s.sleeps[1]).toBeGreaterThanOrEqual(200);
    expect(s.sleeps[1]).toBeLessThanOrEqual(400);
    expect(s.sleeps[2]).toBeLessThanOrEqual(200);
    expectStoreEqualsWorld(s.t, s.world, expect);
  });

  it('gives up after the last try, saying what failed; the next run resumes', async () => {
    await populated();
    s.world.failNext(3, { status: 503, path: /^\/v1\/customers$/ });
    const run = await s.sync();
    expect(run.status).toBe('failed');
    expect(run.message).toBe('Reading customers failed: Stripe answered 503, 3 times in a row. The sync stopped (Prices: 2 read). The next sync resumes from where it stopped.');
    expect(storedObjects(s.t).map((o) => o.type).sort()).toEqual(['price', 'price', 'product', 'product', 'product', 'product', 'product']);
    expect(await s.sync()).toMatchObject({ status: 'succeeded' });
    expectStoreEqualsWorld(s.t, s.world, expect);
  });

  it('stops while waiting to retry when asked, keeping the lease alive meanwhile', async () => {
    await populated();
    s.world.failNext(5, { status: 429, retryAfter: 30, path: /^\/v1\/customers$/ });
    const controller = new AbortController();
    const heartbeats: string[] = [];
    const run = await s.sync({
      signal: controller.signal,
      // As if the last page had been stored an hour ago: only the wait's own touch can make it fresh.
      onProgress: (p) => {
        if (p.stage === 'Prices: 2 read') s.t.store.sqlite.prepare("UPDATE sync_runs SET heartbeat_at = ? WHERE status = 'running'").run(new Date(Date.now() - 3_600_000).toISOString());
      },
      tuning: {
        sleep: async () => {
          heartbeats.push((s.t.store.sqlite.prepare("SELECT heartbeat_at AS h FROM sync_runs WHERE status = 'running'").get() as { h: string }).h);
          controller.abort();
        },
      },
    });
    expect(run.status).toBe('interrupted');
    expect(run.message).toBe('Stopped on request (Prices: 2 read). The next sync resumes from where it stopped.');
    // Touched just before the wait.
    expect(heartbeats).toHaveLength(1);
    expect(Date.now() - Date.parse(heartbeats[0])).toBeLessThan(5_000);
    expect(s.world.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(1);
  });

  it('stops at once on a refused key, saying so, and stores nothing', async () => {
    await populated();
    const run = await s.sync({ secretKey: 'rk_test_51WrongKeyWrongKeyWrong0000' });
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/^Stripe refused the key \(Invalid API Key provided: rk_test_\*+0000\): connect again with a valid restricted key\.$/);
    expect(s.world.requests).toHaveLength(1);
    expect(s.sleeps).toEqual([]);
    expect(storedObjects(s.t)).toEqual([]);
    expect(s.t.store.sqlite.prepare('SELECT count(*) AS n FROM sync_cursors').get()).toEqual({ n: 0 });
    expect(runs(s.t)).toMatchObject([{ status: 'failed', fetched: 0, created: 0 }]);
  });

  it('stops on a resource the restricted key may not read, naming it', async () => {
    await populated();
    s.world.denyResource(FAKE_STRIPE_KEY, 'invoices');
    const run = await s.sync();
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/^The Stripe key may not read invoices \(Stripe says: The provided key .+ does not have the required permissions.+\): give the restricted key Read access to invoices in Stripe's dashboard, then sync again\. The next sync resumes from where it stopped\.$/);
    expect(s.sleeps).toEqual([]);
    expect(cursor(s.t, 'backfill:subscription')).toMatchObject({ done: true });
    expect(cursor(s.t, 'backfill:invoice')).toMatchObject({ done: false });
  });

  it('spaces requests to the rate limit (token bucket, a second’s burst)', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(
      4,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 10; i++) await limiter.take();
    // Four at once, then one every 250 ms.
    expect(waits).toEqual([250, 250, 250, 250, 250, 250]);
    expect(now).toBe(1500);
    now += 10_000;
    waits.length = 0;
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(waits).toEqual([]);
  });

  it('backs off exponentially up to the cap', () => {
    const policy = { baseMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 7, 12].map((attempt) => backoffMs(attempt, { ...policy, random: () => 1 }))).toEqual([500, 1000, 2000, 30_000, 30_000]);
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, { ...policy, random: () => 0 }))).toEqual([250, 500, 1000]);
  });
});
