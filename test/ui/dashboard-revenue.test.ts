/**
 * Revenue per month on the dashboard, in Chromium: before any sale it says where sales
 * come from; with sales in two currencies it charts the one with the most gross first,
 * its numbers (net after refunds) readable in the table screen readers get, and a
 * switch shows the other currency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { importPurchases, refundText } from './purchase-seed';

/** Noon UTC on the 10th, `back` months before this one, and the chart's label for that month. */
function monthsAgo(back: number): { at: Date; label: string } {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 12));
  return { at, label: `${at.toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${String(at.getUTCFullYear()).slice(2)}` };
}

describe.skipIf(chromiumSkipReason !== null)('revenue per month on the dashboard', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
  });

  afterAll(async () => {
    await s?.close();
  });

  const revenue = () => s.page.getByRole('figure', { name: 'Revenue per month' });

  it('before the first sale, says where sales come from', async () => {
    const { page } = s;
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const section = page.getByRole('region', { name: 'Revenue per month' });
    await section.getByText('No sales yet.').waitFor();
    await section.getByText(/Import IPN messages on Transactions/).waitFor();
    await section.getByRole('link', { name: 'Transactions' }).waitFor();
    expect(await revenue().count()).toBe(0);
  });

  it('charts each month’s revenue in the currency with the most gross, net of refunds; a switch shows the other currency', async () => {
    const { page } = s;
    await s.call('vault.setup', { passphrase: 'correct horse battery staple' });
    const vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    const key = await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' });
    await s.call('sku.create', { vendorId, sku: 'R3Bundle1Ent', name: 'Resizer 3', privateKeyId: key.id });

    const thisMonth = monthsAgo(0);
    const twoAgo = monthsAgo(2);
    await importPurchases(
      s,
      { txn: 'USD-NOW', paidAt: thisMonth.at },
      { txn: 'USD-EARLIER', paidAt: twoAgo.at },
      { txn: 'EUR-NOW', currency: 'EUR', price: 500, quantity: 3, paidAt: thisMonth.at },
      // Not paid yet: not revenue.
      { txn: 'USD-PENDING', status: 'Pending', paidAt: thisMonth.at },
    );
    const refund = await s.call('transaction.importIpn', { messages: [{ line: 1, text: refundText('USD-EARLIER', 49) }] });
    expect(refund.rejected).toEqual([]);

    await page.reload();
    await revenue().locator('.recharts-bar-rectangle').first().waitFor();
    await revenue().screenshot({ path: '/tmp/keyhub-ui-dashboard-revenue.png' });
    // EUR has the most gross (1,500.00 against 498.00), so it shows first.
    const currency = revenue().getByRole('combobox', { name: 'Currency of the revenue chart' });
    expect(await currency.inputValue()).toBe('EUR');
    expect(await revenue().getByRole('row').filter({ hasText: thisMonth.label }).allTextContents()).toEqual([`${thisMonth.label}€1,500.00€0.00€1,500.00${1}`]);
    await revenue().getByText(/Last 12 months: €1,500.00 net of €1,500.00 gross/).waitFor();

    await currency.selectOption('USD');
    await revenue().getByText(/Last 12 months: \$449.00 net of \$498.00 gross · \$49.00 refunded · 2 purchases/).waitFor();
    const rows = revenue().getByRole('row');
    expect(await rows.count()).toBe(13);
    expect(await rows.filter({ hasText: thisMonth.label }).textContent()).toBe(`${thisMonth.label}$249.00$0.00$249.001`);
    expect(await rows.filter({ hasText: twoAgo.label }).textContent()).toBe(`${twoAgo.label}$249.00$49.00$200.001`);
    expect(await revenue().locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    expect(s.pageProblems).toEqual([]);
  });
});
