/**
 * The license lifecycle in Chromium, as staff do it: issue a license from the form (the
 * keys locked, so it asks to unlock first), add two domains, hit the SKU's limit (the
 * refusal shows and nothing is added), revoke with a confirmation, and read it all in
 * the timeline; then find the license by a domain in the list and the domains list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const PASSPHRASE = 'correct horse battery staple';

describe.skipIf(chromiumSkipReason !== null)('licenses through the UI', () => {
  let s: UiSession;
  let skuId: number;
  let customerId: number;
  let licenseId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    const vendor = await s.call('vendor.create', { name: 'Imazen' });
    const key = await s.call('key.generate', { vendorId: vendor.id, displayName: 'Imazen 2026' });
    const sku = await s.call('sku.create', {
      vendorId: vendor.id,
      sku: 'R3-PRO',
      name: 'Resizer 3 Pro',
      maxDomains: 2,
      licenseDuration: 365,
      manualDomainDuration: 365,
      maxSupportContacts: 2,
      canDeleteManualDomains: true,
    });
    await s.call('sku.update', { id: sku.id, privateKeyId: key.id });
    skuId = sku.id;
    customerId = (await s.call('customer.create', { name: 'Fretz Photography', email: 'kathrin@fretz.example' })).id;
    await s.call('customer.create', { name: 'Nordmann AS', email: 'ola@nordmann.example' });
  });

  afterAll(async () => {
    await s?.close();
  });

  const activeId = () => s.page.evaluate(() => document.activeElement?.id);
  const domains = () => s.page.getByRole('region', { name: 'Domains' });

  it('starts with an empty list that says what to do, and leads to the issue form', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Licenses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licenses' }).waitFor();
    await page.getByText('No licenses yet.').waitFor();
    await page.getByRole('link', { name: 'Issue your first license' }).click();
    await page.getByRole('heading', { level: 1, name: 'Issue a license' }).waitFor();
    await expect.poll(activeId).toBe('field-skuId');
  });

  it('refuses an empty form on its fields, then issues with the keys locked: it asks to unlock, then goes to the new license', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Issue license' }).click();
    await page.getByText('Choose the SKU to issue.').waitFor();
    await page.getByText('Give an owner name or choose the owning customer.').waitFor();
    await expect.poll(activeId).toBe('field-skuId');

    await page.getByLabel('SKU (required)').selectOption({ label: 'R3-PRO — Resizer 3 Pro (Imazen)' });
    // The SKU's rules, in words, as they apply to this license.
    await page.getByText('Up to 2 domains.').waitFor();
    await page.getByText('Licenses last 365 days.').waitFor();
    const expiry = page.getByLabel('Expiry');
    expect(await expiry.locator('option').first().textContent()).toMatch(/^From the SKU: 365 days, until \d{1,2} \w{3} \d{4}$/);

    // The customer is found by typing; arrows and Enter pick it, and Enter does not submit.
    const owning = page.getByRole('combobox', { name: 'Owning customer' });
    await owning.fill('fretz');
    await page.getByRole('option', { name: /Fretz Photography/ }).waitFor();
    await owning.press('ArrowDown');
    await owning.press('Enter');
    await expect.poll(() => owning.inputValue()).toBe('Fretz Photography');
    expect(page.url()).toContain('/licenses/new');

    await s.call('vault.lock', {});
    // Enter in a text field issues.
    await page.getByLabel('Owner name').press('Enter');
    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');

    await page.getByRole('heading', { level: 1, name: /^License \d+$/ }).waitFor();
    licenseId = Number(page.url().match(/\/licenses\/(\d+)$/)?.[1]);
    expect(licenseId).toBeGreaterThan(0);
    await page.getByText(`License ${licenseId} issued to Fretz Photography.`).waitFor();

    const license = await s.call('license.get', { id: licenseId });
    expect(license).toMatchObject({ skuId, ownerName: 'Fretz Photography', owningEntityId: customerId, state: 'active' });
    expect(license.domains).toHaveLength(0);
    // Facts link to the owning customer; the file is there to copy and download.
    await page.getByRole('region', { name: 'Owner' }).getByRole('link', { name: 'Fretz Photography' }).waitFor();
    await page.getByRole('region', { name: 'License file' }).getByRole('button', { name: 'Download' }).waitFor();
    await domains().getByText('0 of 2 domains used').waitFor();
  });

  it('adds two domains, then hits the SKU’s limit: the refusal is shown and nothing is added', async () => {
    const field = domains().getByRole('textbox', { name: 'Add a domain' });
    await field.fill('www.example.com');
    await field.press('Enter');
    await domains().getByRole('cell', { name: 'example.com', exact: true }).waitFor();
    await domains().getByText('1 of 2 domains used').waitFor();
    await expect.poll(() => field.inputValue()).toBe('');

    await field.fill('shop.example.org');
    await domains().getByRole('button', { name: 'Add domain' }).click();
    await domains().getByRole('cell', { name: 'shop.example.org', exact: true }).waitFor();
    await domains().getByText('2 of 2 domains used').waitFor();
    await domains().getByText(/The limit is reached/).waitFor();

    await field.fill('third.example.net');
    await field.press('Enter');
    const refusal = `SKU R3-PRO allows 2 domains per license; license ${licenseId} already has 2 live domains.`;
    await domains().getByRole('alert').filter({ hasText: refusal }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await s.call('license.get', { id: licenseId })).domains.map((d) => d.domainName).sort()).toEqual(['example.com', 'shop.example.org']);
    // Typing again clears the refusal.
    await field.fill('');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
  });

  it('explains a refused domain name under the field', async () => {
    const field = domains().getByRole('textbox', { name: 'Add a domain' });
    await field.fill('co.uk');
    await field.press('Enter');
    // Only the new refusal shows, never the last one (the limit) while this one is on its way.
    await domains().getByRole('alert').filter({ hasText: /co\.uk/ }).waitFor();
    expect(await domains().getByRole('alert').allTextContents()).toEqual([expect.stringMatching(/co\.uk/)]);
    expect((await s.call('license.get', { id: licenseId })).domains).toHaveLength(2);
    await field.fill('');
  });

  it('revokes only after a confirmation with a reason, saying the file stays valid offline; the domains then show as stopped', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Revoke…' }).click();
    let dialog = page.getByRole('alertdialog', { name: `Revoke license ${licenseId}?` });
    await dialog.waitFor();
    await dialog.getByText(/keeps verifying until it expires on \d{1,2} \w{3} \d{4}/).waitFor();
    await dialog.getByText(/its 2 domain licenses stop renewing/).waitFor();
    await expect.poll(activeId).toBe('field-reason');
    // Esc changes nothing.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await s.call('license.get', { id: licenseId })).state).toBe('active');

    await page.getByRole('button', { name: 'Revoke…' }).click();
    dialog = page.getByRole('alertdialog', { name: `Revoke license ${licenseId}?` });
    await dialog.getByRole('button', { name: 'Revoke license' }).click();
    await dialog.getByText('Reason is required.').waitFor();
    expect((await s.call('license.get', { id: licenseId })).state).toBe('active');

    await dialog.getByLabel('Reason').fill('Chargeback on the card');
    await dialog.getByRole('button', { name: 'Revoke license' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`License ${licenseId} revoked.`).waitFor();
    await page.getByRole('heading', { level: 1, name: `License ${licenseId}` }).locator('..').getByText('Revoked', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'This license is revoked' }).waitFor();
    expect(await domains().getByText('Stopped', { exact: true }).count()).toBe(2);
    await domains().getByText('License revoked: not renewing').first().waitFor();
    // A revoked license can be resumed, not revoked again.
    expect(await page.getByRole('button', { name: 'Revoke…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume…' }).waitFor();
    expect(await s.call('license.get', { id: licenseId })).toMatchObject({ state: 'revoked', statusReason: 'Chargeback on the card' });
  });

  it('shows the timeline: issued, both domains and the revocation, with who did each', async () => {
    const timeline = s.page.getByRole('list', { name: `Timeline of license ${licenseId}` });
    await timeline.getByText('Revoked by browser: Chargeback on the card.').waitFor();
    const entries = await timeline.getByRole('listitem').allTextContents();
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatch(/Issued by browser: R3-PRO for Fretz Photography/);
    expect(entries[1]).toMatch(/Added domain example\.com/);
    expect(entries[2]).toMatch(/Added domain shop\.example\.org/);
    expect(entries[3]).toMatch(/Revoked by browser/);
    for (const entry of entries) expect(entry).toMatch(/by browser/);
  });

  it('finds the license by one of its domains; a search with no match says so and clears', async () => {
    const { page } = s;
    await s.call('license.issue', { skuId, owner: 'Ola Nordmann', domains: ['nordmann.no'] });
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Licenses' }).click();
    await page.getByRole('row', { name: /Ola Nordmann/ }).waitFor();
    const search = page.getByRole('searchbox', { name: 'Search licenses' });
    expect(await search.getAttribute('placeholder')).toBe('Owner, customer, email, domain, license id, app id or app key');

    await search.fill('shop.example.org');
    await page.getByRole('link', { name: `License ${licenseId}` }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Ola Nordmann/ }).count()).toBe(0);
    expect(page.url()).toContain('q=shop.example.org');

    await search.fill('no-such-domain.example');
    await page.getByText('No licenses match.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByRole('row', { name: /Ola Nordmann/ }).waitFor();

    await page.getByLabel('State').selectOption({ label: 'Revoked' });
    await expect.poll(() => page.getByRole('row', { name: /Ola Nordmann/ }).count()).toBe(0);
    await page.getByRole('link', { name: `License ${licenseId}` }).waitFor();
    expect(page.url()).toContain('state=revoked');
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
  });

  it('lists domains across licenses, filtered by state, each leading to its license', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Domains' }).click();
    await page.getByRole('heading', { level: 1, name: 'Domains' }).waitFor();
    await page.getByRole('row', { name: /nordmann\.no/ }).waitFor();
    await page.getByLabel('State').selectOption({ label: 'Stopped' });
    await page.getByRole('row', { name: /shop\.example\.org/ }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /nordmann\.no/ }).count()).toBe(0);
    await page.getByRole('link', { name: `shop.example.org, license ${licenseId}` }).click();
    await page.getByRole('heading', { level: 1, name: `License ${licenseId}` }).waitFor();
    expect(s.pageProblems).toEqual([]);
  });
});
