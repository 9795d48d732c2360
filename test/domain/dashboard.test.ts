/**
 * dashboard.summary on a small store whose every number is known: counts by state,
 * licenses issued per month (months with none included), revenue per month and
 * currency, and the two warning lists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { lastMonths, monthAfter } from '../../src-main/domain/insight/dashboard';
import type { PaymentStatus } from '../../src-main/domain/sales/types';
import { daysFromNow, insertApp, insertCustomer, insertDomain, insertLicense, seedCatalog } from './list-fixture';
import { licensing } from './license-lifecycle-fixture';
import { record, refundOf, SEED_SKU, SEED_TXN, seedPurchase } from './sample-purchases';

let t: TempStore;
let skuId: number;

beforeEach(() => {
  t = tempStore();
  skuId = seedCatalog(t).skus.alpha;
});

afterEach(() => t.cleanup());

/** The first day of the month `back` months before this one, at noon UTC, and its `YYYY-MM`. */
function monthsAgo(back: number): { at: string; month: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1, 0, 0, 1));
  return { at: d.toISOString(), month: d.toISOString().slice(0, 7) };
}

describe('dashboard.summary', () => {
  it('counts licenses and domain licenses by state, and lists what expires soon and will not renew', async () => {
    const perpetual = insertLicense(t, { skuId, owner: 'Perpetual' });
    const endsIn5 = insertLicense(t, { skuId, owner: 'Ends in 5 days', expires: daysFromNow(5) });
    const endsIn40 = insertLicense(t, { skuId, owner: 'Ends in 40 days', expires: daysFromNow(40) });
    const expired = insertLicense(t, { skuId, owner: 'Expired', issued: daysFromNow(-400), expires: daysFromNow(-3) });
    const suspended = insertLicense(t, { skuId, owner: 'Suspended', expires: daysFromNow(90), status: 'suspended' });
    const revoked = insertLicense(t, { skuId, owner: 'Revoked', status: 'revoked' });

    const manualSoon = insertDomain(t, { licenseId: perpetual, domain: 'manual-soon.com', expires: daysFromNow(10) });
    insertDomain(t, { licenseId: perpetual, domain: 'renews.com', expires: daysFromNow(10), automatic: true });
    insertDomain(t, { licenseId: perpetual, domain: 'forever.com', expires: null });
    insertDomain(t, { licenseId: perpetual, domain: 'old.com', issued: daysFromNow(-90), expires: daysFromNow(-1) });
    // Automatic, but its license ends with it: nothing will renew it.
    const autoEnding = insertDomain(t, { licenseId: endsIn5, domain: 'auto-ending.com', expires: daysFromNow(5), automatic: true });
    insertDomain(t, { licenseId: endsIn40, domain: 'later.com', expires: daysFromNow(40) });
    insertDomain(t, { licenseId: expired, domain: 'lapsed.com', issued: daysFromNow(-300), expires: daysFromNow(-3) });
    insertDomain(t, { licenseId: suspended, domain: 'paused.com', expires: daysFromNow(10) });
    insertDomain(t, { licenseId: revoked, domain: 'cancelled.com', expires: null });
    insertCustomer(t, 'Acme');
    insertCustomer(t, 'Globex');
    insertApp(t, '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01', [perpetual]);

    const d = await t.call('dashboard.summary', {});
    expect(d.expiringWithinDays).toBe(30);
    expect(d.licenses).toEqual({ total: 6, active: 3, expired: 1, suspended: 1, revoked: 1, expiringSoon: 1 });
    expect(d.domains).toEqual({ live: 5, expired: 2, stopped: 2, expiringSoon: 2 });
    expect(d.customers).toBe(2);
    expect(d.apps).toBe(1);
    expect(d.expiringLicenses.map((l) => l.id)).toEqual([endsIn5]);
    expect(d.expiringDomains.map((x) => x.id)).toEqual([autoEnding, manualSoon]);
    expect(d.expiringDomains.map((x) => x.state)).toEqual(['live', 'live']);

    const wider = await t.call('dashboard.summary', { expiringWithinDays: 60 });
    expect(wider.licenses.expiringSoon).toBe(2);
    expect(wider.expiringLicenses.map((l) => l.id)).toEqual([endsIn5, endsIn40]);
    expect(wider.domains.expiringSoon).toBe(3);
  });

  it('shows licenses issued in each of the last 12 months, oldest first, months with none as 0', async () => {
    for (const back of [0, 0, 2, 11, 12]) insertLicense(t, { skuId, owner: `Issued ${back} months ago`, issued: monthsAgo(back).at });
    const d = await t.call('dashboard.summary', {});
    const expected = Array.from({ length: 12 }, (_, i) => {
      const { month } = monthsAgo(11 - i);
      return { month, count: i === 11 ? 2 : i === 9 || i === 0 ? 1 : 0 };
    });
    expect(d.issuedPerMonth).toEqual(expected);
  });

  it('lists at most 20 licenses, soonest first', async () => {
    for (let i = 25; i >= 1; i--) insertLicense(t, { skuId, owner: `Owner ${i}`, expires: daysFromNow(i) });
    const d = await t.call('dashboard.summary', {});
    expect(d.licenses.expiringSoon).toBe(25);
    expect(d.expiringLicenses.map((l) => l.ownerName)).toEqual(Array.from({ length: 20 }, (_, i) => `Owner ${i + 1}`));
  });

  it('refuses a window outside 1 to 365 days', async () => {
    expect((await t.fail('dashboard.summary', { expiringWithinDays: 0 })).code).toBe('VALIDATION');
    expect((await t.fail('dashboard.summary', { expiringWithinDays: 366 })).code).toBe('VALIDATION');
  });
});

let txnCount = 0;
/** A transaction row as the engine leaves it (its status, gross and refunds so far). */
function insertTransaction(tx: { status: PaymentStatus; currency?: string; gross: number; refunded?: number; paidAt: string }): void {
  t.store.sqlite
    .prepare(
      `INSERT INTO transactions (provider, provider_txn_id, status, currency, gross, refunded, payment_date, raw_format, raw)
       VALUES ('paypal', ?, ?, ?, ?, ?, ?, 'ipn', 'txn_id=x')`,
    )
    .run(`TXN-${++txnCount}`, tx.status, tx.currency ?? 'USD', tx.gross, tx.refunded ?? 0, tx.paidAt);
}

describe('dashboard.summary: revenue per month', () => {
  it('sums paid purchases per payment month and currency over the last 12 months; refunds and reversals reduce net', async () => {
    const now = monthsAgo(0).at;
    const twoAgo = monthsAgo(2).at;
    insertTransaction({ status: 'confirmed', gross: 10_000, paidAt: now });
    insertTransaction({ status: 'partially_refunded', gross: 20_000, refunded: 5_000, paidAt: now });
    insertTransaction({ status: 'refunded', gross: 3_000, refunded: 3_000, paidAt: twoAgo });
    // A reversal (chargeback) took the whole payment back, though no refund was recorded.
    insertTransaction({ status: 'reversed', gross: 4_000, paidAt: twoAgo });
    // Not paid: not revenue.
    for (const status of ['waiting', 'preauthorized', 'rejected', 'error'] as const) insertTransaction({ status, gross: 99_999, paidAt: now });
    // Outside the 12 months: a year ago, and a date ahead of this month.
    insertTransaction({ status: 'confirmed', gross: 77_777, paidAt: monthsAgo(12).at });
    insertTransaction({ status: 'confirmed', gross: 88_888, paidAt: monthsAgo(-1).at });
    insertTransaction({ status: 'confirmed', currency: 'EUR', gross: 500, paidAt: monthsAgo(11).at });
    // A currency whose only sale is outside the window gets no rows.
    insertTransaction({ status: 'confirmed', currency: 'JPY', gross: 1_000_000, paidAt: monthsAgo(13).at });

    const d = await t.call('dashboard.summary', {});
    const zero = { gross: 0, refunded: 0, net: 0, purchases: 0 };
    const usd = Array.from({ length: 12 }, (_, i) => {
      const { month } = monthsAgo(11 - i);
      if (i === 11) return { month, currency: 'USD', gross: 30_000, refunded: 5_000, net: 25_000, purchases: 2 };
      if (i === 9) return { month, currency: 'USD', gross: 7_000, refunded: 7_000, net: 0, purchases: 2 };
      return { month, currency: 'USD', ...zero };
    });
    const eur = Array.from({ length: 12 }, (_, i) => {
      const { month } = monthsAgo(11 - i);
      return i === 0 ? { month, currency: 'EUR', gross: 500, refunded: 0, net: 500, purchases: 1 } : { month, currency: 'EUR', ...zero };
    });
    // The currency with the most gross comes first.
    expect(d.revenuePerMonth).toEqual([...usd, ...eur]);
  });

  it('is empty before the first sale', async () => {
    insertTransaction({ status: 'waiting', gross: 5_000, paidAt: monthsAgo(0).at });
    expect((await t.call('dashboard.summary', {})).revenuePerMonth).toEqual([]);
  });

  it('counts the seed’s purchase and its partial refund as the engine records them', async () => {
    // A store of its own: the licensing fixture brings its own vendor.
    const sales = tempStore();
    try {
      const fix = await licensing(sales);
      await fix.sku({ sku: SEED_SKU });
      await record(sales, seedPurchase({ paymentDate: monthsAgo(1).at }), refundOf(SEED_TXN, 4_900));
      const d = await sales.call('dashboard.summary', {});
      expect(d.revenuePerMonth.filter((r) => r.purchases > 0)).toEqual([{ month: monthsAgo(1).month, currency: 'USD', gross: 24_900, refunded: 4_900, net: 20_000, purchases: 1 }]);
    } finally {
      sales.cleanup();
    }
  });
});

describe('lastMonths', () => {
  it('ends revenue’s window at the first instant after the month, across a year end', () => {
    expect(monthAfter('2026-12')).toBe('2027-01-01T00:00:00.000Z');
    expect(monthAfter('2026-09')).toBe('2026-10-01T00:00:00.000Z');
  });

  it('crosses year ends in UTC', () => {
    expect(lastMonths('2026-02-01T00:30:00.000Z')).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
