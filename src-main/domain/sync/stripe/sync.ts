/**
 * The Stripe sync: takes the lease, picks the mode, runs it page by page and returns the
 * finished run.
 *
 * - backfill: the first sync (or one resuming it) reads every type by `created` windows,
 *   then polls the events since it began;
 * - incremental: polls events since the cursor;
 * - relist: `full`, or an events cursor older than Stripe keeps events: every type is
 *   read again from now (unchanged objects are not written), then events.
 *
 * Every page is stored with its cursor, so a run that stops (asked to, a network
 * failure, a crash) loses nothing and the next one resumes there.
 */
import Stripe from 'stripe';
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError } from '../../../api/errors';
import { nowUtc } from '../../../shared/time';
import { backfillDone, EVENTS_STREAM, readCursor, writeCursor, type EventsCursor } from '../cursors';
import { beginRun, emptyCounts, finishRun, RunTakenOver, setRunMode, timeWords } from '../runs';
import type { StripeSettings, SyncMode, SyncProgress, SyncRun, SyncRunStatus, SyncTrigger } from '../types';
import { STRIPE_PROVIDER } from './api-version';
import { runBackfill, startBackfill } from './backfill';
import { createStripeClient, type StripeClient } from './client';
import { count, heartbeatEveryMs, keepLease, reportProgress, stripeTime, type SyncEngine, type SyncTuning } from './engine';
import { pollEvents } from './events';
import { realSleep, StripeFailure } from './retry';
import { STRIPE_OBJECT_TYPES } from './types';

export type { SyncTuning } from './engine';

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  pageSize: 100,
  windowDays: 30,
  overlapSeconds: 300,
  retentionDays: 30,
  maxAttempts: 5,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  staleAfterMs: 120_000,
  sleep: realSleep,
};

export interface StripeSyncOptions {
  secretKey: string;
  settings: StripeSettings;
  trigger: SyncTrigger;
  /** Re-list every object instead of polling events. */
  full?: boolean;
  /** Stops the sync after the current page (it resumes from there next time). */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Told the run once it holds the lease (the host can mark it stopped should it quit under it). */
  onBegin?: (run: SyncRun) => void;
  tuning?: Partial<SyncTuning>;
}

const DAY_SECONDS = 86_400;
const RESUMES = 'The next sync resumes from where it stopped.';

interface Plan {
  mode: SyncMode;
  message: string | null;
  /** Why a relist: asked for, or the events cursor is older than Stripe keeps events. */
  relist?: 'full' | 'too_old';
}

const dayWords = (unix: number) => timeWords(new Date(unix * 1000).toISOString());

function tooOldMessage(cursor: number | null, retentionDays: number): string {
  if (cursor === null) return 'KeyHub has no record of the Stripe events it read last, so this sync lists every object again.';
  return `The last sync read Stripe's events up to ${dayWords(cursor)}; Stripe keeps events for ${retentionDays} days, so this sync lists every object again instead.`;
}

/**
 * The mode, chosen once the lease is held. A cursor too old is checked before `full`:
 * either way every object is listed, and the events cursor must move with it.
 */
function planRun(ctx: ApiContext, full: boolean, tuning: SyncTuning): Plan {
  const { sqlite } = ctx.store;
  if (!backfillDone(sqlite, STRIPE_PROVIDER)) return { mode: 'backfill', message: null };
  const cursor = readCursor<EventsCursor>(sqlite, STRIPE_PROVIDER, EVENTS_STREAM);
  if (!cursor || stripeTime(tuning) - cursor.created > tuning.retentionDays * DAY_SECONDS) {
    return { mode: 'relist', message: tooOldMessage(cursor?.created ?? null, tuning.retentionDays), relist: 'too_old' };
  }
  if (full) return { mode: 'relist', message: 'Full sync: every object is listed again (what has not changed is not written).', relist: 'full' };
  return { mode: 'incremental', message: null };
}

/** Stripe's time now: its clock, or its newest event's when that is ahead. */
async function stripeNow(engine: SyncEngine): Promise<number> {
  const page = (await engine.client.request('events', (sdk) => sdk.events.list({ limit: 1 }), engine.signal)) as unknown as { data: Array<{ created: number }> };
  return Math.max(stripeTime(engine.tuning, page), page.data[0]?.created ?? 0);
}

/**
 * Starts (or completes) the backfill's cursors. A relist starts every stream again from
 * now; the events cursor moves there too unless it is still within Stripe's retention
 * by Stripe's clock (a full sync keeps polling from where it was, so deletions are
 * still seen; from a cursor Stripe no longer keeps events for, it would list again).
 */
async function prepareBackfill(engine: SyncEngine, relist: Plan['relist']): Promise<void> {
  const { sqlite, provider } = engine;
  const first = relist === undefined && readCursor(sqlite, provider, EVENTS_STREAM) === null;
  const missing = STRIPE_OBJECT_TYPES.some((type) => readCursor(sqlite, provider, `backfill:${type}`) === null);
  if (relist === undefined && !first && !missing) return;
  const until = await stripeNow(engine);
  const now = nowUtc();
  sqlite
    .transaction(() => {
      keepLease(engine);
      startBackfill(engine, until, relist === undefined, now);
      const events = readCursor<EventsCursor>(sqlite, provider, EVENTS_STREAM);
      const tooOld = events !== null && until - events.created > engine.tuning.retentionDays * DAY_SECONDS;
      if (!events || relist === 'too_old' || tooOld) writeCursor(sqlite, provider, EVENTS_STREAM, { created: until } satisfies EventsCursor, now);
    })
    .immediate();
}

/** Runs the plan; answers the run's message (a relist Stripe's clock called for says so). */
async function execute(engine: SyncEngine, plan: Plan): Promise<string | null> {
  if (plan.mode !== 'incremental') {
    await prepareBackfill(engine, plan.relist);
    await runBackfill(engine);
  }
  const outcome = await pollEvents(engine);
  if (outcome.kind === 'applied') return plan.message;
  // Stripe's clock says the cursor is older than its events go back: re-list instead.
  const message = tooOldMessage(outcome.cursor, engine.tuning.retentionDays);
  engine.mode = 'relist';
  setRunMode(engine.sqlite, engine.runId, 'relist', message, nowUtc());
  await prepareBackfill(engine, 'too_old');
  await runBackfill(engine);
  const again = await pollEvents(engine);
  if (again.kind === 'too_old') throw new Error('The events cursor is still too old after re-listing.');
  return message;
}

/**
 * A retry wait in slices, the lease touched before each, so a long `Retry-After` does
 * not make the run look cut off; stops at once when the lease is lost.
 */
async function leaseKeepingSleep(engine: SyncEngine, ms: number, signal?: AbortSignal): Promise<void> {
  const slice = heartbeatEveryMs(engine.tuning);
  for (let left = ms; left > 0; left -= slice) {
    keepLease(engine);
    await engine.tuning.sleep(Math.min(left, slice), signal);
  }
}

/** The client with the lease checked (and touched when due) before each request: a run that lost it asks Stripe nothing more. */
function leaseKeepingClient(checkLease: () => void, client: StripeClient): StripeClient {
  return {
    sdk: client.sdk,
    request: async (what, call, signal) => {
      checkLease();
      return client.request(what, call, signal);
    },
  };
}

interface Ending {
  status: Exclude<SyncRunStatus, 'running'>;
  message: string;
  /** Thrown to the caller after the run is recorded (LOCKED: the CLI unlocks and runs again). */
  rethrow?: unknown;
}

const where = (engine: SyncEngine) => (engine.stage ? ` (${engine.stage})` : '');

/** How a run that stopped early ends, in words for a person. */
function endingOf(engine: SyncEngine, error: unknown): Ending {
  // Its row already says so (another run took over, or KeyHub quit): it is not written again.
  if (error instanceof RunTakenOver) return { status: 'interrupted', message: error.message };
  if (error instanceof StripeFailure) {
    switch (error.kind) {
      case 'aborted':
        return { status: 'interrupted', message: `Stopped on request${where(engine)}. ${RESUMES}` };
      case 'auth':
        return { status: 'failed', message: error.message };
      case 'permission':
        return { status: 'failed', message: `${error.message} ${RESUMES}` };
      case 'unavailable':
        return { status: 'failed', message: `${error.message} The sync stopped${where(engine)}. ${RESUMES}` };
    }
  }
  if (error instanceof KeyHubError && error.code === 'LOCKED') {
    return {
      status: 'interrupted',
      message: `The signing keys are locked and a purchase needs its licenses signed${where(engine)}: unlock them, then sync again. ${RESUMES}`,
      rethrow: error,
    };
  }
  if (error instanceof Stripe.errors.StripeError) {
    return { status: 'failed', message: `Stripe refused a request: ${error.message}${where(engine)}. ${RESUMES}` };
  }
  console.error('[keyhub] Stripe sync failed:', error);
  const detail = error instanceof Error ? error.message : String(error);
  return { status: 'failed', message: `The sync stopped on an unexpected error (${detail})${where(engine)}. ${RESUMES}` };
}

function successMessage(engine: SyncEngine, planned: string | null): string | null {
  const errors = engine.counts.errors;
  const failures = errors > 0 ? `${count(errors)} ${errors === 1 ? 'object' : 'objects'} could not be applied (listed with the run); a full sync tries them again.` : null;
  return [planned, failures].filter(Boolean).join(' ') || null;
}

/**
 * Runs a Stripe sync and returns the finished run (succeeded, failed or interrupted, with
 * a message saying what happened). Throws CONFLICT (naming the run) while another sync
 * runs, and LOCKED, after recording the run as interrupted, when a purchase must be
 * signed and the keys are locked (unlock, run again: it resumes).
 */
export async function runStripeSync(ctx: ApiContext, options: StripeSyncOptions): Promise<SyncRun> {
  const tuning: SyncTuning = { ...DEFAULT_SYNC_TUNING, ...options.tuning };
  const { sqlite } = ctx.store;
  let plan: Plan = { mode: 'backfill', message: null };
  const run = beginRun(sqlite, {
    provider: STRIPE_PROVIDER,
    trigger: options.trigger,
    staleAfterMs: tuning.staleAfterMs,
    now: nowUtc(),
    plan: () => (plan = planRun(ctx, options.full === true, tuning)),
  });
  options.onBegin?.(run);
  const engine: SyncEngine = {
    ctx,
    sqlite,
    provider: STRIPE_PROVIDER,
    tuning,
    runId: run.id,
    mode: run.mode,
    counts: emptyCounts(),
    stage: '',
    signal: options.signal,
    onProgress: options.onProgress,
    touchedAt: Date.now(),
    client: leaseKeepingClient(
      () => keepLease(engine, true),
      createStripeClient({
        secretKey: options.secretKey,
        settings: options.settings,
        retry: {
          maxAttempts: tuning.maxAttempts,
          baseMs: tuning.retryBaseMs,
          maxMs: tuning.retryMaxMs,
          sleep: (ms, signal) => leaseKeepingSleep(engine, ms, signal),
          onRetry: (wait) => reportProgress(engine, `${wait.reason}; trying again in ${Math.ceil(wait.delayMs / 1000)} s`),
        },
      }),
    ),
  };
  let planned: string | null;
  try {
    planned = await execute(engine, plan);
  } catch (error) {
    const ending = endingOf(engine, error);
    const finished = finishRun(sqlite, run.id, ending.status, ending.message, nowUtc());
    if (ending.rethrow) throw ending.rethrow;
    return finished;
  }
  return finishRun(sqlite, run.id, 'succeeded', successMessage(engine, planned), nowUtc());
}
