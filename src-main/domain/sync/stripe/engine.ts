/**
 * What one sync run carries from page to page: the store, the client, the knobs, the
 * run's row and counts, and how it reports progress.
 */
import type Database from 'better-sqlite3';
import type { ApiContext } from '../../../api/dispatch';
import { SkuMatcher } from '../../sales/item-skus';
import { SkuBook } from '../../sales/signing';
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

/** Unix seconds. */
export const unixNow = () => Math.floor(Date.now() / 1000);

/** "1,200". */
export const count = (n: number) => n.toLocaleString('en-US');
