/**
 * The backfill: each object type read by windows of `created`, going back from a fixed
 * `until` (later objects come through events), newest first as Stripe lists them, paged
 * with `starting_after`. When a window is exhausted, one probe (`created[lt]` = the
 * window's start, limit 1) finds the next non-empty window, so empty stretches cost one
 * request; none left means the stream is done. Each page's cursor is stored with its rows.
 */
import Stripe from 'stripe';
import { backfillStream, readCursor, writeCursor, type BackfillCursor } from '../cursors';
import { count, stopIfAsked, type SyncEngine } from './engine';
import { nextVersion, readObject, type ReadObject } from './objects';
import { commitPage } from './pages';
import { completeChildren, STREAMS, type ListPage, type StreamSpec } from './streams';
import { STRIPE_OBJECT_TYPES, type StripeObjectType } from './types';

const DAY_SECONDS = 86_400;

/** A window of `windowDays` ending (exclusive) at `windowEnd`. */
function windowEndingAt(engine: SyncEngine, base: BackfillCursor, windowEnd: number): BackfillCursor {
  return { ...base, windowEnd, windowStart: windowEnd - engine.tuning.windowDays * DAY_SECONDS, startingAfter: null, lastCreated: null };
}

/** A stream's cursor before its first page: the window ending at `until` (included). */
export function freshBackfillCursor(engine: SyncEngine, until: number): BackfillCursor {
  const base: BackfillCursor = { until, windowStart: 0, windowEnd: 0, startingAfter: null, lastCreated: null, read: 0, done: false };
  return windowEndingAt(engine, base, until + 1);
}

/** Stripe no longer knows the object a page was to start after (deleted since). */
function missingStartingAfter(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing' && (error.param === undefined || error.param === 'starting_after');
}

/** One page read, ready to store: its objects (child lists whole) and where the stream goes after it. */
interface PageRead {
  objects: ReadObject[];
  next: BackfillCursor;
}

/** Reads the page at `cursor` (a window Stripe lost the place in restarts from its last stored `created`). */
async function readPage(engine: SyncEngine, spec: StreamSpec, cursor: BackfillCursor): Promise<PageRead> {
  for (;;) {
    const version = nextVersion();
    let page: ListPage;
    try {
      page = await engine.client.request(
        spec.what,
        (sdk) =>
          spec.list(sdk, {
            limit: engine.tuning.pageSize,
            created: { gte: cursor.windowStart, lt: cursor.windowEnd },
            ...(cursor.startingAfter !== null && { starting_after: cursor.startingAfter }),
          }),
        engine.signal,
      );
    } catch (error) {
      if (!(missingStartingAfter(error) && cursor.startingAfter !== null)) throw error;
      // What is read twice is unchanged and not written again.
      cursor = { ...cursor, windowEnd: (cursor.lastCreated ?? cursor.windowEnd - 1) + 1, startingAfter: null, lastCreated: null };
      continue;
    }
    for (const object of page.data) await completeChildren(engine.client, spec.type, object, engine.tuning.pageSize, engine.signal);
    const next = await nextCursor(engine, spec, cursor, page);
    return { objects: page.data.map((json) => readObject(spec.type, json, version)), next };
  }
}

/** Where the stream goes after this page: the next page, the next non-empty window, or done. */
async function nextCursor(engine: SyncEngine, spec: StreamSpec, cursor: BackfillCursor, page: ListPage): Promise<BackfillCursor> {
  const read = cursor.read + page.data.length;
  const last = page.data[page.data.length - 1];
  if (page.has_more && last) {
    return { ...cursor, startingAfter: last.id, lastCreated: typeof last.created === 'number' ? last.created : cursor.lastCreated, read };
  }
  const probe = await engine.client.request(spec.what, (sdk) => spec.list(sdk, { limit: 1, created: { lt: cursor.windowStart } }), engine.signal);
  const newest = probe.data[0];
  if (!newest || typeof newest.created !== 'number') return { ...cursor, startingAfter: null, lastCreated: null, read, done: true };
  return windowEndingAt(engine, { ...cursor, read }, newest.created + 1);
}

/**
 * Reads one stream until it is done (or the run stops: its cursor holds where). The next
 * page is asked for before this one is stored, so Stripe answers while SQLite writes;
 * a page read ahead is dropped, unstored, if the run stops.
 */
async function backfillOne(engine: SyncEngine, type: StripeObjectType): Promise<void> {
  const spec = STREAMS[type];
  const stream = backfillStream(type);
  const cursor = readCursor<BackfillCursor>(engine.sqlite, engine.provider, stream);
  if (!cursor) throw new Error(`The ${type} backfill has no cursor.`);
  if (cursor.done) return;
  stopIfAsked(engine);
  let ahead: Promise<PageRead> = readPage(engine, spec, cursor);
  try {
    for (;;) {
      const page = await ahead;
      if (!page.next.done) ahead = readPage(engine, spec, page.next);
      await commitPage(engine, {
        objects: page.objects,
        fetched: page.objects.length,
        stage: `${spec.label}: ${count(page.next.read)} read`,
        save: (sqlite, now) => writeCursor(sqlite, engine.provider, stream, page.next, now),
      });
      if (page.next.done) return;
      stopIfAsked(engine);
    }
  } catch (error) {
    // A page read ahead that fails too is of no interest now.
    ahead.catch(() => undefined);
    throw error;
  }
}

/** Every stream not done yet, in backfill order (what later types point at comes first). */
export async function runBackfill(engine: SyncEngine): Promise<void> {
  for (const type of STRIPE_OBJECT_TYPES) await backfillOne(engine, type);
}

/**
 * Starts a backfill from `until`: every stream's cursor, and the events cursor where
 * the backfill leaves off. `keepStarted` keeps streams that already have a cursor (a
 * first backfill resumed, or a type added since).
 */
export function startBackfill(engine: SyncEngine, until: number, keepStarted: boolean, now: string): void {
  for (const type of STRIPE_OBJECT_TYPES) {
    const stream = backfillStream(type);
    if (keepStarted && readCursor(engine.sqlite, engine.provider, stream)) continue;
    writeCursor(engine.sqlite, engine.provider, stream, freshBackfillCursor(engine, until), now);
  }
}
