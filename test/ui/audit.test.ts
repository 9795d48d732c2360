/**
 * The audit log in Chromium: entries newest first with who, what and which record;
 * filtered by action (one, or a whole group), by record (a record's History link), by
 * date range; details opened in place; a record's link leads to its page; the filtered
 * log exported to CSV.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

describe.skipIf(chromiumSkipReason !== null)('the audit log through the UI', () => {
  let s: UiSession;
  let customerId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    await s.call('vendor.create', { name: 'Imazen' });
    customerId = (await s.call('customer.create', { name: 'Photometer AG', city: 'Bern' })).id;
    await s.call('customer.update', { id: customerId, city: 'Zürich' });
    await s.call('customer.create', { kind: 'person', name: 'Zoe Person' });
    await s.call('user.create', { name: 'Sam Staff', email: 'sam@imazen.example' });
  });

  afterAll(async () => {
    await s?.close();
  });

  const table = () => s.page.getByRole('table', { name: 'Audit log entries' });
  const actions = () => table().locator('tbody tr.audit-row td:nth-child(3) code').allTextContents();

  it('lists every entry, newest first, with when, who, what and which record', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await table().waitFor();
    const all = await s.call('audit.list', {});
    await expect.poll(actions).toEqual(all.items.map((r) => r.action));
    expect((await actions())[0]).toBe('user.create');
    expect((await actions()).at(-1)).toBe('vendor.create');
    await page.getByText(`1–${all.total} of ${all.total} entries`).waitFor();
    const newest = table().locator('tbody tr.audit-row').first();
    expect(await newest.textContent()).toContain('browser');
    await newest.getByRole('link', { name: /^User \d+$/ }).waitFor();
  });

  it('filters by one action, then by every action of a kind', async () => {
    const { page } = s;
    await page.getByLabel('Action').selectOption('customer.create');
    await expect.poll(actions).toEqual(['customer.create', 'customer.create']);
    expect(page.url()).toContain('action=customer.create');

    await page.getByLabel('Action').selectOption({ label: 'Every customer action' });
    await expect.poll(actions).toEqual(['customer.create', 'customer.update', 'customer.create']);
    // An edit says what it changed.
    await table().getByRole('row', { name: /customer\.update/ }).getByText('Changed city').waitFor();
  });

  it('opens an entry’s details in place', async () => {
    const { page } = s;
    const update = table().getByRole('row', { name: /customer\.update/ });
    const button = update.getByRole('button', { name: /details of customer\.update/ });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const json = page.locator('.audit-json');
    await json.waitFor();
    const details = JSON.parse((await json.textContent()) ?? '{}') as { before: { city: string }; after: { city: string } };
    expect(details.before.city).toBe('Bern');
    expect(details.after.city).toBe('Zürich');
    await update.getByRole('button', { name: /^Hide details/ }).click();
    await json.waitFor({ state: 'detached' });
  });

  it('narrows to a date range; nothing matches before today, and the filters clear', async () => {
    const { page } = s;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('To (UTC)').fill(yesterday);
    await page.getByText('No entries match.').waitFor();
    await page.getByLabel('To (UTC)').fill(today);
    await page.getByLabel('From (UTC)').fill(today);
    await expect.poll(actions).toEqual(['customer.create', 'customer.update', 'customer.create']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await actions()).length).toBe((await s.call('audit.list', {})).total);
  });

  it('shows one record’s history from its page, and links back to the record', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: 'Photometer AG' }).waitFor();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await expect.poll(actions).toEqual(['customer.update', 'customer.create']);
    expect(await page.getByRole('combobox', { name: /^Record/ }).inputValue()).toBe('customer');
    expect(await page.getByLabel('Record id').inputValue()).toBe(String(customerId));

    await table().getByRole('link', { name: `Customer ${customerId}` }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Photometer AG' }).waitFor();
    await page.goBack();
    await expect.poll(actions).toEqual(['customer.update', 'customer.create']);
  });

  it('exports what the filters show to CSV', async () => {
    const { page } = s;
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8');
    expect(csv).toContain('customer.update');
    expect(csv).not.toContain('vendor.create');
    expect(csv).not.toContain('user.create');
    expect(s.pageProblems).toEqual([]);
  });
});
