/**
 * The rest of a license's page in Chromium: renew (the new expiry shown before it is
 * saved), suspend and resume, transfer with the customer picker, the owner window and
 * its override, support contacts within the SKU's limit, deleting a domain the SKU does
 * not let go (only with a reason), rights held on the license, the signed file, a SKU
 * outside its sale window at issue, and the list's CSV export.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const PASSPHRASE = 'correct horse battery staple';
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.skipIf(chromiumSkipReason !== null)('a license’s page through the UI', () => {
  let s: UiSession;
  let vendorId: number;
  let keyId: number;
  let strictSkuId: number;
  let licenseId: number;
  let newOwnerId: number;
  const users: number[] = [];

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    keyId = (await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' })).id;
    // Owner fields closed at once, one support contact, manual domains kept.
    const strict = await s.call('sku.create', {
      vendorId,
      sku: 'R3-STRICT',
      maxDomains: 3,
      licenseDuration: 365,
      editOwnershipDuration: 0,
      maxSupportContacts: 1,
      changeSupportContactsDuration: 30,
      canDeleteManualDomains: false,
    });
    await s.call('sku.update', { id: strict.id, privateKeyId: keyId });
    strictSkuId = strict.id;
    const owner = await s.call('customer.create', { name: 'Fretz Photography' });
    newOwnerId = (await s.call('customer.create', { name: 'Nordmann AS' })).id;
    users.push((await s.call('user.create', { name: 'Kathrin Fretz', email: 'kathrin@fretz.ch', customerId: owner.id })).id);
    users.push((await s.call('user.create', { name: 'Ueli Fretz', email: 'ueli@fretz.ch', customerId: owner.id })).id);
    licenseId = (await s.call('license.issue', { skuId: strict.id, owningEntityId: owner.id, domains: ['fretz.ch'] })).licenseId;
  });

  afterAll(async () => {
    await s?.close();
  });

  const open = async () => {
    await s.page.goto(`${s.host.origin}/#/licenses/${licenseId}`);
    // The same address again changes no route: load it afresh.
    await s.page.reload();
    await s.page.getByRole('heading', { level: 1, name: `License ${licenseId}` }).waitFor();
  };
  const timeline = () => s.page.getByRole('list', { name: `Timeline of license ${licenseId}` });

  it('renews by a number of days, showing the new expiry before saving', async () => {
    const { page } = s;
    await open();
    const before = (await s.call('license.get', { id: licenseId })).expires!;
    await page.getByRole('button', { name: 'Renew…' }).click();
    const dialog = page.getByRole('dialog', { name: `Renew or extend license ${licenseId}` });
    await dialog.waitFor();
    await dialog.getByLabel('The SKU’s license duration: 365 days more').waitFor();
    await dialog.getByLabel('A number of days more').check();
    await dialog.getByLabel('Days to add').fill('10');
    const expected = new Date(Date.parse(before) + 10 * DAY_MS);
    const day = expected.getUTCDate();
    await dialog.getByText(new RegExp(`New expiry: ${day} \\w{3} ${expected.getUTCFullYear()}`)).waitFor();
    await dialog.getByLabel('Days to add').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const after = (await s.call('license.get', { id: licenseId })).expires!;
    expect(Date.parse(after) - Date.parse(before)).toBe(10 * DAY_MS);
    await timeline().getByText(/^Renewed by browser: now expires/).waitFor();
  });

  it('suspends with a reason, then resumes; the page says what the state means', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Suspend…' }).click();
    const suspend = page.getByRole('alertdialog', { name: `Suspend license ${licenseId}?` });
    await suspend.getByLabel('Reason').fill('Invoice overdue');
    await suspend.getByLabel('Reason').press('Control+Enter');
    await suspend.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'This license is suspended' }).filter({ hasText: 'Invoice overdue' }).waitFor();
    await page.getByRole('region', { name: 'Domains' }).getByText('License suspended: not renewing').waitFor();

    await page.getByRole('button', { name: 'Resume…' }).click();
    const resume = page.getByRole('alertdialog', { name: `Resume license ${licenseId}?` });
    await resume.getByText('Suspended because: Invoice overdue').waitFor();
    // A reason is optional when resuming a suspension.
    await resume.getByRole('button', { name: 'Resume license' }).click();
    await resume.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Suspend…' }).waitFor();
    expect((await s.call('license.get', { id: licenseId })).state).toBe('active');
    await timeline().getByText('Suspended by browser: Invoice overdue.').waitFor();
  });

  it('transfers to a customer picked by name', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = page.getByRole('dialog', { name: `Transfer license ${licenseId}` });
    const picker = dialog.getByRole('combobox', { name: 'New owning customer (required)' });
    await picker.fill('nord');
    await dialog.getByRole('option', { name: /Nordmann AS/ }).click();
    await dialog.getByLabel('Reason').fill('Studio sold');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Owner' }).getByRole('link', { name: 'Nordmann AS' }).waitFor();
    expect(await s.call('license.get', { id: licenseId })).toMatchObject({ owningEntityId: newOwnerId, ownerName: 'Nordmann AS' });
    await timeline().getByText(/Transferred by browser from Fretz Photography to Nordmann AS/).waitFor();
  });

  it('edits the owner after the SKU’s window only with a reason, which the timeline keeps', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Edit owner…' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit the owner of license ${licenseId}` });
    await dialog.getByText(/SKU R3-STRICT lets the owner be edited until .*; that has passed/).waitFor();
    await dialog.getByLabel('Owner name (required)').fill('Nordmann Studio AS');
    await dialog.getByRole('button', { name: 'Save owner' }).click();
    await dialog.getByText('The ownership window has passed: give the reason for changing the owner anyway.').waitFor();
    expect((await s.call('license.get', { id: licenseId })).ownerName).toBe('Nordmann AS');

    await dialog.getByLabel('Reason to override the window').fill('Name on the invoice was wrong');
    await dialog.getByRole('button', { name: 'Save owner' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await s.call('license.get', { id: licenseId })).ownerName).toBe('Nordmann Studio AS');
    await timeline().getByText(/Owner details changed by browser: owner name "Nordmann AS" → "Nordmann Studio AS"/).waitFor();
  });

  it('keeps support contacts within the SKU’s limit, shown as “n of max”', async () => {
    const { page } = s;
    const section = page.getByRole('region', { name: 'Support contacts' });
    await section.getByText('0 of 1', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Change contacts…' }).click();
    const dialog = page.getByRole('dialog', { name: `Support contacts of license ${licenseId}` });
    await dialog.getByLabel(/Kathrin Fretz/).check();
    await dialog.getByLabel(/Ueli Fretz/).check();
    await dialog.getByText('2 of 1', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Save contacts' }).click();
    await dialog.getByText('SKU R3-STRICT allows 1 support contact; 2 are chosen.').first().waitFor();
    expect((await s.call('license.get', { id: licenseId })).supportContacts).toEqual([]);

    await dialog.getByLabel(/Ueli Fretz/).uncheck();
    await dialog.getByRole('button', { name: 'Save contacts' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByText('1 of 1', { exact: true }).waitFor();
    await section.getByRole('link', { name: 'Kathrin Fretz' }).waitFor();
    expect((await s.call('license.get', { id: licenseId })).supportContacts.map((c) => c.userId)).toEqual([users[0]]);
  });

  it('deletes a domain the SKU does not let go only with a reason', async () => {
    const { page } = s;
    const domains = page.getByRole('region', { name: 'Domains' });
    await domains.getByRole('button', { name: 'Delete domain fretz.ch' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete domain fretz.ch?' });
    await dialog.getByText('SKU R3-STRICT does not allow deleting manual domains. You may still delete it with a reason.').waitFor();
    await dialog.getByRole('button', { name: 'Delete domain' }).click();
    await dialog.getByText('Reason to override is required.').waitFor();
    expect((await s.call('license.get', { id: licenseId })).domains).toHaveLength(1);

    await dialog.getByLabel('Reason to override').fill('Customer moved to a new domain');
    await dialog.getByRole('button', { name: 'Delete domain' }).click();
    await dialog.waitFor({ state: 'detached' });
    await domains.getByText('No domains yet.').waitFor();
    await domains.getByText('0 of 3 domains used').waitFor();
    expect((await s.call('license.get', { id: licenseId })).domains).toHaveLength(0);
    await timeline().getByText(/Deleted domain fretz\.ch \(manual\)/).waitFor();
  });

  it('shows the rights held on the license, and revokes one', async () => {
    const { page } = s;
    const [right] = await s.call('right.list', {});
    await s.call('right.grant', { userId: users[1], rightId: right.id, objectType: 'license', objectId: String(licenseId) });
    await open();
    const rights = page.getByRole('region', { name: 'Rights' });
    const row = rights.getByRole('row', { name: /Ueli Fretz/ });
    await row.getByText(right.name).waitFor();
    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke right' }).click();
    await rights.getByText(`No one holds a right on license ${licenseId}.`).waitFor();
    expect(await s.call('right.forObject', { objectType: 'license', objectId: String(licenseId) })).toEqual([]);
  });

  it('downloads the signed license file', async () => {
    const { page } = s;
    const file = page.getByRole('region', { name: 'License file' });
    const shown = await file.getByLabel(`License file of license ${licenseId}`).textContent();
    expect(shown).toContain('Nordmann Studio AS');
    const downloading = page.waitForEvent('download');
    await file.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`license-${licenseId}.license`);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toBe(shown);
    expect(text).toBe((await s.call('license.file', { licenseId })).file);
  });

  it('asks for a reason to issue from a SKU not yet on sale; a customer’s link presets the owner', async () => {
    const { page } = s;
    const upcoming = await s.call('sku.create', { vendorId, sku: 'R4-BETA', releaseDate: isoDay(Date.now() + 30 * DAY_MS) });
    await s.call('sku.update', { id: upcoming.id, privateKeyId: keyId });
    // From a customer's page the form starts with that customer as the owner.
    await page.goto(`${s.host.origin}/#/licenses/new?customerId=${newOwnerId}`);
    await expect.poll(() => page.getByRole('combobox', { name: 'Owning customer' }).inputValue()).toBe('Nordmann AS');
    await page.getByLabel('SKU (required)').selectOption({ label: 'R4-BETA (Imazen) · Upcoming' });
    await page.getByText(/SKU R4-BETA is not on sale until/).waitFor();
    await page.getByLabel('Owner name').fill('Early Adopter GmbH');
    await page.getByLabel('Owner name').press('Enter');
    await page.getByText('Give the reason for issuing outside the sale window; the audit log keeps it.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-override.reason');

    await page.getByLabel('Reason to issue anyway (required)').fill('Beta program');
    await page.getByLabel('Reason to issue anyway (required)').press('Enter');
    await page.getByRole('heading', { level: 1, name: /^License \d+$/ }).waitFor();
    const id = Number(page.url().match(/\/licenses\/(\d+)$/)?.[1]);
    expect(await s.call('license.get', { id })).toMatchObject({ skuId: upcoming.id, ownerName: 'Early Adopter GmbH', owningEntityId: newOwnerId });
    await page.getByRole('list', { name: `Timeline of license ${id}` }).getByText(/Beta program/).waitFor();
  });

  it('exports the filtered list as CSV', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/licenses?sku=${strictSkuId}`);
    await page.getByRole('link', { name: `License ${licenseId}` }).waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Nordmann Studio AS');
    expect(csv).not.toContain('Early Adopter GmbH');
    await page.getByText(/Exported 1 license to/).waitFor();
    expect(s.pageProblems).toEqual([]);
  });
});
