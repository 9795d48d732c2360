/**
 * What a stored Stripe object changes in KeyHub, by type: prices and products map to
 * SKUs (catalog.ts), customers complete subscriptions that came first, subscriptions
 * keep their rows and licenses in step (subscriptions.ts), paid sessions and invoices
 * are purchases (purchases.ts), and a paid invoice of a subscription moves its licenses
 * to the period it paid for; refunds and lost disputes take licenses back, and the licenses
 * of a subscription whose invoice's money is taken back follow what is still paid (payments.ts).
 * Payment intents change nothing by themselves.
 */
import type Database from 'better-sqlite3';
import { fulfilledUnits } from '../../../sales/fulfil';
import { SkuMatcher } from '../../../sales/item-skus';
import { nowUtc } from '../../../../shared/time';
import { seatsOf, standingOfItem } from '../../subscription-expiry';
import { STRIPE_PROVIDER } from '../api-version';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally } from '../types';
import { applyCatalog, catalogKeys } from './catalog';
import { StripeLookup } from './json';
import { noteInvoice } from './paid-periods';
import { applyCharge, applyPaymentEvent, paymentEventKeys } from './payments';
import { usableKeyOfSku } from './price-names';
import { applyPurchase, recordedStatus, recordedTwin, stripePurchase } from './purchases';
import { applyCustomer, applyPaidInvoice, applySubscription, paidInvoiceKeys, subscriptionKeys } from './subscriptions';

function sum(a: EffectTally, b: EffectTally): EffectTally {
  for (const key of Object.keys(b) as Array<keyof EffectTally>) a[key] += b[key];
  return a;
}

/** Applies one changed object's effects inside the caller's write transaction (throws to refuse it). */
export function applyStripeEffects(ectx: EffectContext, object: ChangedObject): EffectTally {
  switch (object.type) {
    case 'product':
    case 'price':
      return applyCatalog(ectx, object);
    case 'customer':
      return applyCustomer(ectx, object);
    case 'subscription':
      return applySubscription(ectx, object);
    case 'invoice':
      if (!object.deleted) noteInvoice(ectx.sqlite, object.json);
      return sum(applyPurchase(ectx, object), applyPaidInvoice(ectx, object));
    case 'checkout.session':
      return applyPurchase(ectx, object);
    case 'charge':
      return applyCharge(ectx, object);
    case 'refund':
    case 'dispute':
      return applyPaymentEvent(ectx, object);
    default:
      return emptyEffectTally();
  }
}

/** The signing keys the effects of these objects may sign with (read before the write transaction); empty when none must sign. */
export function stripeSigningKeys(sqlite: Database.Database, objects: readonly ChangedObject[]): Set<number> {
  const keyIds = new Set<number>();
  const lookup = new StripeLookup(
    sqlite,
    objects.map((o) => o.json),
  );
  const matcher = new SkuMatcher(sqlite);
  const now = nowUtc();
  for (const object of objects) {
    try {
      switch (object.type) {
        case 'product':
        case 'price':
          catalogKeys(lookup, object, keyIds);
          break;
        case 'subscription':
          subscriptionKeys(lookup, matcher, object.json, now, keyIds);
          break;
        case 'refund':
        case 'dispute':
          if (!object.deleted) paymentEventKeys(lookup, object.type, object.json, keyIds);
          break;
        case 'invoice':
        case 'checkout.session': {
          if (object.type === 'invoice') paidInvoiceKeys(lookup, object.json, now, keyIds);
          const purchase = stripePurchase(lookup, matcher, object, false);
          if (!purchase || purchase.message.status !== 'confirmed') break;
          const recorded = recordedStatus(sqlite, purchase.message.providerTxnId);
          if (recorded !== null && recorded !== 'waiting' && recorded !== 'preauthorized' && recorded !== 'error') break;
          if (recorded === null && recordedTwin(lookup, object, purchase.paymentIntents) !== null) break;
          for (const item of purchase.message.items) {
            // A renewal whose seats all have their license already signs nothing.
            const seats = item.recurs ? seatsOf(standingOfItem(sqlite, STRIPE_PROVIDER, item.providerItemId), item.quantity) : item.quantity;
            if ([...fulfilledUnits(sqlite, purchase.message.provider, item.providerItemId)].filter((u) => u <= seats).length >= seats) continue;
            const skuId = matcher.match(item).skuId;
            const keyId = skuId === null ? null : usableKeyOfSku(sqlite, skuId);
            if (keyId !== null) keyIds.add(keyId);
          }
          break;
        }
        default:
          break;
      }
    } catch {
      // An object its effects will refuse needs no key: the refusal is reported when it is applied.
    }
  }
  return keyIds;
}
