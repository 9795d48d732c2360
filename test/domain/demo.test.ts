import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCatalog, loadDemo } from '../../src-main/domain/demo';
import { DEMO_PASSPHRASE } from '../../src-main/domain/demo/licensing';
import { demoIpnFile } from '../../src-main/domain/demo/sales';
import { splitIpnText } from '../../src-main/domain/sales/ipn/split';
import { DAY_MS } from '../../src-main/shared/time';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the demo catalog', () => {
  it('loads a living catalog: on-sale, retired and upcoming SKUs with features and releases', async () => {
    const summary = await loadDemo(t.ctx);
    expect(summary.vendors).toBeGreaterThanOrEqual(2);
    expect(count('vendors')).toBe(summary.vendors);
    expect(count('skus')).toBe(summary.skus);
    expect(count('package_releases')).toBe(summary.releases);
    const availability = new Set((await t.call('sku.list', { limit: 500 })).items.map((s) => s.availability));
    expect(availability).toEqual(new Set(['on_sale', 'retired', 'upcoming']));
  });

  it('loads licensing books: keys, customers, licenses in several states with domains, apps with reports', async () => {
    const summary = await loadDemo(t.ctx);
    const l = summary.licensing;
    expect(l.passphrase).toBe(DEMO_PASSPHRASE);
    // Licenses issued by hand, then those the demo's PayPal and Stripe purchases issued.
    expect(count('licenses')).toBe(l.licenses + summary.sales!.issued + summary.stripe!.issued);
    expect(count('licenses WHERE transaction_item_id IS NULL')).toBe(l.licenses);
    expect(count('domain_licenses')).toBe(l.domains);
    expect(count('customers')).toBe(l.customers + summary.sales!.customers + summary.stripe!.customers);
    expect(count('apps')).toBe(l.apps);
    const states = new Set((await t.call('license.list', { limit: 100 })).items.map((row) => row.state));
    // Expired: the canceled Stripe subscription's license, past its grace.
    expect(states).toEqual(new Set(['active', 'suspended', 'revoked', 'expired']));
    expect((await t.call('license.list', { search: 'Kathrin' })).items[0]).toMatchObject({ sku: 'R3Bundle1Ent', owningEntityName: 'Kathrin Fretz' });
    const automatic = (await t.call('domain.list', { automatic: true, limit: 100 })).items;
    expect(automatic.map((d) => d.domainName).sort()).toEqual(['shop.gallery-nord.example.com', 'staging.photometer.example.com']);
    const app = (await t.call('app.list', { search: 'Photometer' })).items[0];
    expect((await t.call('app.stats', { appId: app.id, bucket: 'day' })).length).toBeGreaterThan(0);
    // The keys are locked again, and open with the documented passphrase.
    expect((await t.call('vault.status', {})).state).toBe('locked');
    await t.call('vault.unlock', { passphrase: DEMO_PASSPHRASE });
  });

  it('imports a year of PayPal sales: the seed’s purchase, revenue in two currencies, a pending payment, a refund, a partial refund to decide and an unmapped item', async () => {
    const today = new Date();
    const summary = await loadDemo(t.ctx, { today });
    expect(summary.sales).toEqual({ purchases: 17, messages: 19, customers: 9, issued: 18, revoked: 1, currencies: ['USD', 'EUR'], pending: 1, decisions: 1, waitingUnits: 1 });
    const statuses = Object.fromEntries(t.store.sqlite.prepare("SELECT status, count(*) AS n FROM transactions WHERE provider = 'paypal' GROUP BY status").all().map((r) => [(r as { status: string }).status, (r as { n: number }).n]));
    expect(statuses).toEqual({ confirmed: 14, waiting: 1, refunded: 1, partially_refunded: 1 });
    const rows = (await t.call('transaction.list', { provider: 'paypal', limit: 100 })).items;
    const byTxn = (txn: string) => rows.find((r) => r.providerTxnId === txn)!;

    // The seed's sample: Kathrin Fretz's customer record (found by email, not a second one), one R3Bundle1Ent license, paid in recent weeks.
    const kathrin = (await t.call('customer.list', { search: 'Kathrin Fretz' })).items;
    expect(kathrin).toHaveLength(1);
    const seed = await t.call('transaction.get', { id: byTxn('6MF63406U4306732Y').id });
    expect(seed).toMatchObject({ status: 'confirmed', customerId: kathrin[0].id, currency: 'USD', gross: 24900, fee: 902, payerEmail: 'angelagube@photometer.com', licenseCount: 1 });
    expect(seed.raw).toContain('handshake=ff35a320762dcec799d9c0bb9831577c');
    expect(seed.raw).toContain('ej_txn_id=14521369');
    expect(today.getTime() - Date.parse(seed.paymentDate)).toBeGreaterThan(0);
    expect(today.getTime() - Date.parse(seed.paymentDate)).toBeLessThan(92 * DAY_MS);
    expect(seed.items[0].licenses).toEqual([expect.objectContaining({ sku: 'R3Bundle1Ent', ownerName: 'Kathrin Fretz', state: 'active', unit: 1 })]);
    // R3Bundle1Ent is retired: the license is issued anyway (she paid), and its audit entry says so.
    const issue = t.store.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'license.issue' AND target_id = ?").get(String(seed.items[0].licenses[0].id)) as { details: string };
    expect(JSON.parse(issue.details).saleWindow).toBeTruthy();

    // Revenue in every one of the dashboard's 12 months, in USD and EUR.
    const revenue = (await t.call('dashboard.summary', {})).revenuePerMonth;
    expect(new Set(revenue.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR']));
    const perMonth = new Map<string, number>();
    for (const r of revenue) perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.purchases);
    expect(perMonth.size).toBe(12);
    expect([...perMonth.values()].every((n) => n >= 1)).toBe(true);

    // Pending (an eCheck): recorded, nothing issued.
    const pending = rows.filter((r) => r.status === 'waiting');
    expect(pending).toEqual([expect.objectContaining({ payerName: 'Bluewater Outfitters', licenseCount: 0, waitingUnits: 0 })]);

    // Refunded in full: its license revoked, with the refund as the reason.
    const refunded = rows.filter((r) => r.status === 'refunded');
    expect(refunded).toEqual([expect.objectContaining({ payerName: 'Ethan Cole', gross: 44900, refunded: 44900, licenseCount: 1 })]);
    const [revoked] = (await t.call('transaction.get', { id: refunded[0].id })).items[0].licenses;
    expect(revoked.state).toBe('revoked');

    // Three seats, one refunded: the question waits for staff, the three licenses stand.
    const decisions = (await t.call('transaction.list', { status: 'decision' })).items;
    expect(decisions).toEqual([expect.objectContaining({ payerName: 'Harbor Analytics Ltd', status: 'partially_refunded', gross: 38700, refunded: 12900, itemsSummary: 'NWCompareStd ×3' })]);
    expect(decisions[0].pendingDecision).toMatch(/decide which of the 3 licenses to revoke/);
    const seats = (await t.call('transaction.get', { id: decisions[0].id })).items[0].licenses;
    expect(seats.map((s) => [s.unit, s.state])).toEqual([
      [1, 'active'],
      [2, 'active'],
      [3, 'active'],
    ]);

    // The unmapped item waits in the queue (beside the Stripe price without keyhub_sku: demo-stripe.test.ts).
    const waiting = await t.call('fulfilment.waiting', {});
    expect(waiting.items.filter((item) => !item.itemNumber?.startsWith('price_'))).toEqual([expect.objectContaining({ reason: 'unmapped', itemNumber: '700100', itemName: 'ImageResizer 2 Legacy', purchases: 1, units: 1, gross: [{ currency: 'USD', amount: 9900 }] })]);

    // Returning payers are their customers again, not new ones.
    expect((await t.call('customer.list', { search: 'Harbor Analytics' })).total).toBe(1);
    expect((await t.call('customer.list', { search: 'Bluewater' })).total).toBe(1);

    // The same messages again (keys locked): all duplicates, nothing changes.
    const messages = splitIpnText(demoIpnFile(today)).flatMap((b) => b.messages);
    const again = await t.call('transaction.importIpn', { messages });
    expect(again).toMatchObject({ messages: 19, duplicates: 19, issued: 0, revoked: 0, rejected: [] });
  });

  it('leaves the licensing books empty when the store already has its own passphrase', async () => {
    await t.call('vault.setup', { passphrase: 'the owner’s own passphrase' });
    await t.call('vault.lock', {});
    const summary = await loadDemo(t.ctx);
    expect(summary.licensing).toMatchObject({ licenses: 0, passphrase: null });
    expect(summary.sales).toBeNull();
    expect(summary.stripe).toBeNull();
    expect(count('skus')).toBe(summary.skus);
    expect(count('transactions')).toBe(0);
    expect(count('stripe_objects')).toBe(0);
  });

  it('loads all or nothing: a clash halfway leaves the store as it was', async () => {
    const second = demoCatalog()[1];
    await t.call('vendor.create', { name: second.name });
    const before = ['vendors', 'skus', 'feature_ids', 'packages', 'package_releases', 'audit_log'].map(count);
    await expect(loadDemo(t.ctx, { force: true })).rejects.toThrow(/already exists/);
    expect(['vendors', 'skus', 'feature_ids', 'packages', 'package_releases', 'audit_log'].map(count)).toEqual(before);
  });

  it('refuses a store that already has vendors unless forced', async () => {
    await t.call('vendor.create', { name: 'Mine' });
    await expect(loadDemo(t.ctx)).rejects.toThrow(/already holds 1 vendor/);
  });
});
