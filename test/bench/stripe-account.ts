/**
 * A Stripe account of a given size for the sync bench, built in the fake world
 * (test/support/stripe) without events (a backfill reads lists, not events): a vendor's
 * 16 products, each with a one-time and a monthly (30-day) price — 12 mapped to KeyHub SKUs by
 * `keyhub_sku` metadata (half on the product, half on the price; monthly prices map to
 * a subscription SKU), 4 not mapped (their units wait for a mapping) — then, day by day
 * over the last months: paid Checkout Sessions of 1–3 line items (payment intent and
 * charge each), new and returning customers, 30-day subscriptions with their first
 * invoice, renewals as they fall due (a few cancelled instead), and full refunds of some
 * sessions. Seeded: every run builds the same account. Counts what the sync must do.
 */
import { STRIPE_OBJECT_TYPES } from '../../src-main/domain/sync/stripe/types';
import type { Json, StripeWorld } from '../support/stripe/world';

export interface BenchStripeSku {
  /** KeyHub SKU code of the one-time price; the monthly price's is `${sku}-M`. */
  sku: string;
  name: string;
  /** US cents: the one-time price; the monthly one is a tenth. */
  usd: number;
  /** Where the one-time price's `keyhub_sku` sits; null: not mapped at all. */
  mappedOn: 'product' | 'price' | null;
}

const NAMES = ['Editor', 'Resizer', 'Imageflow', 'Font Pack', 'Sync Server', 'Report Kit', 'PDF Engine', 'Chart Studio', 'Grid Pro', 'Map Tiles', 'OCR Lite', 'Video Trim', 'Legacy Tools', 'Old Viewer', 'Beta Lab', 'Archive'];

export const BENCH_STRIPE_SKUS: BenchStripeSku[] = NAMES.map((name, i) => ({
  sku: `STR-${name.toUpperCase().replace(/ /g, '')}`,
  name,
  usd: 4900 + i * 1000,
  mappedOn: i < 6 ? 'product' : i < 12 ? 'price' : null,
}));

/** Days of grace the bench's subscription SKUs give. */
export const BENCH_GRACE_DAYS = 7;
const DAY = 86_400;

export interface StripeAccountStats {
  /** Objects of the types the sync reads (STRIPE_OBJECT_TYPES). */
  objects: number;
  byType: Record<string, number>;
  customers: number;
  sessions: number;
  sessionLineItems: number;
  subscriptions: number;
  renewals: number;
  canceled: number;
  refunds: number;
  /** Transactions the sync records: paid payment-mode sessions and paid invoices. */
  transactions: number;
  /** Licenses the sync issues: units of mapped session lines and seats of mapped subscription items. */
  licenses: number;
  /** Licenses revoked by the full refunds. */
  revoked: number;
  /** Units of paid items no SKU matches. */
  waitingUnits: number;
}

/** Mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Lukas', 'Mia', 'Noah', 'Léa', 'Sofía', 'Björn', 'Søren', 'Olivia', 'James', 'Chloé', 'Matteo', 'Yuki', 'Priya', 'Omar', 'Ingrid'];
const LAST = ['Müller', 'Weber', 'Smith', 'Jones', "O'Brien", 'Rossi', 'Dubois', 'García', 'Sato', 'Patel', 'Hansen', 'Novak'];
const COUNTRIES = ['US', 'US', 'GB', 'DE', 'CH', 'FR', 'JP', 'CA'];

/**
 * Fills `world` with about `size` objects (it stops at the first step that reaches it)
 * ending near the world's clock at the start; the clock ends at the last object's time.
 */
export function buildStripeAccount(world: StripeWorld, size: number, seed = 6): StripeAccountStats {
  const rnd = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const stats: StripeAccountStats = {
    objects: 0,
    byType: {},
    customers: 0,
    sessions: 0,
    sessionLineItems: 0,
    subscriptions: 0,
    renewals: 0,
    canceled: 0,
    refunds: 0,
    transactions: 0,
    licenses: 0,
    revoked: 0,
    waitingUnits: 0,
  };
  // Objects made per action (what the sync will read): kept in step with the builders, checked at the end.
  let objects = 0;
  const spanDays = Math.max(60, Math.min(365, Math.round(size / 800)));
  const end = world.now;
  world.now = end - spanDays * DAY;
  const step = Math.max(1, Math.floor((spanDays * DAY) / (size / 3.7)));

  world.quietly(() => {
    const catalog = BENCH_STRIPE_SKUS.map((sku) => {
      const product = world.product({ name: sku.name, metadata: sku.mappedOn === 'product' ? { keyhub_sku: sku.sku } : {} });
      const once = world.price({ product, unitAmount: sku.usd, metadata: sku.mappedOn === 'price' ? { keyhub_sku: sku.sku } : {} });
      const monthly = world.price({
        product,
        unitAmount: Math.round(sku.usd / 10),
        // Every 30 days rather than calendar months: renewals then fall the same way whatever today's date.
        recurring: { interval: 'day', intervalCount: 30 },
        metadata: sku.mappedOn ? { keyhub_sku: `${sku.sku}-M` } : {},
      });
      objects += 3;
      return { sku, once, monthly };
    });
    const customers: Json[] = [];
    const refundable: Array<{ paymentIntent: string; mappedUnits: number }> = [];
    const renewals: Array<{ id: string; due: number }> = [];
    let renewalHead = 0;

    const customer = () => {
      if (customers.length > 20 && rnd() < 0.35) return pick(customers);
      const first = pick(FIRST);
      const last = pick(LAST);
      const n = customers.length + 1;
      const made = world.customer({ email: `${first}.${last}.${n}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''), name: `${first} ${last}`, country: pick(COUNTRIES) });
      customers.push(made);
      stats.customers++;
      objects++;
      return made;
    };

    while (objects < size) {
      world.advance(step);
      while (renewalHead < renewals.length && renewals[renewalHead].due <= world.now && objects < size) {
        const due = renewals[renewalHead++];
        if (rnd() < 0.05) {
          world.cancelSubscription(due.id);
          stats.canceled++;
          continue;
        }
        const renewed = world.renewSubscription(due.id);
        stats.renewals++;
        stats.transactions++;
        objects += 3;
        renewals.push({ id: due.id, due: renewed.items.data[0].current_period_end });
      }
      const roll = rnd();
      if (roll < 0.7) {
        const lines = 1 + Math.floor(rnd() * rnd() * 3);
        const chosen = new Set<(typeof catalog)[number]>();
        while (chosen.size < lines) chosen.add(pick(catalog));
        const items = [...chosen].map((c) => ({ c, quantity: rnd() < 0.85 ? 1 : 2 + Math.floor(rnd() * 4) }));
        const session = world.checkoutSession({ customer: customer().id, lineItems: items.map(({ c, quantity }) => ({ price: c.once.id, quantity })), paid: true });
        objects += 3;
        stats.sessions++;
        stats.transactions++;
        stats.sessionLineItems += items.length;
        const mappedUnits = items.filter(({ c }) => c.sku.mappedOn).reduce((sum, { quantity }) => sum + quantity, 0);
        stats.licenses += mappedUnits;
        stats.waitingUnits += items.filter(({ c }) => !c.sku.mappedOn).reduce((sum, { quantity }) => sum + quantity, 0);
        refundable.push({ paymentIntent: session.payment_intent, mappedUnits });
      } else if (roll < 0.95) {
        const c = pick(catalog);
        const quantity = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 3);
        const subscription = world.subscription({ customer: customer().id, items: [{ price: c.monthly.id, quantity }] });
        objects += 4;
        stats.subscriptions++;
        stats.transactions++;
        if (c.sku.mappedOn) stats.licenses += quantity;
        else stats.waitingUnits += quantity;
        renewals.push({ id: subscription.id, due: subscription.items.data[0].current_period_end });
      } else if (refundable.length) {
        const [refunded] = refundable.splice(Math.floor(rnd() * refundable.length), 1);
        world.refund({ paymentIntent: refunded.paymentIntent });
        objects++;
        stats.refunds++;
        stats.revoked += refunded.mappedUnits;
      }
    }
  });

  for (const type of STRIPE_OBJECT_TYPES) stats.byType[type] = world.count(type);
  stats.objects = Object.values(stats.byType).reduce((a, b) => a + b, 0);
  if (stats.objects !== objects) throw new Error(`the bench account holds ${stats.objects} objects, its builder counted ${objects}`);
  return stats;
}
