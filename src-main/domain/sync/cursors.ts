/**
 * Where each sync stream stands, one JSON state per provider and stream. A stream's
 * cursor is written in the same transaction as the rows of the page it covers, so an
 * interrupted sync resumes exactly where its last page was stored.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../store/statements';

/** The stream of a type's backfill ("backfill:invoice"). */
export const backfillStream = (type: string) => `backfill:${type}`;
export const EVENTS_STREAM = 'events';

/** A backfill stream: `created` windows going back from `until`, paged with `starting_after`. */
export interface BackfillCursor {
  /** The newest `created` (unix s) the backfill covers: later objects come through events. */
  until: number;
  /** The window being read: `created` in [windowStart, windowEnd). */
  windowStart: number;
  windowEnd: number;
  /** The last object stored from this window (the next page starts after it), or null at the window's start. */
  startingAfter: string | null;
  /** That object's `created`: a window whose `starting_after` Stripe no longer knows restarts here. */
  lastCreated: number | null;
  /** Objects read by this stream so far (for progress). */
  read: number;
  done: boolean;
}

/** The events stream: the newest event time applied (or the backfill's start before any). */
export interface EventsCursor {
  /** Unix seconds. */
  created: number;
}

export function readCursor<T>(sqlite: Database.Database, provider: string, stream: string): T | null {
  const row = statement(sqlite, 'SELECT state FROM sync_cursors WHERE provider = ? AND stream = ?').get(provider, stream) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as T) : null;
}

export function writeCursor(sqlite: Database.Database, provider: string, stream: string, state: unknown, now: string): void {
  statement(
    sqlite,
    `INSERT INTO sync_cursors (provider, stream, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (provider, stream) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(provider, stream, JSON.stringify(state), now);
}

/**
 * The first backfill has finished: every backfill stream of the provider is done (false
 * before the first run; a run creates all its streams' cursors when it starts).
 */
export function backfillDone(sqlite: Database.Database, provider: string): boolean {
  const row = statement(
    sqlite,
    `SELECT count(*) AS streams, coalesce(sum(json_extract(state, '$.done') = 1), 0) AS done
     FROM sync_cursors WHERE provider = ? AND stream LIKE 'backfill:%'`,
  ).get(provider) as { streams: number; done: number };
  return row.streams > 0 && row.done === row.streams;
}

/** The events cursor as UTC ISO, or null before the first sync. */
export function eventsCursorTime(sqlite: Database.Database, provider: string): string | null {
  const cursor = readCursor<EventsCursor>(sqlite, provider, EVENTS_STREAM);
  return cursor ? new Date(cursor.created * 1000).toISOString() : null;
}
