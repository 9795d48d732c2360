/**
 * Customers, users and rights in Chromium: a customer made through its form, a contact
 * added on its page, its licenses linked, its delete refused while it owns one; rights
 * created, granted on a license and seen (and revoked) on the user's page; staff and
 * contacts told apart; a list exported to CSV.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { setUpLicensing, type Licensing } from './people-apps-setup';

describe.skipIf(chromiumSkipReason !== null)('customers, users and rights through the UI', () => {
  let s: UiSession;
  let licensing: Licensing;
  let customerId: number;
  let licenseId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    licensing = await setUpLicensing(s);
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = () => s.page.getByRole('navigation', { name: 'Areas' });
  const activeId = () => s.page.evaluate(() => document.activeElement?.id);

  it('starts with an empty customer list that says what to do, and adds a customer through the form', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByText('No customers yet.').waitFor();
    await page.getByRole('link', { name: 'Add your first customer' }).click();

    await page.getByRole('heading', { level: 1, name: 'Add a customer' }).waitFor();
    await expect.poll(activeId).toBe('field-name');
    // The API's own rule and words, under the field.
    await page.getByLabel('Email').fill('not an email');
    await page.getByLabel('Organisation name').fill('Photometer AG');
    await page.getByLabel('Organisation name').press('Enter');
    await page.getByText('Email must look like name@example.com.').waitFor();
    expect((await s.call('customer.list', {})).total).toBe(0);

    await page.getByLabel('Email').fill('billing@photometer.example');
    await page.getByLabel('City').fill('Zürich');
    await page.getByLabel('Country').fill('Switzerland');
    await page.getByLabel('Email').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Photometer AG' }).waitFor();
    await page.getByText('Customer “Photometer AG” added.').waitFor();

    const [customer] = (await s.call('customer.list', {})).items;
    expect(customer).toMatchObject({ name: 'Photometer AG', kind: 'organization', email: 'billing@photometer.example', city: 'Zürich' });
    customerId = customer.id;
    expect(page.url()).toContain(`#/customers/${customerId}`);
  });

  it('edits a customer into a person, keeping what was not changed', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Photometer AG' }).waitFor();
    await page.getByLabel('Person').check();
    await page.getByLabel('Full name').fill('Kathrin Fretz');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kathrin Fretz' }).waitFor();
    expect(await s.call('customer.get', { id: customerId })).toMatchObject({ kind: 'person', name: 'Kathrin Fretz', city: 'Zürich' });

    // Back to an organisation for the rest of the tests.
    await s.call('customer.update', { id: customerId, kind: 'organization', name: 'Photometer AG' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Photometer AG' }).waitFor();
  });

  it('adds a contact from the customer’s page; a bad email is refused on its field', async () => {
    const { page } = s;
    const contacts = page.getByRole('region', { name: 'Contacts' });
    await contacts.getByText('No contacts yet.').waitFor();
    await contacts.getByRole('button', { name: 'Add contact…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a contact to Photometer AG' });
    await dialog.waitFor();
    await expect.poll(activeId).toBe('field-name');
    await dialog.getByLabel('Name').fill('Angela Gube');
    await dialog.getByLabel('Email').fill('angela');
    await dialog.getByLabel('Email').press('Enter');
    await dialog.getByText('Email must look like name@example.com.').waitFor();
    expect(await dialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Email').fill('angela@photometer.example');
    await dialog.getByLabel('Email').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await contacts.getByRole('row', { name: /Angela Gube/ }).waitFor();

    const users = await s.call('user.list', { customerId });
    expect(users.items).toMatchObject([{ name: 'Angela Gube', email: 'angela@photometer.example', customerId, role: 'viewer' }]);
  });

  it('lists the customer’s licenses, each linking to its page', async () => {
    const { page } = s;
    licenseId = await licensing.issue('Photometer AG', customerId);
    await page.reload();
    const licenses = page.getByRole('region', { name: 'Licenses' });
    const link = licenses.getByRole('link', { name: `License ${licenseId}` });
    await link.waitFor();
    await link.click();
    await expect.poll(() => page.url()).toContain(`#/licenses/${licenseId}`);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Photometer AG' }).waitFor();
  });

  it('refuses to delete a customer who owns a license, and says why', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete customer “Photometer AG”?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Delete customer' }).click();
    const refused = page.getByRole('alertdialog', { name: 'Customer “Photometer AG” was not deleted' });
    await refused.waitFor();
    expect(await refused.getByRole('alert').textContent()).toMatch(/Photometer AG is the owning or purchasing entity of 1 license\..*Transfer it/);
    await refused.getByRole('button', { name: 'Close' }).click();
    expect((await s.call('customer.get', { id: customerId })).name).toBe('Photometer AG');
  });

  it('finds customers by search and kind, and exports the list to CSV', async () => {
    const { page } = s;
    await s.call('customer.create', { kind: 'person', name: 'Zoe Person', email: 'zoe@example.com' });
    await nav().getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('row', { name: /Zoe Person/ }).waitFor();
    await page.getByRole('row', { name: /Photometer AG/ }).waitFor();

    await page.getByLabel('Kind').selectOption({ label: 'Person' });
    await page.getByRole('row', { name: /Photometer AG/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Zoe Person/ }).waitFor();
    expect(page.url()).toContain('kind=person');

    await page.getByLabel('Kind').selectOption({ label: 'Organisations and people' });
    await page.getByLabel('Search customers').fill('photometer');
    await page.getByRole('row', { name: /Zoe Person/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Photometer AG/ }).waitFor();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    // What is on screen is what is exported: the search applies.
    expect(csv).toContain('Photometer AG');
    expect(csv).not.toContain('Zoe Person');
  });

  it('creates a right, and grants it to a contact on a license, picked by name', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Users & rights' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users & rights' }).waitFor();
    await page.getByRole('navigation', { name: 'Users & rights' }).getByRole('link', { name: 'Rights' }).click();
    await page.getByLabel('New right').fill('Support');
    await page.getByLabel('New right').press('Enter');
    await page.getByRole('row', { name: /Support/ }).getByText('0 grants').waitFor();

    await page.getByRole('button', { name: 'Grant a right…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant a right' });
    await dialog.waitFor();
    // Nothing chosen: each missing choice is named.
    await dialog.getByRole('button', { name: 'Grant right' }).click();
    await dialog.getByText('Choose who gets the right.').waitFor();
    await dialog.getByText('Choose a right.').waitFor();

    const user = dialog.getByRole('combobox', { name: 'User' });
    await user.fill('angela');
    await page.getByRole('option', { name: /Angela Gube/ }).waitFor();
    expect(await user.getAttribute('aria-expanded')).toBe('true');
    // Esc closes the list of matches, not the dialog.
    await user.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    await user.press('ArrowDown');
    await page.getByRole('option', { name: /Angela Gube/ }).click();
    expect(await user.inputValue()).toBe('Angela Gube');
    await dialog.getByLabel('Right').selectOption({ label: 'Support' });
    await dialog.getByLabel('On a').selectOption({ label: 'License' });
    const license = dialog.getByRole('combobox', { name: 'License' });
    await license.fill(String(licenseId));
    await page.getByRole('option', { name: new RegExp(`License ${licenseId} · Photometer AG`) }).waitFor();
    // The keyboard alone: down to the match, Enter picks it (and does not submit yet).
    await license.press('ArrowDown');
    await license.press('Enter');
    expect(await license.inputValue()).toBe(`License ${licenseId} · Photometer AG`);
    await dialog.getByRole('button', { name: 'Grant right' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Angela Gube now holds “Support” on`).waitFor();
    await page.getByRole('row', { name: /Support/ }).getByText('1 grant').waitFor();

    const grants = await s.call('right.forObject', { objectType: 'license', objectId: String(licenseId) });
    expect(grants).toMatchObject([{ userName: 'Angela Gube', rightName: 'Support' }]);
  });

  it('refuses to delete a right someone holds', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Delete right Support' }).click();
    await page.getByRole('alertdialog', { name: 'Delete right “Support”?' }).getByRole('button', { name: 'Delete right' }).click();
    const refused = page.getByRole('alertdialog', { name: 'Right “Support” was not deleted' });
    await refused.getByText('"Support" is held in 1 grant. Revoke it first').waitFor();
    await refused.getByRole('button', { name: 'Close' }).click();
    expect((await s.call('right.list', {})).map((r) => r.name)).toContain('Support');
  });

  it('shows the user’s rights, support-contact licenses and subscriptions on their page; revokes there', async () => {
    const { page } = s;
    const [angela] = (await s.call('user.list', { search: 'Angela' })).items;
    await s.call('license.setSupportContacts', { id: licenseId, userIds: [angela.id] });
    await page.getByRole('navigation', { name: 'Users & rights' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Angela Gube' }).click();
    await page.getByRole('heading', { level: 1, name: 'Angela Gube' }).waitFor();
    await page.getByText('Contact of').getByRole('link', { name: 'Photometer AG' }).first().waitFor();

    const rights = page.getByRole('region', { name: 'Rights held' });
    const row = rights.getByRole('row', { name: /Support/ });
    await row.getByRole('link', { name: new RegExp(`License ${licenseId}`) }).waitFor();
    const support = page.getByRole('region', { name: 'Support contact for' });
    await support.getByRole('link', { name: `License ${licenseId}` }).waitFor();

    await row.getByRole('button', { name: /^Revoke Support from Angela Gube/ }).click();
    await page.getByRole('alertdialog', { name: 'Revoke “Support”?' }).getByRole('button', { name: 'Revoke right' }).click();
    await rights.getByText('Angela Gube holds no rights yet.').waitFor();
    expect(await s.call('right.forObject', { objectType: 'license', objectId: String(licenseId) })).toEqual([]);
  });

  it('grants from a record’s own Rights panel (the customer’s page)', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/customers/${customerId}`);
    const panel = page.getByRole('region', { name: 'Rights' });
    await panel.getByText('No one holds a right on customer Photometer AG.').waitFor();
    await panel.getByRole('button', { name: 'Grant a right…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant a right on customer Photometer AG' });
    await dialog.getByRole('combobox', { name: 'User' }).fill('gube');
    await page.getByRole('option', { name: /Angela Gube/ }).click();
    await dialog.getByLabel('Right').selectOption({ label: 'Support' });
    await dialog.getByLabel('Right').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await panel.getByRole('row', { name: /Angela Gube.*Support/ }).waitFor();
    expect(await s.call('right.forObject', { objectType: 'customer', objectId: String(customerId) })).toMatchObject([{ userName: 'Angela Gube' }]);
  });

  it('adds a staff user through the form and tells staff from contacts', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Users & rights' }).click();
    await page.getByRole('link', { name: 'Add user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
    await page.getByLabel('Name').fill('Sam Staff');
    await page.getByLabel('Email').fill('sam@imazen.example');
    await page.getByLabel('Role').selectOption('admin');
    // A contact must name the customer they work for.
    await page.getByLabel('A customer’s contact').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Choose the customer this person works for.').waitFor();
    await page.getByLabel('Your staff', { exact: true }).check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sam Staff' }).waitFor();
    expect((await s.call('user.list', { search: 'Sam' })).items).toMatchObject([{ role: 'admin', customerId: null, isActive: true }]);

    await nav().getByRole('link', { name: 'Users & rights' }).click();
    await page.getByLabel('Who').selectOption({ label: 'Your staff' });
    await page.getByRole('row', { name: /Angela Gube/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Sam Staff/ }).waitFor();
    await page.getByLabel('Who').selectOption({ label: 'Customers’ contacts' });
    await page.getByRole('row', { name: /Sam Staff/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Angela Gube/ }).getByRole('link', { name: 'Photometer AG' }).waitFor();
    expect(s.pageProblems).toEqual([]);
  });
});
