/**
 * The hosts' timer for automatic domain renewal: while KeyHub runs (desktop or browser
 * host), every few minutes it renews the automatic domain licenses that are due, if the
 * signing keys are unlocked. One sweep at a time; a locked vault just waits for the next tick.
 */
import type { ApiContext } from '../api/dispatch';
import { renewalSweep } from '../domain/licenses/domain-renewal';

export const RENEWAL_EVERY_MS = 5 * 60_000;

/** Starts the timer; call the returned function to stop it (when the host closes). */
export function scheduleDomainRenewals(ctx: ApiContext, everyMs = RENEWAL_EVERY_MS): () => void {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void renewalSweep(ctx).finally(() => {
      sweeping = false;
    });
  }, everyMs);
  // The timer alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
