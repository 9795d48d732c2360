/**
 * The demo's Stripe account: stored through the sync's page writer as a first sync
 * would store it (subscriptions in every status, their licenses following the period
 * end plus the SKU's grace, a refund, three seats, a price without `keyhub_sku`), with no
 * sync run: Stripe stays unconnected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src-main/domain/demo';
import { DEMO_PASSPHRASE } from '../../src-main/domain/demo/licensing';
import { demoStripeAccount } from '../../src-main/domain/demo/stripe';
import { storeStripeObjects } from '../../src-main/domain/sync/stripe/pages';
import { addDays } from '../../src-main/shared/time';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const count = (sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).pluck().get(...params) as number;
const rows = <T>(sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).all(...params) as T[];
const iso = (unix: number) => new Date(unix * 1000).toISOString();

const TABLES = ['stripe_objects', 'transactions', 'transaction_items', 'payment_logs', 'licenses', 'fulfilments', 'subscriptions', 'subscription_items', 'customers', 'provider_customers', 'sku_prices'];
/** Row counts, and the audit log but for unlocking the keys (which the test does between loads). */
const tableCounts = () => ({
  ...Object.fromEntries(TABLES.map((table) => [table, count(`SELECT count(*) FROM ${table}`)])),
  audit: count("SELECT count(*) FROM audit_log WHERE target_type <> 'key_vault'"),
  licenseFiles: count('SELECT total(length(license_bytes)) FROM licenses'),
});

describe('the demo’s Stripe account', () => {
  it('is stored as a first sync stores it: purchases, subscriptions in every status, a refund, an unmapped price; no sync run', async () => {
    const today = new Date();
    const summary = await loadDemo(t.ctx, { today });
    const account = demoStripeAccount(today);
    expect(summary.stripe).toEqual({
      purchases: 8,
      subscriptions: 5,
      statuses: { active: 2, trialing: 1, past_due: 1, canceled: 1 },
      invoices: 16,
      customers: 6,
      issued: 15,
      revoked: 1,
      unmappedPrices: 1,
      objects: account.length,
    });

    // Every object stored once, as Stripe sent it; only test-mode objects.
    const byType = Object.fromEntries(rows<{ type: string; n: number }>('SELECT type, count(*) AS n FROM stripe_objects GROUP BY type').map((r) => [r.type, r.n]));
    expect(byType).toEqual({ product: 7, price: 9, customer: 8, subscription: 5, invoice: 16, 'checkout.session': 8, payment_intent: 23, charge: 23, refund: 1 });
    expect(count('SELECT count(*) FROM stripe_objects WHERE livemode = 1 OR deleted = 1')).toBe(0);
    for (const { json } of account) expect(JSON.parse(rows<{ raw: string }>('SELECT raw FROM stripe_objects WHERE id = ?', json.id)[0].raw)).toEqual(json);

    // Not a sync: no run, no cursor, no events; Stripe is not connected, and a real first sync would backfill.
    expect(count('SELECT count(*) FROM sync_runs') + count('SELECT count(*) FROM sync_cursors') + count('SELECT count(*) FROM sync_events') + count('SELECT count(*) FROM sync_errors')).toBe(0);
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
    const status = await t.call('stripe.status', {});
    expect(status).toMatchObject({ connection: { connected: false }, running: null, lastRun: null, backfillDone: false, eventsCursor: null });

    // The licenses were written by the sync's effects, and say so.
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'license.issue' AND actor = 'sync:stripe'")).toBe(15);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'license.revoke' AND actor = 'sync:stripe'")).toBe(1);
  });

  it('keeps each subscription’s licenses at its period end plus the SKU’s grace; the canceled one’s renewal has ended', async () => {
    const today = new Date();
    await loadDemo(t.ctx, { today });
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
    const list = (await t.call('subscription.list', { limit: 50 })).items;
    expect(list.map((s) => [s.customerName, s.status, s.itemsSummary, s.licenseCount]).sort()).toEqual([
      ['Harbor Analytics Ltd', 'active', 'NWComparePro', 1],
      ['Ingrid Solberg', 'past_due', 'NWComparePro', 1],
      ['Mira Castell', 'canceled', 'NWCompareStd', 1],
      ['Photometer AG', 'active', 'NWComparePro ×2', 2],
      ['Wei Lin Tan', 'trialing', 'NWCompareStd', 1],
    ]);
    const detail = async (name: string) => t.call('subscription.get', { id: list.find((s) => s.customerName === name)!.id });

    // The demo's subscription SKUs have a week of grace.
    const grace = rows<{ sku: string; days: number }>('SELECT sku, subscription_grace_days AS days FROM skus WHERE subscription_grace_days IS NOT NULL ORDER BY sku');
    expect(grace).toEqual([
      { sku: 'NWComparePro', days: 7 },
      { sku: 'NWCompareStd', days: 7 },
      { sku: 'R4EliteAnnual', days: 7 },
    ]);

    // Active, renewed every month: seven paid invoices, one license at the current period end + 7 days.
    const harbor = await detail('Harbor Analytics Ltd');
    expect(harbor).toMatchObject({ status: 'active', renewalEndedAt: null, graceDays: 7, cancelAtPeriodEnd: false });
    expect(harbor.transactions).toHaveLength(7);
    expect(harbor.transactions.every((x) => x.status === 'confirmed' && x.gross === 3500 && x.currency === 'USD')).toBe(true);
    expect(harbor.items).toHaveLength(1);
    expect(harbor.items[0].licenses).toEqual([expect.objectContaining({ unit: 1, state: 'active', expires: addDays(harbor.items[0].currentPeriodEnd!, 7) })]);
    expect(Date.parse(harbor.items[0].currentPeriodEnd!)).toBeGreaterThan(today.getTime());

    // In trial: the $0 trial invoice issued the license, to the trial's end + 7 days.
    const weilin = await detail('Wei Lin Tan');
    expect(weilin).toMatchObject({ status: 'trialing', renewalEndedAt: null });
    expect(weilin.trialEnd).toBe(weilin.currentPeriodEnd);
    expect(weilin.transactions.map((x) => [x.status, x.gross])).toEqual([['confirmed', 0]]);
    expect(weilin.items[0].licenses).toEqual([expect.objectContaining({ unit: 1, state: 'active', expires: addDays(weilin.items[0].currentPeriodEnd!, 7) })]);

    // Past due: the declined renewal's invoice waits; the license still ends 7 days after the last paid period (the current one's start).
    const ingrid = await detail('Ingrid Solberg');
    expect(ingrid).toMatchObject({ status: 'past_due', renewalEndedAt: null });
    expect(ingrid.transactions.map((x) => x.status)).toEqual(['waiting', 'confirmed', 'confirmed', 'confirmed']);
    expect(ingrid.items[0].licenses).toEqual([expect.objectContaining({ unit: 1, state: 'active', expires: addDays(ingrid.items[0].currentPeriodStart!, 7) })]);
    expect(Date.parse(ingrid.items[0].licenses[0].expires!)).toBeGreaterThan(today.getTime());

    // Canceled at its period end: renewal ended then, the license ran 7 days more and has expired.
    const mira = await detail('Mira Castell');
    expect(mira).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: true });
    expect(mira.endedAt).toBe(mira.items[0].currentPeriodEnd);
    expect(mira.renewalEndedAt).toBe(mira.endedAt);
    expect(mira.transactions.map((x) => x.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(mira.items[0].licenses).toEqual([expect.objectContaining({ unit: 1, state: 'expired', expires: addDays(mira.endedAt!, 7) })]);

    // Two seats: two licenses from one subscription item, both following it.
    const photometer = await detail('Photometer AG');
    expect(photometer.items[0]).toMatchObject({ quantity: 2, sku: 'NWComparePro' });
    const seatExpiry = addDays(photometer.items[0].currentPeriodEnd!, 7);
    expect(photometer.items[0].licenses.map((l) => [l.unit, l.state, l.expires, l.ownerName])).toEqual([
      [1, 'active', seatExpiry, 'Photometer AG'],
      [2, 'active', seatExpiry, 'Photometer AG'],
    ]);

    // Each item's period as Stripe's object has it.
    for (const sub of [harbor, weilin, ingrid, mira, photometer]) {
      const item = JSON.parse(sub.raw).items.data[0] as { current_period_end: number };
      expect(sub.items[0].currentPeriodEnd).toBe(iso(item.current_period_end));
    }
  });

  it('imports paid Checkout Sessions: three seats, a full refund that revoked its license, returning customers found by email', async () => {
    await loadDemo(t.ctx);
    const sessions = (await t.call('transaction.list', { provider: 'stripe', limit: 100 })).items.filter((x) => x.providerTxnId.startsWith('cs_'));
    expect(sessions).toHaveLength(8);
    expect(sessions.map((x) => x.status).sort()).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'refunded']);

    const seats = sessions.filter((x) => x.itemsSummary === 'R4Creative ×3');
    expect(seats).toEqual([expect.objectContaining({ payerName: 'Photometer AG', gross: 134700, currency: 'USD', licenseCount: 3 })]);
    const seatLicenses = (await t.call('transaction.get', { id: seats[0].id })).items[0].licenses;
    expect(seatLicenses.map((l) => [l.unit, l.state, l.sku, l.expires])).toEqual([
      [1, 'active', 'R4Creative', null],
      [2, 'active', 'R4Creative', null],
      [3, 'active', 'R4Creative', null],
    ]);

    const refunded = sessions.filter((x) => x.status === 'refunded');
    expect(refunded).toEqual([expect.objectContaining({ payerName: 'Samuel Okafor', gross: 44900, refunded: 44900, licenseCount: 1 })]);
    const [revoked] = (await t.call('transaction.get', { id: refunded[0].id })).items[0].licenses;
    expect(revoked).toMatchObject({ state: 'revoked', sku: 'R4Creative' });
    expect(count("SELECT count(*) FROM licenses WHERE id = ? AND status = 'revoked' AND status_reason LIKE ?", revoked.id, 'Refunded at Stripe (re_%')).toBe(1);

    // The licensing books' organisations bought through Stripe too: found by email, not created again.
    for (const name of ['Photometer AG', 'Harbor Analytics Ltd']) expect((await t.call('customer.list', { search: name })).total).toBe(1);
    expect(count("SELECT count(*) FROM provider_customers WHERE provider = 'stripe'")).toBe(8);
  });

  it('leaves the price without keyhub_sku waiting on Waiting items and unmatched on Stripe prices', async () => {
    await loadDemo(t.ctx);
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
    const priceId = demoStripeAccount(new Date()).find((o) => o.type === 'price' && o.json.product === demoStripeAccount(new Date()).find((p) => p.json.name === 'Kestrel Sans Variable, web licence (10 sites)')!.json.id)!.json.id;

    const waiting = (await t.call('fulfilment.waiting', {})).items.filter((item) => item.itemNumber === priceId);
    expect(waiting).toEqual([
      expect.objectContaining({ reason: 'unmapped', itemName: 'Kestrel Sans Variable, web licence (10 sites)', purchases: 1, units: 1, gross: [{ currency: 'EUR', amount: 18500 }] }),
    ]);

    const unmatched = await t.call('stripe.prices', { match: 'unmatched' });
    expect(unmatched.items).toEqual([expect.objectContaining({ priceId, productName: 'Kestrel Sans Variable, web licence (10 sites)', match: 'none', skuId: null, waitingUnits: 1 })]);
    const all = (await t.call('stripe.prices', { limit: 50 })).items;
    expect(all.map((p) => [p.productName, p.nickname, p.match, p.sku]).sort()).toEqual(
      [
        ['ImageResizer 4 Creative', null, 'metadata', 'R4Creative'],
        ['ImageResizer 4 Elite, yearly subscription', 'Yearly (EUR)', 'metadata', 'R4EliteAnnual'],
        ['ImageResizer 4 Elite, yearly subscription', 'Yearly (USD)', 'metadata', 'R4EliteAnnual'],
        ['ImageResizer 4 Performance', null, 'metadata', 'R4Performance'],
        ['Kestrel Sans Variable, web licence (10 sites)', null, 'none', null],
        ['Kestrel Sans, web licence (2 sites)', null, 'metadata', 'KSansWeb'],
        ['Northwind Compare Pro', 'Monthly, per seat', 'metadata', 'NWComparePro'],
        ['Northwind Compare Pro', 'Yearly, per seat', 'metadata', 'NWComparePro'],
        ['Northwind Compare Standard', 'Monthly, per seat', 'metadata', 'NWCompareStd'],
      ].sort(),
    );
    // Mapped prices are kept beside their SKUs; the unmapped one is not.
    expect(count("SELECT count(*) FROM sku_prices WHERE provider = 'stripe'")).toBe(8);
    expect(count("SELECT count(*) FROM sku_prices WHERE provider_price_id = ?", priceId)).toBe(0);
  });

  it('is not loaded twice: a second load is refused and changes nothing, and the same account stored again writes nothing', async () => {
    const today = new Date();
    await loadDemo(t.ctx, { today });
    const before = tableCounts();
    await expect(loadDemo(t.ctx, { today })).rejects.toThrow(/already holds 3 vendors/);
    await expect(loadDemo(t.ctx, { today, force: true })).rejects.toThrow(/already exists/);
    expect(tableCounts()).toEqual(before);

    // As a sync reading the same account again: every object unchanged, nothing written.
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
    const account = demoStripeAccount(today);
    const again = await storeStripeObjects(t.ctx, account);
    expect(again).toEqual({ fetched: account.length, created: 0, updated: 0, unchanged: account.length, fulfilled: 0, revoked: 0, errors: 0 });
    expect(tableCounts()).toEqual(before);
  });

  it('refuses every object when one of them is refused (the demo never half-stores an account)', async () => {
    await loadDemo(t.ctx);
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
    const before = tableCounts();
    const [product] = demoStripeAccount(new Date()).filter((o) => o.type === 'product');
    const subscription = demoStripeAccount(new Date()).find((o) => o.type === 'subscription')!;
    const fresh = { type: 'product' as const, json: { ...product.json, id: 'prod_ZZdemoNewOne01', name: 'Something new' } };
    const broken = { type: 'subscription' as const, json: { ...subscription.json, id: 'sub_ZZdemoBroken0000000000001', status: 'on_holiday' } };
    await expect(storeStripeObjects(t.ctx, [fresh, broken])).rejects.toThrow(/status KeyHub does not know \(on_holiday\)/);
    expect(tableCounts()).toEqual(before);
  });
});
