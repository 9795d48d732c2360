/**
 * The Stripe sync as the hosts see it: its status (connection, settings, the run in
 * progress in any process, the last one, the schedule), starting a run as a job, and
 * stopping it after its current page. One sync at a time: the job lock stops a second
 * one in this process, the run lease (a running `sync_runs` row with a fresh heartbeat)
 * one in another (the CLI beside the desktop app).
 */
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError } from '../../../api/errors';
import { nowUtc } from '../../../shared/time';
import type { JobStatus } from '../../jobs/jobs';
import { readStripeSettings } from '../../settings/settings';
import { backfillDone, eventsCursorTime } from '../cursors';
import { abandonRun, lastRun, runningRun } from '../runs';
import type { StripeConnection, StripeSettings, StripeStatus, SyncRun, SyncTrigger } from '../types';
import { STRIPE_PROVIDER } from './api-version';
import { readAccountFacts } from './connection';
import { isLiveKey, openStripeKey, readStoredSecret, secretUsability } from './secret';
import { runStripeSync } from './sync';

export const SYNC_JOB_LOCK = 'sync:stripe';

/** The sync this process runs now, so `stripe.stop` can reach it. */
interface LocalSync {
  jobId: string;
  controller: AbortController;
  /** Its run, once it holds the lease. */
  runId?: number;
}

const localSyncs = new WeakMap<ApiContext, LocalSync>();
/** Hosts whose schedule timer runs (the CLI has none: it has no next run). */
const scheduled = new WeakSet<ApiContext>();

export function markScheduled(ctx: ApiContext, on: boolean): void {
  if (on) scheduled.add(ctx);
  else scheduled.delete(ctx);
}

export function stripeConnection(ctx: ApiContext): StripeConnection {
  const stored = readStoredSecret(ctx.store.sqlite);
  const { usable, reason } = secretUsability(ctx, stored);
  const osKeychainAvailable = ctx.osKeychain?.isAvailable() ?? false;
  if (!stored) {
    return { connected: false, sealing: null, keyHint: null, livemode: null, accountId: null, accountName: null, connectedAt: null, usable, unusableReason: reason, osKeychainAvailable };
  }
  const facts = readAccountFacts(ctx.store.db);
  return {
    connected: true,
    sealing: stored.sealing,
    keyHint: stored.hint,
    livemode: facts?.livemode ?? isLiveKey(stored.hint),
    accountId: facts?.accountId ?? null,
    accountName: facts?.accountName ?? null,
    connectedAt: facts?.connectedAt ?? stored.createdAt,
    usable,
    unusableReason: reason,
    osKeychainAvailable,
  };
}

/**
 * When the schedule starts the next run: `scheduleMinutes` after the last one started
 * (now, when that has passed or there is none). Null when no timer runs in this host,
 * the schedule is off, or Stripe is not connected.
 */
export function nextRunAt(ctx: ApiContext, settings: StripeSettings, connected: boolean, last: SyncRun | null, now = Date.now()): string | null {
  if (!scheduled.has(ctx) || !connected || settings.scheduleMinutes <= 0) return null;
  const due = last ? Date.parse(last.startedAt) + settings.scheduleMinutes * 60_000 : now;
  return new Date(Math.max(due, now)).toISOString();
}

export function stripeStatus(ctx: ApiContext): StripeStatus {
  const { sqlite, db } = ctx.store;
  const connection = stripeConnection(ctx);
  const settings = readStripeSettings(db);
  const running = runningRun(sqlite, STRIPE_PROVIDER);
  const last = lastRun(sqlite, STRIPE_PROVIDER);
  return {
    connection,
    settings,
    running,
    lastRun: last,
    nextRunAt: running ? null : nextRunAt(ctx, settings, connection.connected, last),
    backfillDone: backfillDone(sqlite, STRIPE_PROVIDER),
    eventsCursor: eventsCursorTime(sqlite, STRIPE_PROVIDER),
  };
}

const TRIGGER_WORDS: Record<SyncTrigger, string> = { schedule: 'by the schedule', manual: 'from the app', cli: 'from the command line' };

function alreadyRunning(run: SyncRun): KeyHubError {
  return new KeyHubError(
    'CONFLICT',
    `A Stripe sync is already running (run ${run.id}, started ${run.startedAt.replace(/\.\d{3}Z$/, 'Z')} ${TRIGGER_WORDS[run.trigger]}${run.stage ? `: ${run.stage}` : ''}). Wait for it to finish, or stop it.`,
    { runId: run.id },
  );
}

/**
 * Starts a sync as a job, refusing at once (nothing started) while one runs anywhere,
 * when Stripe is not connected, or when its key cannot be read now (LOCKED).
 */
export function startStripeSync(ctx: ApiContext, options: { full?: boolean; trigger: SyncTrigger }): JobStatus {
  const running = runningRun(ctx.store.sqlite, STRIPE_PROVIDER);
  if (running) throw alreadyRunning(running);
  const secretKey = openStripeKey(ctx);
  const settings = readStripeSettings(ctx.store.db);
  const controller = new AbortController();
  const local: LocalSync = { jobId: '', controller };
  // Leaving the process at once (a second Ctrl-C) must not leave the run looking alive for minutes.
  const onExit = () => abandonLocalRun(ctx, local);
  const job = ctx.jobs.start('sync.stripe', 'Stripe sync', SYNC_JOB_LOCK, async (progress) => {
    process.once('exit', onExit);
    try {
      return await runStripeSync(ctx, {
        secretKey,
        settings,
        trigger: options.trigger,
        full: options.full ?? false,
        signal: controller.signal,
        onBegin: (run) => (local.runId = run.id),
        onProgress: (p) => progress(p.fetched, 0, p.stage),
      });
    } finally {
      process.off('exit', onExit);
      if (localSyncs.get(ctx) === local) localSyncs.delete(ctx);
    }
  });
  local.jobId = job.id;
  localSyncs.set(ctx, local);
  return job;
}

/**
 * Marks this process's run interrupted now, KeyHub quitting before its page in flight is
 * stored. Safe between any two transactions (the page is simply not stored; should the
 * run carry on, it finds its lease gone and stops); a store already closed is left be.
 */
function abandonLocalRun(ctx: ApiContext, local: LocalSync): void {
  if (local.runId === undefined) return;
  try {
    abandonRun(ctx.store.sqlite, local.runId, nowUtc());
  } catch {
    // The store closed first: the run's heartbeat goes stale and the next sync takes over.
  }
}

/** Asks this process's sync, if any, to stop after its current page; true when there was one. */
export function abortLocalSync(ctx: ApiContext): boolean {
  const local = localSyncs.get(ctx);
  local?.controller.abort();
  return local !== undefined;
}

/** Asks this process's sync to stop after its current page; a sync of another process is stopped there. */
export function stopStripeSync(ctx: ApiContext): { stopping: boolean } {
  if (abortLocalSync(ctx)) return { stopping: true };
  const running = runningRun(ctx.store.sqlite, STRIPE_PROVIDER);
  if (running) {
    throw new KeyHubError(
      'CONFLICT',
      `The running Stripe sync (run ${running.id}) was started ${TRIGGER_WORDS[running.trigger]} in another KeyHub; stop it there (Ctrl-C stops a command-line sync).`,
      { runId: running.id },
    );
  }
  return { stopping: false };
}

/**
 * Stops this process's sync after its current page and waits for it (at most
 * `timeoutMs`): a host closing its store first lets the page in flight finish. One that
 * has not stopped by then (a request Stripe is slow to answer) is marked interrupted,
 * its page in flight not stored.
 */
export async function settleStripeSync(ctx: ApiContext, timeoutMs = 10_000): Promise<void> {
  const local = localSyncs.get(ctx);
  if (!local) return;
  local.controller.abort();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([ctx.jobs.wait(local.jobId, undefined, 25).then(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (localSyncs.get(ctx) === local) abandonLocalRun(ctx, local);
}

/** Whether this process runs a sync now (the schedule waits for it). */
export const syncingHere = (ctx: ApiContext): boolean => localSyncs.has(ctx);
