/**
 * The dashboard in Chromium: a new store says how to get to the first license; with
 * licenses it shows the counts by state, the two charts, the licenses expiring within
 * 30 days and a warning list of licenses and domains about to lapse, each leading to
 * its license.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.skipIf(chromiumSkipReason !== null)('the dashboard', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
  });

  afterAll(async () => {
    await s?.close();
  });

  /** A stat card's number, by its label. */
  const stat = async (label: string) => {
    const card = s.page.getByRole('link', { name: new RegExp(`^[\\d,]+ ${label}`) });
    return Number((await card.locator('.stat-card__value').textContent())?.replace(/,/g, ''));
  };

  it('on a new store, says there are no licenses yet and how to issue the first', async () => {
    const { page } = s;
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByText('No licenses yet.').waitFor();
    await page.getByRole('link', { name: 'Issue your first license' }).waitFor();
    // The catalog steps lead there too.
    await page.getByRole('region', { name: 'Getting started' }).getByRole('link', { name: 'Issue license' }).waitFor();
    expect(await page.locator('.recharts-wrapper').count()).toBe(0);
  });

  it('shows the counts by state, both charts, and what expires soon', async () => {
    const { page } = s;
    await s.call('vault.setup', { passphrase: 'correct horse battery staple' });
    const vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    const key = await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' });
    const sku = await s.call('sku.create', { vendorId, sku: 'R3-PRO', licenseDuration: 365, manualDomainDuration: 365 });
    await s.call('sku.update', { id: sku.id, privateKeyId: key.id });
    const issue = async (owner: string, extra: { expires?: string; domains?: string[] } = {}) =>
      (await s.call('license.issue', { skuId: sku.id, owner, ...extra })).licenseId;

    await issue('Active One', { domains: ['one.ch'] });
    await issue('Active Two');
    const soon = await issue('Expiring Soon', { expires: isoDay(Date.now() + 5 * DAY_MS), domains: ['soon.ch'] });
    const later = await issue('Expiring Later', { expires: isoDay(Date.now() + 20 * DAY_MS) });
    const suspended = await issue('Suspended One');
    await s.call('license.suspend', { id: suspended, reason: 'Invoice overdue' });
    const revoked = await issue('Revoked One', { domains: ['gone.ch'] });
    await s.call('license.revoke', { id: revoked, reason: 'Chargeback' });
    const manualSoon = await issue('Domain Owner');
    await s.call('domain.add', { licenseId: manualSoon, domain: 'brief.ch', expires: isoDay(Date.now() + 3 * DAY_MS) });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: /^\d+ Active licenses/ }).waitFor();
    expect(await stat('Active licenses')).toBe(5);
    expect(await stat('Expiring in 30 days')).toBe(2);
    expect(await stat('Suspended')).toBe(1);
    expect(await stat('Revoked')).toBe(1);
    expect(await stat('Expired')).toBe(0);
    // one.ch, soon.ch and brief.ch are live; gone.ch stopped with its revoked license.
    expect(await stat('Live domains')).toBe(3);

    // Licenses issued per month: a bar for this month, and the numbers for screen readers.
    const perMonth = page.getByRole('figure', { name: 'Licenses issued per month' });
    await perMonth.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await perMonth.locator('.recharts-bar-rectangle path').count()).toBeGreaterThanOrEqual(1);
    const monthRows = await perMonth.getByRole('row').allTextContents();
    expect(monthRows.at(-1)).toMatch(/7$/);
    const byState = page.getByRole('figure', { name: 'Licenses by state' });
    await byState.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await byState.getByRole('row').allTextContents()).toEqual(['StateLicenses', 'Active5', 'Expired0', 'Suspended1', 'Revoked1']);

    // Expiring within 30 days, soonest first, each leading to its license.
    const expiring = page.getByRole('region', { name: /Expiring in the next 30 days/ });
    const rows = expiring.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('Expiring Soon');
    expect(await rows.nth(2).textContent()).toContain('Expiring Later');
    await expiring.getByText('in 5 days').waitFor();

    // Needs attention: the license within a week, and domains that will not renew by themselves.
    const warnings = page.getByRole('list', { name: 'Licenses and domains expiring soon' });
    const items = await warnings.getByRole('listitem').allTextContents();
    expect(items.some((t) => t.includes(`License ${soon} (Expiring Soon, R3-PRO) expires in 5 days.`))).toBe(true);
    expect(items.some((t) => t.includes(`Domain brief.ch of license ${manualSoon} expires in 3 days and will not renew by itself.`))).toBe(true);
    expect(items.some((t) => t.includes(`License ${later} `))).toBe(false);

    await warnings.getByRole('link', { name: `Open license ${manualSoon}` }).click();
    await page.getByRole('heading', { level: 1, name: `License ${manualSoon}` }).waitFor();
    await page.goBack();
    await expiring.getByRole('link', { name: `License ${later}` }).click();
    await page.getByRole('heading', { level: 1, name: `License ${later}` }).waitFor();

    // A count leads to the list it counts.
    await page.goBack();
    await page.getByRole('link', { name: /^\d+ Suspended/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Licenses' }).waitFor();
    expect(page.url()).toContain('state=suspended');
    await page.getByRole('link', { name: `License ${suspended}` }).waitFor();
    expect(s.pageProblems).toEqual([]);
  });
});
