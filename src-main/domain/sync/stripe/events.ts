/**
 * Incremental sync: `/v1/events` from the cursor minus a small overlap, every page, then
 * applied oldest first in chunks. Events already applied (`sync_events`) are skipped;
 * each changed object is re-fetched once per chunk (its state now, not the event's old
 * copy), except a deleted one, stored from the event's copy and marked deleted. A
 * chunk's objects, its event ids and the cursor are written in one transaction.
 */
import type Database from 'better-sqlite3';
import Stripe from 'stripe';
import { statement } from '../../../store/statements';
import { nowUtc } from '../../../shared/time';
import { EVENTS_STREAM, readCursor, writeCursor, type EventsCursor } from '../cursors';
import { timeWords } from '../runs';
import { count, keepLease, stopIfAsked, stripeTime, type SyncEngine } from './engine';
import { nextVersion, readObject, type ReadObject } from './objects';
import { commitPage } from './pages';
import { idOf } from './effects/json';
import { completeChildren, STREAMS } from './streams';
import type { StripeJson, StripeObjectType } from './types';

const DAY_SECONDS = 86_400;
/** Re-fetches in flight at once (the rate limiter still spaces them). */
const FETCH_CONCURRENCY = 4;

/** An event as the sync keeps it while polling (the object only for deletions). */
export interface PolledEvent {
  id: string;
  type: string;
  created: number;
  /** The object type it changes, or null when the sync does not follow it. */
  objectType: StripeObjectType | null;
  objectId: string | null;
  /** The event's copy of a deleted object. */
  deletedCopy: StripeJson | null;
  /** Its place in Stripe's list (newest first): later in the list is older. */
  listIndex: number;
}

/** The object type an event type changes, or null when the sync does not follow it. */
export function objectTypeOfEvent(type: string): StripeObjectType | null {
  const parts = type.split('.');
  switch (parts[0]) {
    case 'product':
    case 'price':
    case 'invoice':
    case 'payment_intent':
    case 'refund':
      return parts[0];
    case 'invoice_payment':
      return 'invoice';
    case 'customer':
      if (parts[1] === 'subscription') return 'subscription';
      // customer.created/updated/deleted; customer.discount.*, customer.source.*, … are not followed.
      return parts.length === 2 ? 'customer' : null;
    case 'checkout':
      return parts[1] === 'session' ? 'checkout.session' : null;
    case 'charge':
      if (parts[1] === 'dispute') return 'dispute';
      if (parts[1] === 'refund') return 'refund';
      return 'charge';
    default:
      return null;
  }
}

function polledEvent(event: StripeJson, listIndex: number): PolledEvent {
  const type = String(event.type);
  const objectType = objectTypeOfEvent(type);
  const object = ((event.data as { object?: StripeJson } | undefined)?.object ?? null) as StripeJson | null;
  // An invoice payment's events change its invoice.
  const objectId = type.startsWith('invoice_payment.') ? idOf(object?.invoice) : idOf(object);
  // A subscription's `.deleted` is its cancellation: Stripe still has it (status canceled), so it is re-fetched like an update.
  const deleted = objectType !== null && objectType !== 'subscription' && type.endsWith('.deleted');
  return { id: event.id, type, created: Number(event.created), objectType, objectId, deletedCopy: deleted ? object : null, listIndex };
}

/** Oldest first: by `created`, then against Stripe's list order (it lists newest first). */
export function oldestFirst(events: PolledEvent[]): PolledEvent[] {
  return [...events].sort((a, b) => a.created - b.created || b.listIndex - a.listIndex);
}

/** The events not applied yet (one look-up per thousand). */
function notApplied(sqlite: Database.Database, provider: string, events: PolledEvent[]): PolledEvent[] {
  const applied = new Set<string>();
  const lookup = statement(sqlite, 'SELECT e.event_id AS id FROM json_each(?) j JOIN sync_events e ON e.provider = ? AND e.event_id = j.value');
  for (let start = 0; start < events.length; start += 1000) {
    const ids = events.slice(start, start + 1000).map((e) => e.id);
    for (const row of lookup.all(JSON.stringify(ids), provider) as Array<{ id: string }>) applied.add(row.id);
  }
  return events.filter((e) => !applied.has(e.id));
}

export type EventsOutcome = { kind: 'applied'; stripeNow: number } | { kind: 'too_old'; cursor: number; stripeNow: number };

/**
 * Polls and applies the events since the cursor. Answers `too_old` (nothing applied)
 * when the cursor is older than Stripe keeps events: the caller re-lists instead.
 * Every page read touches the lease. Once all are applied the cursor moves to Stripe's
 * time minus the overlap even when nothing happened, so a quiet account never falls
 * behind Stripe's retention.
 */
export async function pollEvents(engine: SyncEngine): Promise<EventsOutcome> {
  const { sqlite, provider, tuning } = engine;
  const cursor = readCursor<EventsCursor>(sqlite, provider, EVENTS_STREAM);
  if (!cursor) throw new Error('The events stream has no cursor.');
  const since = cursor.created - tuning.overlapSeconds;
  const sinceWords = `Events since ${timeWords(new Date(cursor.created * 1000).toISOString())}`;
  engine.stage = sinceWords;

  const polled: PolledEvent[] = [];
  let startingAfter: string | undefined;
  let stripeNow = 0;
  for (let first = true; ; first = false) {
    stopIfAsked(engine);
    const page = (await engine.client.request(
      'events',
      (sdk) => sdk.events.list({ limit: tuning.pageSize, created: { gte: since }, ...(startingAfter && { starting_after: startingAfter }) }),
      engine.signal,
    )) as unknown as { data: StripeJson[]; has_more: boolean };
    keepLease(engine);
    if (first) {
      // Stripe's time as the listing began: its clock, or its newest event when that is ahead.
      stripeNow = Math.max(stripeTime(tuning, page), typeof page.data[0]?.created === 'number' ? page.data[0].created : 0);
      if (stripeNow - cursor.created > tuning.retentionDays * DAY_SECONDS) return { kind: 'too_old', cursor: cursor.created, stripeNow };
    }
    for (const event of page.data) polled.push(polledEvent(event, polled.length));
    const last = page.data[page.data.length - 1];
    if (!page.has_more || !last) break;
    startingAfter = last.id;
  }

  const fresh = oldestFirst(notApplied(sqlite, provider, polled));
  // Every event up to Stripe's time as the listing began has been seen: the overlap covers those Stripe lists late.
  const settled = Math.max(cursor.created, stripeNow - tuning.overlapSeconds);
  let newest = cursor.created;
  for (let start = 0; start < fresh.length; start += tuning.pageSize) {
    stopIfAsked(engine);
    const chunk = fresh.slice(start, start + tuning.pageSize);
    const objects = await readChangedObjects(engine, chunk);
    for (const event of chunk) newest = Math.max(newest, event.created);
    const last = start + chunk.length >= fresh.length;
    const cursorAfter: EventsCursor = { created: last ? Math.max(newest, settled) : newest };
    await commitPage(engine, {
      objects,
      fetched: objects.length,
      stage: `${sinceWords}: ${count(start + chunk.length)} of ${count(fresh.length)} applied`,
      save: (db, now) => {
        const insert = statement(db, 'INSERT OR IGNORE INTO sync_events (provider, event_id, type, object_id, created) VALUES (?, ?, ?, ?, ?)');
        for (const event of chunk) insert.run(provider, event.id, event.type, event.objectId, event.created);
        writeCursor(db, provider, EVENTS_STREAM, cursorAfter, now);
      },
    });
  }
  if (fresh.length === 0 && settled > cursor.created) {
    sqlite
      .transaction(() => {
        keepLease(engine);
        writeCursor(sqlite, provider, EVENTS_STREAM, { created: settled } satisfies EventsCursor, nowUtc());
      })
      .immediate();
  }
  pruneEvents(sqlite, provider, stripeNow - (tuning.retentionDays + 1) * DAY_SECONDS);
  return { kind: 'applied', stripeNow };
}

/**
 * The chunk's objects as they are now: each re-fetched once, or, when its last event
 * deleted it, the event's copy marked deleted. An object Stripe no longer has is left
 * to its deletion event.
 */
async function readChangedObjects(engine: SyncEngine, chunk: PolledEvent[]): Promise<ReadObject[]> {
  const latest = new Map<string, PolledEvent>();
  for (const event of chunk) {
    if (event.objectType === null || event.objectId === null) continue;
    latest.set(`${event.objectType}\u0000${event.objectId}`, event);
  }
  const targets = [...latest.values()];
  const results: Array<ReadObject | null> = new Array(targets.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      results[i] = await readChanged(engine, targets[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, targets.length) }, worker));
  return results.filter((r): r is ReadObject => r !== null);
}

async function readChanged(engine: SyncEngine, event: PolledEvent): Promise<ReadObject | null> {
  const type = event.objectType as StripeObjectType;
  if (event.deletedCopy) return readObject(type, event.deletedCopy, nextVersion(), true);
  const spec = STREAMS[type];
  const version = nextVersion();
  let json: StripeJson;
  try {
    json = await engine.client.request(spec.what, (sdk) => spec.retrieve(sdk, event.objectId as string), engine.signal);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && (error.statusCode === 404 || error.code === 'resource_missing')) return null;
    throw error;
  }
  // A deleted customer answers with a stub: its deletion event keeps its last copy.
  if (json.deleted === true) return null;
  await completeChildren(engine.client, type, json, engine.tuning.pageSize, engine.signal);
  return readObject(type, json, version);
}

/** Forgets applied events Stripe no longer lists (older than its retention and a day). */
function pruneEvents(sqlite: Database.Database, provider: string, before: number): void {
  statement(sqlite, 'DELETE FROM sync_events WHERE provider = ? AND created < ?').run(provider, before);
}
