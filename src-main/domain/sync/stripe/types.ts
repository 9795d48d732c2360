/**
 * What the Stripe sync engine (fetching, storing, cursors) and its effects (transactions,
 * licenses, subscriptions) pass each other. Main-process only.
 */
import type Database from 'better-sqlite3';
import type { FulfilContext } from '../../sales/fulfil';
import type { SkuMatcher } from '../../sales/item-skus';

/** The object types the sync reads, in backfill order (what later types point at comes first). */
export const STRIPE_OBJECT_TYPES = [
  'product',
  'price',
  'customer',
  'subscription',
  'invoice',
  'checkout.session',
  'payment_intent',
  'charge',
  'refund',
  'dispute',
] as const;
export type StripeObjectType = (typeof STRIPE_OBJECT_TYPES)[number];

/** A Stripe object as JSON (the SDK's types are not used: the stored shape is what Stripe sent). */
export type StripeJson = Record<string, unknown> & { id: string; object: string };

/** An object the engine has just stored (new, or changed), handed to the effects. */
export interface ChangedObject {
  type: StripeObjectType;
  id: string;
  /** As stored: child lists complete (session `line_items`, invoice `lines` and `payments`, subscription `items`). */
  json: StripeJson;
  /** Deleted at Stripe (a `*.deleted` event): `json` is the event's last copy. */
  deleted: boolean;
  change: 'created' | 'updated';
}

/** What effects share inside one write transaction (a page, or one object's savepoint). */
export interface EffectContext {
  sqlite: Database.Database;
  /** `sync:stripe`. */
  actor: string;
  /** UTC ISO: the page's time. */
  now: string;
  fulfil: FulfilContext;
  matcher: SkuMatcher;
}

export interface EffectTally {
  /** Licenses issued. */
  fulfilled: number;
  revoked: number;
  restored: number;
  /** Licenses whose expiry moved with their subscription. */
  renewed: number;
  /** Units of paid purchases waiting for a SKU or a key. */
  waiting: number;
}

export const emptyEffectTally = (): EffectTally => ({ fulfilled: 0, revoked: 0, restored: 0, renewed: 0, waiting: 0 });
