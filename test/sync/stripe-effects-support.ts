/**
 * The effects' tests: a real store with a vendor, an unlocked key and SKUs, a fake Stripe
 * account (test/support/stripe/world.ts), and objects handed to the effects the way the
 * engine does it (stored, then applied, one write transaction, keys opened first), without
 * the network: `apply` takes objects as Stripe shows them, `syncWorld` every object of
 * the account in backfill order (newest first per type), only those that changed.
 */
import { SkuBook, withSigners } from '../../src-main/domain/sales/signing';
import { SkuMatcher } from '../../src-main/domain/sales/item-skus';
import { applyStripeEffects, stripeSigningKeys } from '../../src-main/domain/sync/stripe/effects';
import { diffObjects, nextVersion, readObject, upsertObject } from '../../src-main/domain/sync/stripe/objects';
import { emptyEffectTally, STRIPE_OBJECT_TYPES, type EffectTally, type StripeJson, type StripeObjectType } from '../../src-main/domain/sync/stripe/types';
import { nowUtc } from '../../src-main/shared/time';
import { claimsOf, licensing, type Licensing } from '../domain/license-lifecycle-fixture';
import { StripeWorld, type Json } from '../support/stripe/world';
import { tempStore, type TempStore } from '../support/temp-store';

export const DAY = 86_400;

export interface EffectsSetup {
  t: TempStore;
  lic: Licensing;
  world: StripeWorld;
  /** Stores and applies these objects as one page; returns what the effects did and the keys the page asked for. */
  apply(objects: Json[]): Promise<{ tally: EffectTally; keys: Set<number>; errors: string[] }>;
  /** Every object of the world the store does not hold as it is now, in backfill order. */
  syncWorld(): Promise<{ tally: EffectTally; keys: Set<number>; errors: string[] }>;
  cleanup(): void;
}

const typeOf = (json: Json): StripeObjectType => json.object as StripeObjectType;

export async function effectsSetup(world = new StripeWorld()): Promise<EffectsSetup> {
  const t = tempStore();
  const lic = await licensing(t);
  const sqlite = t.store.sqlite;

  async function apply(objects: Json[]) {
    const reads = objects.map((json) => readObject(typeOf(json), json as StripeJson, nextVersion(), json.deleted === true));
    const diff = diffObjects(sqlite, reads);
    const keys = stripeSigningKeys(sqlite, diff.changed);
    const tally = emptyEffectTally();
    const errors: string[] = [];
    const now = nowUtc();
    await withSigners(t.ctx, keys, (signers) => {
      const fulfil = { sqlite, actor: 'sync:stripe', skus: new SkuBook(t.store.db), signers };
      const ectx = { sqlite, actor: 'sync:stripe', now, fulfil, matcher: new SkuMatcher(sqlite) };
      const one = sqlite.transaction((i: number) => {
        upsertObject(sqlite, diff.reads[i], now);
        const done = applyStripeEffects(ectx, diff.changed[i]);
        for (const key of Object.keys(tally) as Array<keyof EffectTally>) tally[key] += done[key];
      });
      sqlite
        .transaction(() => {
          diff.changed.forEach((object, i) => {
            try {
              one(i);
            } catch (error) {
              errors.push(`${object.id}: ${(error as Error).message}`);
            }
          });
        })
        .immediate();
    });
    return { tally, keys, errors };
  }

  return {
    t,
    lic,
    world,
    apply,
    syncWorld() {
      const objects: Json[] = [];
      for (const type of STRIPE_OBJECT_TYPES) {
        for (const object of world.all(type).reverse()) objects.push(object.deleted ? object : world.get(object.id as string)!);
      }
      return apply(objects);
    },
    cleanup: () => t.cleanup(),
  };
}

export const rows = (t: TempStore, sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).all(...params) as Array<Record<string, unknown>>;
export const one = (t: TempStore, sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).get(...params) as Record<string, unknown> | undefined;

/** Unix seconds as KeyHub's UTC ISO text. */
export const iso = (unix: number) => new Date(unix * 1000).toISOString();
export const plusDays = (unix: number, days: number) => iso(unix + days * DAY);

export function transactions(t: TempStore) {
  return rows(
    t,
    `SELECT provider, provider_txn_id AS txn, txn_type AS type, status, payer_email AS email, payer_first_name AS first, payer_last_name AS last,
            payer_business_name AS business, payer_id AS payerId, residence_country AS country, currency, gross, refunded, tax, payment_date AS paid,
            pending_decision AS decision, customer_id AS customerId
     FROM transactions ORDER BY payment_date, provider_txn_id`,
  );
}

export function items(t: TempStore) {
  return rows(
    t,
    `SELECT t.provider_txn_id AS txn, ti.provider_item_id AS item, ti.e_item_number AS number, ti.e_item_name AS name, ti.sku_code AS skuCode, s.sku,
            ti.quantity, ti.gross, ti.waiting_units AS waiting
     FROM transaction_items ti JOIN transactions t ON t.id = ti.transaction_id LEFT JOIN skus s ON s.id = ti.sku_id ORDER BY ti.id`,
  );
}

interface LicenseRow {
  id: number;
  sku: string;
  item: string | null;
  unit: number | null;
  owner: string;
  issued: string;
  expires: string | null;
  status: string;
  bytes: Buffer;
}

/** Every license with its ledger key, and what its signed file says. */
export function licenses(t: TempStore) {
  return (
    t.store.sqlite.prepare(
    `SELECT l.id, s.sku, f.provider_item_id AS item, f.unit, l.owner_name AS owner, l.issued, l.expires, l.status, l.license_bytes AS bytes
     FROM licenses l JOIN skus s ON s.id = l.sku_id LEFT JOIN fulfilments f ON f.license_id = l.id ORDER BY l.id`,
    ).all() as LicenseRow[]
  ).map(({ bytes, ...row }) => {
    const file = claimsOf(bytes);
    return { ...row, fileExpires: file.expires, fileOwner: file.owner };
  });
}

/** The same, by ledger key (a backfill reads newest first, so ids do not follow the purchases' order). */
export const licensesByItem = (t: TempStore) =>
  licenses(t).sort((a, b) => String(a.item).localeCompare(String(b.item)) || Number(a.unit) - Number(b.unit));

export function subscriptions(t: TempStore) {
  return rows(
    t,
    `SELECT provider_subscription_id AS id, status, customer_id AS customerId, provider_customer_id AS cus, currency, current_period_start AS periodStart,
            current_period_end AS periodEnd, cancel_at_period_end AS cancelAtPeriodEnd, cancel_at AS cancelAt, canceled_at AS canceledAt, ended_at AS endedAt,
            renewal_ended_at AS renewalEndedAt, started_at AS startedAt
     FROM subscriptions ORDER BY id`,
  );
}

export function subscriptionItems(t: TempStore) {
  return rows(
    t,
    `SELECT s.provider_subscription_id AS subscription, i.provider_item_id AS id, i.provider_price_id AS price, i.provider_product_id AS product, k.sku, i.quantity,
            i.current_period_start AS periodStart, i.current_period_end AS periodEnd
     FROM subscription_items i JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN skus k ON k.id = i.sku_id ORDER BY i.id`,
  );
}

export const auditOf = (t: TempStore, action: string) =>
  rows(t, 'SELECT actor, target_type AS targetType, target_id AS targetId, details FROM audit_log WHERE action = ? ORDER BY id', action).map((r) => ({
    ...r,
    details: JSON.parse(r.details as string) as Record<string, unknown>,
  }));
