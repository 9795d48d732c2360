/**
 * The Stripe client the sync reads through: the official SDK at the pinned API version,
 * pointed at the configured address, with every call passing the rate limiter and the
 * retry loop (the SDK's own retries are off, so the policy is KeyHub's alone).
 */
import Stripe from 'stripe';
import type { StripeSettings } from '../types';
import { STRIPE_API_VERSION } from './api-version';
import { RateLimiter } from './rate-limit';
import { realSleep, withRetries, type RetryPolicy } from './retry';

/** A request Stripe has not answered in this long is a network failure (and retried). */
const REQUEST_TIMEOUT_MS = 60_000;

export interface StripeClientOptions {
  secretKey: string;
  settings: Pick<StripeSettings, 'apiBase' | 'requestsPerSecond'>;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export interface StripeClient {
  readonly sdk: Stripe;
  /** Sends one SDK call through the limiter and the retry loop; `what` names what it reads ("invoices"). */
  request<T>(what: string, call: (sdk: Stripe) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** The SDK's host, port and protocol from an address like `https://api.stripe.com` or `http://127.0.0.1:12111`. */
export function sdkAddress(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  // URL keeps an IPv6 host in brackets ("[::1]"); Node's resolver wants it bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

export function createStripeSdk(secretKey: string, apiBase: string, timeoutMs = REQUEST_TIMEOUT_MS): Stripe {
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    ...sdkAddress(apiBase),
    maxNetworkRetries: 0,
    timeout: timeoutMs,
    telemetry: false,
    appInfo: { name: 'KeyHub' },
  });
}

export function createStripeClient(options: StripeClientOptions): StripeClient {
  const sdk = createStripeSdk(options.secretKey, options.settings.apiBase, options.timeoutMs);
  const limiter = new RateLimiter(options.settings.requestsPerSecond);
  const policy: RetryPolicy = { maxAttempts: 5, baseMs: 500, maxMs: 30_000, sleep: realSleep, ...options.retry };
  return {
    sdk,
    request: (what, call, signal) =>
      withRetries(
        what,
        async () => {
          await limiter.take();
          return call(sdk);
        },
        policy,
        signal,
      ),
  };
}
