/**
 * The engine's tests: a temp store, a fake Stripe account served on 127.0.0.1, and a
 * sync through the official SDK with small pages and windows and recorded retry waits.
 */
import type { SyncProgress, SyncRun, StripeSettings } from '../../src-main/domain/sync/types';
import { runStripeSync, type StripeSyncOptions, type SyncTuning } from '../../src-main/domain/sync/stripe/sync';
import { STRIPE_OBJECT_TYPES } from '../../src-main/domain/sync/stripe/types';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld, type Json } from '../support/stripe/world';
import { tempStore, type TempStore } from '../support/temp-store';

export const DAY = 86_400;

export interface SyncSetup {
  t: TempStore;
  world: StripeWorld;
  server: StripeServer;
  settings: StripeSettings;
  /** Every retry wait asked for, in ms (nothing actually waits). */
  sleeps: number[];
  sync(options?: Partial<StripeSyncOptions>): Promise<SyncRun>;
  cleanup(): Promise<void>;
}

export const SMALL: Partial<SyncTuning> = { pageSize: 3, windowDays: 2, maxAttempts: 3, retryBaseMs: 200, retryMaxMs: 1_000 };

export async function syncSetup(world = new StripeWorld(), store = tempStore()): Promise<SyncSetup> {
  const server = await startStripeServer(world);
  const settings: StripeSettings = { scheduleMinutes: 0, apiBase: server.url, requestsPerSecond: 10_000 };
  const sleeps: number[] = [];
  return {
    t: store,
    world,
    server,
    settings,
    sleeps,
    sync: (options = {}) =>
      runStripeSync(store.ctx, {
        secretKey: FAKE_STRIPE_KEY,
        settings,
        trigger: 'cli',
        ...options,
        tuning: {
          ...SMALL,
          sleep: async (ms: number) => {
            sleeps.push(ms);
          },
          ...options.tuning,
        },
      }),
    async cleanup() {
      await server.close();
      store.cleanup();
    },
  };
}

/**
 * An account with a few of everything, made over 20 days: five products made together
 * (more than a page), prices (one-time and recurring), customers, paid Checkout Sessions (intents and charges), subscriptions
 * (invoices with payments), a refund and a dispute. No SKU matches anything, so the
 * effects only record.
 */
export function populate(world: StripeWorld): void {
  const resizer = world.product({ name: 'Resizer' });
  const once = world.price({ product: resizer, unitAmount: 4900 });
  const monthly = world.price({ product: resizer, unitAmount: 900, recurring: { interval: 'month' } });
  for (const name of ['Unused', 'Cropper', 'Watermark', 'Archive']) world.product({ name });
  world.advance(3 * DAY);
  const ann = world.customer({ email: 'ann@example.com', name: 'Ann Lee' });
  const bob = world.customer({ email: 'bob@example.com', name: 'Bob Roe', businessName: 'Roe Ltd' });
  const first = world.checkoutSession({ customer: ann, lineItems: [{ price: once, quantity: 2 }], paid: true });
  world.advance(4 * DAY);
  world.checkoutSession({ email: 'cid@example.com', name: 'Cid', lineItems: [{ price: once, quantity: 1 }], paid: true });
  world.subscription({ customer: bob, items: [{ price: monthly, quantity: 3 }] });
  world.advance(6 * DAY);
  world.refund({ paymentIntent: first.payment_intent as string, amount: 1000 });
  world.customer({ email: 'dee@example.com', name: 'Dee' });
  world.advance(7 * DAY);
  const second = world.checkoutSession({ customer: ann, lineItems: [{ price: once, quantity: 1 }], paid: true });
  world.dispute({ paymentIntent: second.payment_intent as string, status: 'needs_response' });
}

export interface StoredObject {
  id: string;
  type: string;
  created: number;
  customer: string | null;
  payment_intent: string | null;
  parent: string | null;
  status: string | null;
  amount: number | null;
  currency: string | null;
  livemode: number;
  deleted: number;
  raw: string;
}

/** `stripe_objects` without the local read times, ordered by id. */
export function storedObjects(t: TempStore): StoredObject[] {
  return t.store.sqlite
    .prepare('SELECT id, type, created, customer, payment_intent, parent, status, amount, currency, livemode, deleted, raw FROM stripe_objects ORDER BY id')
    .all() as StoredObject[];
}

/** The world's current objects of the types the sync reads, as a retrieve shows them (child lists expanded), by id. */
export function worldObjects(world: StripeWorld): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const type of STRIPE_OBJECT_TYPES) {
    for (const object of world.all(type)) {
      if (object.deleted) continue;
      out.set(object.id as string, world.get(object.id as string)!);
    }
  }
  return out;
}

/** The store holds exactly the world's objects, each as Stripe shows it now (child lists whole). */
export function expectStoreEqualsWorld(t: TempStore, world: StripeWorld, expect: (actual: unknown) => { toEqual(v: unknown): void }): void {
  const stored = storedObjects(t).filter((o) => o.deleted === 0);
  const wanted = worldObjects(world);
  expect(stored.map((o) => o.id)).toEqual([...wanted.keys()].sort());
  for (const o of stored) expect({ id: o.id, json: JSON.parse(o.raw) }).toEqual({ id: o.id, json: wanted.get(o.id) });
}

export const runs = (t: TempStore) =>
  t.store.sqlite.prepare('SELECT id, mode, trigger, status, fetched, created, updated, unchanged, errors, message FROM sync_runs ORDER BY id').all() as Array<
    Pick<SyncRun, 'id' | 'mode' | 'trigger' | 'status' | 'fetched' | 'created' | 'updated' | 'unchanged' | 'errors' | 'message'>
  >;

export const cursor = (t: TempStore, stream: string) => {
  const row = t.store.sqlite.prepare("SELECT state FROM sync_cursors WHERE provider = 'stripe' AND stream = ?").get(stream) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as Record<string, unknown>) : null;
};

/** Counts every write to the tables the sync's objects live in (temp triggers), from now on. */
export function countObjectWrites(t: TempStore): () => number {
  const sqlite = t.store.sqlite;
  const tables = ['stripe_objects', 'subscriptions', 'subscription_items', 'transactions', 'transaction_items', 'licenses', 'fulfilments', 'customers', 'provider_customers', 'payment_logs', 'audit_log'];
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS object_writes (n INTEGER NOT NULL)');
  sqlite.exec('DELETE FROM object_writes');
  for (const table of tables) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS count_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} BEGIN INSERT INTO object_writes VALUES (1); END`);
    }
  }
  return () => (sqlite.prepare('SELECT count(*) AS n FROM object_writes').get() as { n: number }).n;
}

/** Progress stages reported, in order. */
export function progressLog(): { stages: string[]; onProgress: (p: SyncProgress) => void } {
  const stages: string[] = [];
  return { stages, onProgress: (p) => stages.push(p.stage) };
}
