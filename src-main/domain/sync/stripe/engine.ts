/**
 * What one sync run carries from page to page: the store, the client, the knobs, the
 * run's row and counts, and how it reports progress.
 */
import type Database from 'better-sqlite3';
import type { ApiContext } from '../../../api/dispatch';
import { nowUtc } from '../../../shared/time';
import { SkuMatcher } from '../../sales/item-skus';
import { SkuBook } from '../../sales/signing';
import { touchRun } from '../runs';
import type { SyncCounts, SyncMode, SyncProgress } from '../types';
import type { StripeClient } from './client';
import { abortFailure } from './retry';

/** The engine's knobs; tests shrink them. */
export interface SyncTuning {
  /** Objects a list page asks for (Stripe's maximum is 100). */
  pageSize: number;
  /** Days of `created` a backfill window covers. */
  windowDays: number;
  /** Events are polled from the cursor minus this much, so a late-arriving event is not missed. */
  overlapSeconds: number;
  /** How long Stripe keeps events: an older cursor means re-listing everything. */
  retentionDays: number;
  /** Tries of one request (the first included) before the sync stops. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A running sync whose heartbeat is older than this was cut off (a crash). */
  staleAfterMs: number;
  /** How a retry waits (tests record the delays instead of waiting). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Stripe's time now, unix seconds. Unset: the `Date` of Stripe's answer, else this
   * computer's clock. Tests run it at the fake account's time.
   */
  stripeClock?: () => number;
}

export interface SyncEngine {
  ctx: ApiContext;
  sqlite: Database.Database;
  provider: string;
  client: StripeClient;
  tuning: SyncTuning;
  runId: number;
  mode: SyncMode;
  /** The run's counts so far (as written to its row). */
  counts: SyncCounts;
  /** Where it stands: the last page stored ("Invoices: 1,200 read"). */
  stage: string;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** SKUs and item mappings as read lately (see `catalogView`). */
  catalog?: CatalogView;
  /** When the run last touched its heartbeat (ms, this computer's clock). */
  touchedAt: number;
}

interface CatalogView {
  skus: SkuBook;
  matcher: SkuMatcher;
  readAt: number;
}

/** SKUs and mappings are read again this often: a staff change shows within a run, without a read a page. */
const CATALOG_FRESH_MS = 30_000;

/** The SKU rules and item mappings the effects match and sign with, shared by pages for a while. */
export function catalogView(engine: SyncEngine): CatalogView {
  const now = Date.now();
  if (!engine.catalog || now - engine.catalog.readAt > CATALOG_FRESH_MS) {
    engine.catalog = { skus: new SkuBook(engine.ctx.store.db), matcher: new SkuMatcher(engine.sqlite), readAt: now };
  }
  return engine.catalog;
}

/** Tells the caller where the run stands (or, while it waits, why). */
export function reportProgress(engine: SyncEngine, stage = engine.stage): void {
  engine.onProgress?.({ runId: engine.runId, mode: engine.mode, stage, ...engine.counts });
}

/** Stops between pages when asked to. */
export function stopIfAsked(engine: SyncEngine): void {
  if (engine.signal?.aborted) throw abortFailure();
}

/** How often a run touches its heartbeat at least: well within the time after which it counts as cut off. */
export const heartbeatEveryMs = (tuning: Pick<SyncTuning, 'staleAfterMs'>) => Math.max(1_000, Math.min(30_000, Math.floor(tuning.staleAfterMs / 4)));

/**
 * Touches the run's heartbeat, at once or (`whenDue`) only when the last touch is older
 * than `heartbeatEveryMs`; throws RunTakenOver when the run holds the lease no longer.
 */
export function keepLease(engine: SyncEngine, whenDue = false): void {
  const now = Date.now();
  if (whenDue && now - engine.touchedAt < heartbeatEveryMs(engine.tuning)) return;
  touchRun(engine.sqlite, engine.runId, nowUtc());
  engine.touchedAt = now;
}

/** The `Date` Stripe's answer carries (unix s), when the SDK kept it. */
function answeredAt(response: unknown): number | null {
  const headers = (response as { lastResponse?: { headers?: Record<string, unknown> } } | null)?.lastResponse?.headers;
  const date = typeof headers?.date === 'string' ? Date.parse(headers.date) : NaN;
  return Number.isFinite(date) ? Math.floor(date / 1000) : null;
}

/** Stripe's time now (unix s): the tuning's clock, else the `Date` of `response`, else this computer's clock. */
export function stripeTime(tuning: Pick<SyncTuning, 'stripeClock'>, response?: unknown): number {
  return tuning.stripeClock?.() ?? answeredAt(response) ?? Math.floor(Date.now() / 1000);
}

/** "1,200". */
export const count = (n: number) => n.toLocaleString('en-US');
