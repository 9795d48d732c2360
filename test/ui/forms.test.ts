/**
 * Add and edit forms: a half-typed date is refused (never saved as "no date"), and
 * each record's form shows that record's values even when the screen is reused.
 * Leaving a form with unsaved changes: leaving-forms.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const INCOMPLETE_DATE = 'Enter a full date, or clear the field.';

describe.skipIf(chromiumSkipReason !== null)('add and edit forms', () => {
  let s: UiSession;
  let vendorId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    vendorId = (await s.call('vendor.create', { name: 'Fourth Coffee Software' })).id;
  });

  afterAll(async () => {
    await s?.close();
  });

  const goTo = (hash: string) => s.page.goto(`${s.host.origin}/#${hash}`);
  /** Changes the route inside the running page, as a link or Back would: the screen stays mounted. */
  const routeTo = (hash: string) => s.page.evaluate((h) => (window.location.hash = h), hash);

  it('refuses a half-typed date under its field, and saves nothing', async () => {
    const { page } = s;
    await goTo(`/catalog/skus/new?vendorId=${vendorId}`);
    await page.getByLabel('SKU code').fill('FC-HALF-DATE');
    const expiration = page.getByLabel('Expiration date');
    await expiration.click();
    await page.keyboard.type('12');

    // Leaving the box says so at once…
    await page.getByLabel('SKU code').click();
    const message = page.locator('#field-expirationDate-error');
    await expect.poll(() => message.textContent()).toContain(INCOMPLETE_DATE);

    // …and saving is refused, with focus on the date.
    await page.getByRole('button', { name: 'Add SKU' }).click();
    await page.getByText('One field needs attention.').waitFor();
    expect(await expiration.getAttribute('aria-invalid')).toBe('true');
    expect(await expiration.getAttribute('aria-describedby')).toContain('field-expirationDate-error');
    await expect.poll(() => expiration.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: '/tmp/ui-fix/incomplete-date.png' });
    expect(page.url()).toContain('/catalog/skus/new');
    expect((await s.call('sku.list', { search: 'FC-HALF-DATE' })).total).toBe(0);

    // A whole date clears the message and saves.
    await expiration.fill('2031-12-01');
    expect(await message.count()).toBe(0);
    await page.getByRole('button', { name: 'Add SKU' }).click();
    await page.getByRole('heading', { name: 'FC-HALF-DATE' }).waitFor();
    const saved = (await s.call('sku.list', { search: 'FC-HALF-DATE' })).items[0];
    expect(saved.expirationDate).toBe('2031-12-01T00:00:00.000Z');
  });

  it('keeps a stored date when its box is half cleared, and clears it when the box is emptied', async () => {
    const { page } = s;
    const sku = await s.call('sku.create', { vendorId, sku: 'FC-DATED', expirationDate: '2032-06-30' });
    await goTo(`/catalog/skus/${sku.id}/edit`);
    const expiration = page.getByLabel('Expiration date');
    expect(await expiration.inputValue()).toBe('2032-06-30');

    // Clearing one part (the month) leaves a date the browser cannot read: refused.
    await expiration.click({ position: { x: 12, y: 17 } });
    await page.keyboard.press('Backspace');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#field-expirationDate-error', { hasText: INCOMPLETE_DATE }).waitFor();
    expect((await s.call('sku.get', { id: sku.id })).expirationDate).toBe('2032-06-30T00:00:00.000Z');

    // An empty box is a clear answer: no expiration.
    await expiration.fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'FC-DATED' }).waitFor();
    expect((await s.call('sku.get', { id: sku.id })).expirationDate).toBeNull();
  });

  it('shows each record’s own values when going from one edit form straight to another', async () => {
    const { page } = s;
    const first = await s.call('sku.create', { vendorId, sku: 'FC-FIRST', name: 'First edition', maxDomains: 3 });
    const second = await s.call('sku.create', { vendorId, sku: 'FC-SECOND', name: 'Second edition', maxDomains: 7 });

    await goTo(`/catalog/skus/${first.id}/edit`);
    await page.getByRole('heading', { name: 'Edit SKU FC-FIRST' }).waitFor();
    expect(await page.getByLabel('SKU code').inputValue()).toBe('FC-FIRST');

    await routeTo(`/catalog/skus/${second.id}/edit`);
    await page.getByRole('heading', { name: 'Edit SKU FC-SECOND' }).waitFor();
    expect(await page.getByLabel('SKU code').inputValue()).toBe('FC-SECOND');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Second edition');
    expect(await page.getByLabel('Max domains').inputValue()).toBe('7');

    // Releases share their package's screen: one release's form to another's.
    const pkg = await s.call('package.create', { vendorId, displayName: 'Fourth Coffee Desktop' });
    const older = await s.call('release.create', { packageId: pkg.id, displayName: 'Desktop', version: '1.0.0', stability: 0, releaseDate: '2025-01-01' });
    const newer = await s.call('release.create', { packageId: pkg.id, displayName: 'Desktop', version: '2.0.0', stability: 2, releaseDate: '2025-06-01' });
    await goTo(`/catalog/packages/${pkg.id}/releases/${older.id}/edit`);
    await page.getByRole('heading', { name: 'Edit release 1.0.0' }).waitFor();
    await routeTo(`/catalog/packages/${pkg.id}/releases/${newer.id}/edit`);
    await page.getByRole('heading', { name: 'Edit release 2.0.0' }).waitFor();
    expect(await page.getByLabel('Version').inputValue()).toBe('2.0.0');
    expect(await page.getByLabel('Release date').inputValue()).toBe('2025-06-01');
    expect(s.pageProblems).toEqual([]);
  });
});
