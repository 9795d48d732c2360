/**
 * The fulfilment queue in Chromium: a purchase whose item matches no SKU waits; mapping
 * it (the keys locked, so it asks to unlock first) issues its licenses and empties the
 * queue; the mapping is listed and deleted only after a confirmation that says issued
 * licenses stay. A SKU without a key waits until it has one, then "Fulfil waiting" issues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { importPurchases } from './purchase-seed';

const PASSPHRASE = 'correct horse battery staple';

describe.skipIf(chromiumSkipReason !== null)('the fulfilment queue', () => {
  let s: UiSession;
  let bundleId: number;
  let keyId: number;
  let vendorId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    keyId = (await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' })).id;
    bundleId = (await s.call('sku.create', { vendorId, sku: 'R3Bundle1Ent', name: 'Resizer 3', privateKeyId: keyId, licenseDuration: 365 })).id;
    await s.call('sku.create', { vendorId, sku: 'R3Elite', name: 'Resizer 3 Elite', privateKeyId: keyId });
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = () => s.page.getByRole('navigation', { name: 'Areas' });
  const waiting = () => s.page.getByRole('region', { name: /^Waiting/ });
  const mappings = () => s.page.getByRole('region', { name: /^Item mappings/ });

  it('says nothing waits on a new store', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Waiting items' }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting items' }).waitFor();
    await page.getByText('Nothing waits: every completed purchase has its licenses.').waitFor();
    await mappings().getByText('No mappings yet.').waitFor();
  });

  it('shows purchases whose item matches no SKU, grouped by item number', async () => {
    const { page } = s;
    await s.call('vault.lock', {});
    // The seed's purchase without its SKU code: item number 929356 names no SKU. Nothing signs, so locked keys do not matter.
    const tally = await importPurchases(
      s,
      { txn: 'UNMAPPED-1', itemNumber: '929356', sku: null, paidAt: new Date(Date.UTC(2026, 0, 10, 9)) },
      { txn: 'UNMAPPED-2', itemNumber: '929356', sku: null, quantity: 2, paidAt: new Date(Date.UTC(2026, 1, 2, 9)) },
    );
    expect(tally).toMatchObject({ recorded: 2, issued: 0, waiting: 3 });

    await page.reload();
    const row = waiting().getByRole('row').filter({ hasText: '929356' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Resizer 3');
    expect(text).toContain('No SKU matches');
    expect(text).toContain('$747.00');
    expect(text).toContain('10 Jan 2026 – 2 Feb 2026');
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(2, 4)).toEqual(['2', '3']);
    await page.screenshot({ path: '/tmp/keyhub-ui-fulfilment-queue.png' });
  });

  it('maps the item to the suggested SKU; the locked keys are asked for, then its licenses are issued and the group leaves the queue', async () => {
    const { page } = s;
    await waiting().getByRole('button', { name: 'Map 929356 to a SKU' }).click();
    const dialog = page.getByRole('dialog', { name: 'Map 929356 to a SKU' });
    await dialog.waitFor();
    // The SKU whose name appears in the item is chosen already; items are matched by number.
    await expect.poll(() => dialog.getByLabel('SKU (required)').inputValue()).toBe(String(bundleId));
    // Items with a number are mapped by it; by their name only when asked.
    expect(await dialog.getByRole('radio', { name: 'Item number: 929356' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Item name: Resizer 3' }).isChecked()).toBe(false);
    await page.screenshot({ path: '/tmp/keyhub-ui-map-dialog.png' });
    await dialog.getByRole('button', { name: 'Map and fulfil' }).click();

    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');

    await page.getByText('Mapped 929356 to R3Bundle1Ent: issued 3 licenses for 2 purchases.').waitFor();
    await page.getByText('Nothing waits: every completed purchase has its licenses.').waitFor();
    expect(await dialog.count()).toBe(0);

    const licenses = await s.call('license.list', { skuId: bundleId });
    expect(licenses.total).toBe(3);
    expect(licenses.items.every((l) => l.ownerName === 'Kathrin Fretz')).toBe(true);
    expect((await s.call('fulfilment.waiting', {})).total).toBe(0);

    // The mapping is listed, leading to its SKU.
    const mapping = mappings().getByRole('row').filter({ hasText: '929356' });
    await mapping.waitFor();
    expect(await mapping.textContent()).toContain('R3Bundle1Ent');
    await mapping.getByRole('link', { name: 'R3Bundle1Ent' }).waitFor();
    await page.screenshot({ path: '/tmp/keyhub-ui-fulfilment-mapped.png' });
  });

  it('deletes the mapping only after a confirmation that says issued licenses stay', async () => {
    const { page } = s;
    await mappings().getByRole('button', { name: 'Delete the mapping of item number 929356' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete the mapping of item number 929356?' });
    await confirm.getByText('Licenses already issued through this mapping stay').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await s.call('fulfilment.mappings', {})).toHaveLength(1);

    await mappings().getByRole('button', { name: 'Delete the mapping of item number 929356' }).click();
    await confirm.getByRole('button', { name: 'Delete mapping' }).click();
    await page.getByText('Mapping of item number 929356 deleted.').waitFor();
    await mappings().getByText('No mappings yet.').waitFor();
    expect(await s.call('fulfilment.mappings', {})).toEqual([]);
    expect((await s.call('license.list', { skuId: bundleId })).total).toBe(3);
  });

  it('waits on a SKU without a signing key, links to it, and fulfils once it has one', async () => {
    const { page } = s;
    const soloId = (await s.call('sku.create', { vendorId, sku: 'R3Solo', name: 'Resizer 3 Solo' })).id;
    await importPurchases(s, { txn: 'NO-KEY-1', itemNumber: '929357||R3Solo', itemName: 'Resizer 3 Solo', sku: 'R3Solo', price: 99 });
    await page.reload();
    const row = waiting().getByRole('row').filter({ hasText: 'SKU has no signing key' });
    await row.waitFor();
    expect(await row.textContent()).toContain('$99.00');
    expect(await row.getByRole('button', { name: /Map/ }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/keyhub-ui-fulfilment-no-key.png' });
    expect(await row.getByRole('link', { name: /^Open SKU / }).getAttribute('href')).toBe(`#/catalog/skus/${soloId}`);

    await s.call('sku.update', { id: soloId, privateKeyId: keyId });
    await row.getByRole('button', { name: 'Fulfil waiting' }).click();
    await page.getByText('Issued 1 license for 1 purchase.').waitFor();
    await page.getByText('Nothing waits: every completed purchase has its licenses.').waitFor();
    expect((await s.call('license.list', { skuId: soloId })).total).toBe(1);
    expect(s.pageProblems).toEqual([]);
  });
});
