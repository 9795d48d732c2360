/**
 * The hosts' timer for the Stripe sync: while KeyHub runs (desktop or browser host),
 * every minute it starts a sync when one is due: Stripe connected, its key readable now
 * (the keys unlocked, or the OS keychain there), a schedule set, nothing running here or
 * in another process, and the last run started at least `scheduleMinutes` ago. A
 * locked vault just waits for a later tick.
 */
import type { ApiContext } from '../api/dispatch';
import { readStripeSettings } from '../domain/settings/settings';
import { lastRun, runningRun } from '../domain/sync/runs';
import { STRIPE_PROVIDER } from '../domain/sync/stripe/api-version';
import { readStoredSecret, secretUsability } from '../domain/sync/stripe/secret';
import { markScheduled, settleStripeSync, startStripeSync, syncingHere } from '../domain/sync/stripe/service';

export const SYNC_CHECK_EVERY_MS = 60_000;

/** Whether a scheduled sync is due now. */
export function scheduledSyncDue(ctx: ApiContext, now = Date.now()): boolean {
  const { sqlite, db } = ctx.store;
  const { scheduleMinutes } = readStripeSettings(db);
  if (scheduleMinutes <= 0 || syncingHere(ctx)) return false;
  if (!secretUsability(ctx, readStoredSecret(sqlite)).usable) return false;
  if (runningRun(sqlite, STRIPE_PROVIDER)) return false;
  const last = lastRun(sqlite, STRIPE_PROVIDER);
  return !last || now - Date.parse(last.startedAt) >= scheduleMinutes * 60_000;
}

/**
 * Starts the timer. The returned function stops it and asks a sync running here to stop
 * after its current page; its promise settles when that sync has (call it before
 * closing the store).
 */
export function scheduleStripeSync(ctx: ApiContext, everyMs = SYNC_CHECK_EVERY_MS): () => Promise<void> {
  markScheduled(ctx, true);
  const timer = setInterval(() => {
    try {
      if (scheduledSyncDue(ctx)) startStripeSync(ctx, { trigger: 'schedule' });
    } catch (error) {
      // A race lost to another process's sync, or the store closing: the next tick decides again.
      const code = (error as { code?: unknown }).code;
      if (code !== 'CONFLICT' && code !== 'LOCKED') console.error('[keyhub] the scheduled Stripe sync could not start:', error);
    }
  }, everyMs);
  // The timer alone never keeps the process alive.
  timer.unref();
  return () => {
    clearInterval(timer);
    markScheduled(ctx, false);
    return settleStripeSync(ctx);
  };
}
