/**
 * Retrying Stripe requests: 429, 500/502/503/504 and network failures are tried again
 * with exponential backoff and jitter (or after Stripe's `Retry-After`); a refused key
 * or a missing permission stops at once with what to do about it.
 */
import Stripe from 'stripe';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told before each wait (the sync keeps its lease alive and says why it waits). */
  onRetry?: (wait: RetryWait) => void;
}

export interface RetryWait {
  attempt: number;
  delayMs: number;
  /** "Stripe answered 503", "the connection to Stripe failed". */
  reason: string;
}

/** Why a Stripe request stopped the sync, for a person. */
export type StripeFailureKind = 'auth' | 'permission' | 'unavailable' | 'aborted';

export class StripeFailure extends Error {
  constructor(
    readonly kind: StripeFailureKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StripeFailure';
  }
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Stripe's `Retry-After` is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortFailure());
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(abortFailure());
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });

export const abortFailure = () => new StripeFailure('aborted', 'Stopped on request.');

/** What a failed attempt means: try again (and after how long, if Stripe said), or not. */
function retryable(error: unknown): { reason: string; retryAfterMs: number | null } | null {
  if (error instanceof Stripe.errors.StripeConnectionError) {
    const detail = error.detail instanceof Error ? error.detail.message : null;
    return { reason: `the connection to Stripe failed${detail ? ` (${detail})` : ''}`, retryAfterMs: null };
  }
  if (error instanceof Stripe.errors.StripeError && error.statusCode !== undefined && RETRIED_STATUSES.has(error.statusCode)) {
    const header = error.headers?.['retry-after'];
    const seconds = header === undefined ? NaN : Number(header);
    return {
      reason: error.statusCode === 429 ? 'Stripe asked KeyHub to slow down (429)' : `Stripe answered ${error.statusCode}`,
      retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? Math.min(MAX_RETRY_AFTER_MS, Math.ceil(seconds * 1000)) : null,
    };
  }
  return null;
}

/** The wait before try `attempt + 1`: exponential, capped, jittered between half and all of it. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs' | 'random'>): number {
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + (policy.random ?? Math.random)() * (full / 2));
}

/**
 * Sends `send` until it answers, a non-retryable error comes back, or `maxAttempts` tries
 * have failed. `what` names what was being read ("invoices") for the messages.
 */
export async function withRetries<T>(what: string, send: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortFailure();
    try {
      return await send();
    } catch (error) {
      stopIfFinal(what, error);
      const retry = retryable(error);
      if (!retry) throw error;
      if (attempt >= policy.maxAttempts) {
        throw new StripeFailure('unavailable', `Reading ${what} failed: ${retry.reason}, ${attempt} times in a row.`, error);
      }
      const delayMs = retry.retryAfterMs ?? backoffMs(attempt, policy);
      policy.onRetry?.({ attempt, delayMs, reason: retry.reason });
      await policy.sleep(delayMs, signal);
    }
  }
}

/** A refused key or a missing permission: trying again cannot help. */
function stopIfFinal(what: string, error: unknown): void {
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    throw new StripeFailure('auth', `Stripe refused the key (${error.message}): connect again with a valid restricted key.`, error);
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    throw new StripeFailure(
      'permission',
      `The Stripe key may not read ${what} (Stripe says: ${error.message}): give the restricted key Read access to ${what} in Stripe's dashboard, then sync again.`,
      error,
    );
  }
}
