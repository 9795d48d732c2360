/** Input schemas of provider sync: the Stripe connection and settings, runs, subscriptions, prices. */
import { z } from 'zod';
import { id, listQuery } from './common';

/** Stripe keys KeyHub accepts: restricted (recommended) or secret, live or test. */
export const STRIPE_KEY_PATTERN = /^(rk|sk)_(live|test)_[A-Za-z0-9]{8,247}$/;

export const stripeSecretKey = z
  .string()
  .trim()
  .regex(STRIPE_KEY_PATTERN, 'Paste a Stripe restricted key (rk_live_… or rk_test_…) or secret key (sk_…).');

/** Hosts that are this computer: the only ones a key may be sent to without TLS. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

const HTTP_ONLY_LOOPBACK = "Use https:// for Stripe's address; plain http:// only for a test server on this computer (127.0.0.1, [::1] or localhost).";

/**
 * Stripe's API address: https://host[:port], nothing after it; plain http only to this
 * computer (a local test server), so a key never crosses a network in the clear.
 */
export const stripeApiBase = z
  .string()
  .trim()
  .regex(/^https?:\/\/([A-Za-z0-9.-]+|\[::1\])(:\d{1,5})?\/?$/i, 'Give an address like https://api.stripe.com or http://127.0.0.1:12111.')
  .refine((v) => {
    const [, scheme, host] = /^(https?):\/\/(\[::1\]|[^/:]+)/i.exec(v) ?? [];
    return scheme?.toLowerCase() === 'https' || LOOPBACK_HOSTS.has(host?.toLowerCase() ?? '');
  }, HTTP_ONLY_LOOPBACK)
  .transform((v) => v.replace(/\/$/, ''));

export const stripeConnect = z.object({
  secretKey: stripeSecretKey,
  /** Keep the key in the OS keychain (desktop app) instead of sealing it with the passphrase. */
  useOsKeychain: z.boolean().optional(),
  apiBase: stripeApiBase.optional(),
});

/** Tests a key before connecting it, or the stored one when none is given. */
export const stripeTest = z
  .object({ secretKey: stripeSecretKey.optional(), apiBase: stripeApiBase.optional() })
  .optional()
  .transform((v) => v ?? {});

export const stripeSettingsUpdate = z.object({
  scheduleMinutes: z.number().int().min(0, 'Use 0 to sync only on demand.').max(24 * 60, 'Sync at least once a day (1,440 minutes).').optional(),
  apiBase: stripeApiBase.optional(),
  /**
   * The key again, required (while connected) when apiBase changes: the stored key is sent
   * only to the address it was stored for. It is tested at the new address and stored in
   * place of the old one.
   */
  secretKey: stripeSecretKey.optional(),
  requestsPerSecond: z.number().int().min(1).max(100, "Stripe allows 100 requests a second at most.").optional(),
});

export const stripeSync = z
  .object({
    /** Re-list every object instead of polling events (changes nothing that is already right). */
    full: z.boolean().optional(),
  })
  .optional()
  .transform((v) => v ?? {});

export const PRICE_MATCH_FILTERS = ['all', 'unmatched'] as const;
export const stripePrices = z.object({
  search: z.string().trim().max(256).optional(),
  match: z.enum(PRICE_MATCH_FILTERS).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

export const syncRuns = z.object({
  provider: z.string().trim().min(1).max(32).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).optional(),
});

/** As db/schema.ts SUBSCRIPTION_STATUSES (repeated: the renderer must not import the schema). */
export const SUBSCRIPTION_STATUS_VALUES = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] as const;
/** Filters: a status, or `ended` (canceled, unpaid, incomplete_expired: renewal has ended). */
export const SUBSCRIPTION_FILTERS = [...SUBSCRIPTION_STATUS_VALUES, 'ended'] as const;
export const SUBSCRIPTION_SORT = ['startedAt', 'currentPeriodEnd', 'status', 'customer', 'id'] as const;

export const subscriptionList = listQuery(SUBSCRIPTION_SORT).extend({
  status: z.enum(SUBSCRIPTION_FILTERS).optional(),
  customerId: id.optional(),
  skuId: id.optional(),
});
