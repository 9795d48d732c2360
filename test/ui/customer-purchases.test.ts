/**
 * A customer's page lists their purchases with the licenses each issued, in Chromium:
 * newest payment first, each leading to its transaction, with the amount, where the
 * payment stands and every license with its state (leading to the license).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { importPurchases, refundText } from './purchase-seed';

describe.skipIf(chromiumSkipReason !== null)('a customer’s purchases', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: 'correct horse battery staple' });
    const vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    const key = await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' });
    await s.call('sku.create', { vendorId, sku: 'R3Bundle1Ent', name: 'Resizer 3', privateKeyId: key.id });
  });

  afterAll(async () => {
    await s?.close();
  });

  const purchases = () => s.page.getByRole('region', { name: /^Purchases/ });

  it('says when a customer has bought nothing yet', async () => {
    const { id } = await s.call('customer.create', { name: 'Walk-in Ltd' });
    await s.page.goto(`${s.host.origin}/#/customers/${id}`);
    await s.page.getByRole('heading', { level: 1, name: 'Walk-in Ltd' }).waitFor();
    await purchases().getByText('No purchases yet.').waitFor();
  });

  it('lists the purchases newest first, each with its licenses and their state', async () => {
    const { page } = s;
    // The seed's purchase, a later one of two units, and a refund of the first.
    await importPurchases(
      s,
      { txn: '6MF63406U4306732Y', paidAt: new Date('2012-07-18T09:51:26Z') },
      { txn: 'SECOND-PURCHASE', quantity: 2, paidAt: new Date('2013-03-02T10:00:00Z') },
    );
    expect((await s.call('transaction.importIpn', { messages: [{ line: 1, text: refundText('6MF63406U4306732Y', 249) }] })).revoked).toBe(1);
    const customer = (await s.call('customer.list', { search: 'Kathrin' })).items[0];
    const bought = await s.call('customer.purchases', { customerId: customer.id });
    const [second, seed] = bought.items;

    await page.goto(`${s.host.origin}/#/customers/${customer.id}`);
    await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    const rows = purchases().getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    await purchases().screenshot({ path: '/tmp/keyhub-ui-customer-purchases.png' });

    const newest = rows.nth(1);
    expect(await newest.getByRole('cell').first().textContent()).toBe('2 Mar 2013');
    expect(await newest.textContent()).toContain('$498.00');
    expect(await newest.textContent()).toContain('Paid');
    expect(await newest.textContent()).toContain('R3Bundle1Ent ×2');
    const licenses = newest.getByRole('list', { name: 'Licenses issued for SECOND-PURCHASE' }).getByRole('listitem');
    expect(await licenses.allTextContents()).toEqual(second.licenses.map((l) => `#${l.id} R3Bundle1Ent Active`));

    const oldest = rows.nth(2);
    expect(await oldest.getByRole('cell').first().textContent()).toBe('18 Jul 2012');
    expect(await oldest.textContent()).toContain('Refunded');
    expect(await oldest.textContent()).toContain('$249.00 refunded');
    expect(await oldest.getByRole('listitem').allTextContents()).toEqual([`#${seed.licenses[0].id} R3Bundle1Ent Revoked`]);

    // A license leads to its page; the transaction to its own.
    await oldest.getByRole('link', { name: `License ${seed.licenses[0].id}` }).click();
    await page.getByRole('heading', { level: 1, name: `License ${seed.licenses[0].id}` }).waitFor();
    await page.goBack();
    await purchases().getByRole('link', { name: 'Transaction 6MF63406U4306732Y' }).click();
    await expect.poll(() => page.url()).toContain(`#/transactions/${seed.transaction.id}`);
    expect(s.pageProblems).toEqual([]);
  });
});
