/**
 * The lease (a running `sync_runs` row with a fresh heartbeat) holds for as long as a run
 * lives: its heartbeat is touched on every events page and through retry waits however
 * long Stripe asks for, so no second sync starts beside it; and a run that lost it (it
 * went silent and another sync took over) stops without writing anything more: not its
 * page, not its cursor, not its row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src-main/domain/sync/types';
import { STRIPE_OBJECT_TYPES } from '../../src-main/domain/sync/stripe/types';
import { StripeWorld } from '../support/stripe/world';
import { cursor, expectStoreEqualsWorld, populate, runs, syncSetup, type SyncSetup } from './stripe-sync-support';

let s: SyncSetup;
afterEach(async () => s?.cleanup());

async function populated(): Promise<SyncSetup> {
  const world = new StripeWorld();
  populate(world);
  s = await syncSetup(world);
  return s;
}

const runRow = (id: number) => s.t.store.sqlite.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id) as Record<string, unknown>;

/** As if `ms` had passed since the running run's last touch. */
function ageHeartbeat(ms: number): void {
  const sqlite = s.t.store.sqlite;
  const { id, heartbeat_at } = sqlite.prepare("SELECT id, heartbeat_at FROM sync_runs WHERE status = 'running'").get() as { id: number; heartbeat_at: string };
  sqlite.prepare('UPDATE sync_runs SET heartbeat_at = ? WHERE id = ?').run(new Date(Date.parse(heartbeat_at) - ms).toISOString(), id);
}

/** A second sync's answer: CONFLICT while the first holds the lease. */
const secondSync = () =>
  s.sync().then(
    (run) => `ran (run ${run.id})`,
    (error: { code?: string }) => error.code,
  );

describe('Stripe sync lease', () => {
  it('holds through a Retry-After longer than the stale limit: the wait is cut in slices, the heartbeat touched before each, and a second sync is refused throughout', async () => {
    await populated();
    s.world.failNext(1, { status: 429, retryAfter: 300, path: /^\/v1\/customers$/ });
    const slices: number[] = [];
    const seconds: unknown[] = [];
    const run = await s.sync({
      tuning: {
        staleAfterMs: 120_000,
        // Each slice "passes": the heartbeat grows as old as the time waited since the last touch.
        sleep: async (ms) => {
          slices.push(ms);
          ageHeartbeat(ms);
          seconds.push(await secondSync());
        },
      },
    });
    expect(run).toMatchObject({ status: 'succeeded', errors: 0 });
    expect(slices).toEqual(Array(10).fill(30_000));
    expect(seconds).toEqual(Array(10).fill('CONFLICT'));
    expect(runs(s.t)).toHaveLength(1);
    expectStoreEqualsWorld(s.t, s.world, expect);
  });

  it('touches the heartbeat on every page of events it reads, before applying any', async () => {
    await populated();
    await s.sync();
    s.world.advance(3600);
    const [ann] = s.world.all('customer');
    for (let i = 1; i <= 10; i++) s.world.update(ann.id as string, { name: `Ann ${i}` });
    await s.sync();
    // Within the overlap: the next poll lists the same ten events again (four pages of three), all applied already.
    s.world.advance(60);
    const sqlite = s.t.store.sqlite;
    sqlite.exec('CREATE TEMP TABLE beats (status TEXT NOT NULL)');
    sqlite.exec('CREATE TEMP TRIGGER beat AFTER UPDATE OF heartbeat_at ON main.sync_runs BEGIN INSERT INTO beats VALUES (new.status); END');
    const from = s.world.requests.length;
    const replay = await s.sync();
    expect(replay).toMatchObject({ status: 'succeeded', mode: 'incremental', fetched: 0 });
    const eventPages = s.world.requests.slice(from).filter((r) => r.path === '/v1/events');
    expect(eventPages).toHaveLength(4);
    expect(s.world.requests.slice(from).filter((r) => r.path !== '/v1/events')).toEqual([]);
    // No page was stored (nothing new): each touch is a page read, then the finish.
    expect(sqlite.prepare('SELECT status FROM beats').all()).toEqual([...Array(4).fill({ status: 'running' }), { status: 'succeeded' }]);
  });

  it('stops without writing its page, its cursor or its row once another sync has taken over', async () => {
    await populated();
    s.world.failNext(1, { status: 503, path: /^\/v1\/customers$/ });
    let taker: SyncRun | undefined;
    let silentRow: Record<string, unknown> | undefined;
    const stalled = await s.sync({
      tuning: {
        // While it waits to retry, it goes silent for three minutes (the computer slept): another sync takes over and finishes.
        sleep: async () => {
          ageHeartbeat(180_000);
          taker = await s.sync();
          silentRow = runRow(1);
        },
      },
    });
    expect(taker).toMatchObject({ id: 2, status: 'succeeded', mode: 'backfill', errors: 0 });
    expect(stalled).toMatchObject({
      id: 1,
      status: 'interrupted',
      message: expect.stringMatching(/^Another sync \(run 2\) took over: nothing was heard from this one after .+, so it was counted as stopped\. Run 2 carried on from where it stopped\.$/),
    });
    // After waking it read the customers page again, then found the lease gone: nothing of it was written.
    expect(runRow(1)).toEqual(silentRow);
    for (const type of STRIPE_OBJECT_TYPES) expect(cursor(s.t, `backfill:${type}`)).toMatchObject({ done: true });
    expect(runs(s.t).map((r) => [r.id, r.status])).toEqual([
      [1, 'interrupted'],
      [2, 'succeeded'],
    ]);
    expect(runRow(2)).toMatchObject({ status: 'succeeded', created: taker!.created, fetched: taker!.fetched });
    expectStoreEqualsWorld(s.t, s.world, expect);
  });
});
