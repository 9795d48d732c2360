/**
 * Transactions in Chromium, as staff use them: an empty list that says how to get
 * transactions in; the seed's IPN sample pasted into the import dialog with the keys
 * locked (it asks to unlock, then reports one license issued); the row, its page and the
 * R3Bundle1Ent license it links to; the same sample again (a duplicate, nothing issued);
 * a file with a malformed message (its line and reason); filters and search; and a
 * partial refund's decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { asLines, eventForm, samplePairs, SEED_SAMPLE, SEED_TXN } from '../domain/ipn-fixture';

const PASSPHRASE = 'correct horse battery staple';

describe.skipIf(chromiumSkipReason !== null)('transactions through the UI', () => {
  let s: UiSession;
  let licenseId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    const vendor = await s.call('vendor.create', { name: 'Imazen' });
    const key = await s.call('key.generate', { vendorId: vendor.id, displayName: 'Imazen 2026' });
    await s.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', name: 'Resizer 3 Bundle', privateKeyId: key.id, licenseDuration: null });
    // Perpetual: a license is dated from its payment (2012), and must stay active here.
    await s.call('vault.lock', {});
  });

  afterAll(async () => {
    await s?.close();
  });

  const openList = async () => {
    await s.page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Transactions' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
  };
  const importDialog = () => s.page.getByRole('dialog', { name: 'Import IPN messages' });
  const report = () => s.page.getByRole('dialog', { name: /^Import (finished|stopped)$/ });
  const counts = () => report().getByRole('list', { name: 'What the import did' });

  async function pasteAndImport(text: string) {
    await s.page.getByRole('button', { name: 'Import IPN…' }).first().click();
    await importDialog().getByLabel('Messages', { exact: true }).fill(text);
    await importDialog().getByRole('button', { name: 'Import', exact: true }).click();
  }

  it('starts empty, saying how transactions get in, with the import at hand', async () => {
    await openList();
    await s.page.getByText('No transactions yet.').waitFor();
    await s.page.getByText(/Import PayPal IPN or e-junkie messages/).waitFor();
    expect(await s.page.getByRole('button', { name: 'Import IPN…' }).count()).toBe(2);
  });

  it('imports the seed’s sample pasted in, asking to unlock the keys first, and reports one license issued', async () => {
    const { page } = s;
    await pasteAndImport(SEED_SAMPLE);
    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');

    await report().getByRole('status').filter({ hasText: 'Read 1 message from the pasted text: 1 new purchase.' }).waitFor();
    expect(await counts().getByRole('listitem').allTextContents()).toEqual(['Issued 1 license', 'Skipped 0 duplicates', 'Rejected 0 messages']);
    await report().getByRole('button', { name: 'Done' }).click();
    await report().waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: /Kathrin Fretz/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(['18 Jul 2012', expect.stringContaining('Kathrin Fretz'), expect.stringContaining(SEED_TXN), 'R3Bundle1Ent', '$249.00', 'Paid', '1']);
    // The payer leads to the customer made from the payment.
    await row.getByRole('link', { name: 'Kathrin Fretz' }).waitFor();
  });

  it('shows the transaction: its facts, the item’s SKU, the license issued, the payment log and the raw message', async () => {
    const { page } = s;
    await page.getByRole('link', { name: `Transaction ${SEED_TXN}` }).click();
    await page.getByRole('heading', { level: 1, name: `Transaction ${SEED_TXN}` }).waitFor();
    const payment = page.getByRole('region', { name: 'Payment' });
    await payment.getByText('$9.02').waitFor();
    await payment.getByText('expresscheckout').waitFor();
    await page.getByRole('region', { name: 'Payer' }).getByRole('link', { name: 'Kathrin Fretz' }).waitFor();
    await page.getByRole('region', { name: 'Payer' }).getByText('angelagube@photometer.com').waitFor();
    await page.getByRole('region', { name: 'Items' }).getByRole('link', { name: 'R3Bundle1Ent' }).waitFor();

    const licenses = page.getByRole('region', { name: 'Licenses issued' });
    const link = licenses.getByRole('link', { name: /^License \d+$/ });
    await link.waitFor();
    licenseId = Number((await link.getAttribute('aria-label'))!.replace('License ', ''));
    expect(await licenses.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([`#${licenseId}`, 'R3Bundle1Ent', 'Kathrin Fretz', '1 of 1', 'Active', 'Never']);

    const log = page.getByRole('region', { name: 'Payment log' });
    await log.getByRole('row', { name: /Received.*Paid/ }).waitFor();

    const raw = page.getByRole('region', { name: 'Raw message' });
    await raw.getByRole('row', { name: 'payment_date 02:51:26 Jul 18, 2012 MST' }).waitFor();
    await raw.getByRole('row', { name: 'item_number1 929356||R3Bundle1Ent' }).waitFor();
    expect(await raw.getByLabel(`Raw message of transaction ${SEED_TXN}`).textContent()).toContain('item_number1=929356%7C%7CR3Bundle1Ent');
    await raw.getByRole('button', { name: 'Copy the raw message' }).waitFor();

    await link.click();
    await page.getByRole('heading', { level: 1, name: `License ${licenseId}` }).waitFor();
    const license = await s.call('license.get', { id: licenseId });
    expect(license).toMatchObject({ sku: 'R3Bundle1Ent', ownerName: 'Kathrin Fretz', state: 'active' });
  });

  it('imports the same sample again: one duplicate, nothing issued', async () => {
    await openList();
    await pasteAndImport(SEED_SAMPLE);
    await report().getByRole('status').filter({ hasText: 'nothing new' }).waitFor();
    expect(await counts().getByRole('listitem').allTextContents()).toEqual(['Issued 0 licenses', 'Skipped 1 duplicate', 'Rejected 0 messages']);
    await report().getByRole('button', { name: 'Done' }).click();
    expect((await s.call('transaction.list', {})).total).toBe(1);
  });

  it('imports a file: the good message goes in, the malformed one is listed with its line and reason', async () => {
    const { page } = s;
    const good = asLines(samplePairs({ txn_id: 'FILE0000000000001', payment_date: '10%3A00%3A00+Mar+02%2C+2013+PST', payer_email: 'ola%40nordmann.example', first_name: 'Ola', last_name: 'Nordmann', payer_id: 'NORDMANN0001' }));
    const bad = asLines(samplePairs({ txn_id: 'FILE0000000000002', mc_currency: 'ZZZ' }));
    const file = `${good}\n\n${bad}\n`;
    const badLine = good.split('\n').length + 2;

    await page.getByRole('button', { name: 'Import IPN…' }).first().click();
    await importDialog().getByLabel('Messages: choose a file').setInputFiles({ name: 'ipn-march.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await importDialog().getByText('ipn-march.txt').waitFor();
    await importDialog().getByRole('button', { name: 'Import', exact: true }).click();

    await report().getByRole('status').filter({ hasText: 'Read 2 messages from ipn-march.txt: 1 new purchase.' }).waitFor();
    expect(await counts().getByRole('listitem').allTextContents()).toEqual(['Issued 1 license', 'Skipped 0 duplicates', 'Rejected 1 message']);
    await report().getByRole('alert').filter({ hasText: '1 message was rejected and changed nothing.' }).waitFor();
    const rejected = report().getByRole('table', { name: 'Messages rejected' }).getByRole('row').nth(1);
    const [line, txn, reason] = await rejected.getByRole('cell').allTextContents();
    expect(line).toBe(String(badLine));
    expect(txn).toBe('FILE0000000000002');
    expect(reason).toMatch(/mc_currency is .*ZZZ.*not a currency/);
    await report().getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /Ola Nordmann/ }).waitFor();
    expect((await s.call('transaction.list', {})).total).toBe(2);
  });

  it('filters by status, provider and payment date, and finds by transaction id, email or name', async () => {
    const { page } = s;
    const rows = () => page.getByRole('row', { name: /Kathrin Fretz|Ola Nordmann/ }).allTextContents();
    const search = page.getByRole('searchbox', { name: 'Search transactions' });

    await search.fill('6mf634');
    await expect.poll(async () => (await rows()).length).toBe(1);
    expect((await rows())[0]).toContain('Kathrin Fretz');
    expect(page.url()).toContain('q=6mf634');
    await search.fill('ola@nord');
    await expect.poll(async () => (await rows()).join()).toMatch(/^[^,]*Ola Nordmann[^,]*$/);
    await search.fill('fretz');
    await expect.poll(async () => (await rows()).join()).toMatch(/^[^,]*Kathrin Fretz[^,]*$/);
    await search.fill('');
    await expect.poll(async () => (await rows()).length).toBe(2);

    await page.getByLabel('Paid from (UTC)').fill('2013-01-01');
    await expect.poll(async () => (await rows()).join()).toMatch(/^[^,]*Ola Nordmann[^,]*$/);
    await page.getByLabel('Paid to (UTC)').fill('2013-03-02');
    await expect.poll(async () => (await rows()).length).toBe(1);
    await page.getByLabel('Paid to (UTC)').fill('2013-03-01');
    await page.getByText('No transactions match.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.poll(async () => (await rows()).length).toBe(2);

    await page.getByLabel('Status').selectOption({ label: 'Refunded' });
    await page.getByText('No transactions match.').waitFor();
    expect(page.url()).toContain('status=refunded');
    await page.getByLabel('Status').selectOption({ label: 'Paid' });
    await expect.poll(async () => (await rows()).length).toBe(2);
    await page.getByLabel('Provider').selectOption({ label: 'Stripe' });
    await page.getByText('No transactions match.').waitFor();
    await page.getByLabel('Provider').selectOption({ label: 'PayPal' });
    await expect.poll(async () => (await rows()).length).toBe(2);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
  });

  it('asks for a decision after a partial refund, and revokes just the license chosen, with a note', async () => {
    const { page } = s;
    const twoUnits = asLines(
      samplePairs({ txn_id: 'TWOUNITS000000001', quantity1: '2', quantity: '2', mc_gross: '498', mc_gross_1: '498', payment_date: '10%3A00%3A00+Apr+02%2C+2013+PDT' }),
    );
    const refund = eventForm('Refunded', 'REFUND00000000001', { parent_txn_id: 'TWOUNITS000000001', mc_gross: '-249.00', mc_fee: '-4.51' });
    const tally = await s.call('transaction.importIpn', {
      messages: [
        { line: 1, text: twoUnits },
        { line: 100, text: refund },
      ],
    });
    expect(tally).toMatchObject({ issued: 2, rejected: [] });

    await page.reload();
    await page.getByLabel('Status').selectOption({ label: 'Needs a decision' });
    const row = page.getByRole('row', { name: /Needs a decision/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('$249.00 refunded');
    await row.getByRole('link', { name: 'Transaction TWOUNITS000000001' }).click();

    const panel = page.getByRole('region', { name: 'A decision is needed' });
    await panel.getByText(/Partial refund of .*249.* of .*498.*: decide which of the 2 licenses to revoke/).waitFor();
    // A note is needed for either answer.
    await panel.getByRole('button', { name: 'Keep all…' }).click();
    await panel.getByText('A note on the decision is required.').waitFor();

    const [first, second] = (await s.call('transaction.get', { id: (await s.call('transaction.list', { search: 'TWOUNITS' })).items[0].id })).items[0].licenses;
    await panel.getByLabel(`License ${first.id} · R3Bundle1Ent`).check();
    await panel.getByLabel('Note').fill('Customer returned one seat');
    await panel.getByRole('button', { name: 'Revoke selected…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke 1 license?' });
    await confirm.getByRole('link', { name: `License ${first.id}` }).waitFor();
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Revoked 1 license of TWOUNITS000000001.').waitFor();
    await panel.waitFor({ state: 'detached' });

    expect((await s.call('license.get', { id: first.id })).state).toBe('revoked');
    expect((await s.call('license.get', { id: second.id })).state).toBe('active');
    await page.getByRole('region', { name: 'Payment log' }).getByRole('row', { name: /Decision.*Customer returned one seat/ }).waitFor();
    const issued = page.getByRole('region', { name: 'Licenses issued' });
    await issued.getByRole('row', { name: new RegExp(`^License ${first.id} .*Revoked`) }).waitFor();
    expect(s.pageProblems).toEqual([]);
  });
});
