/**
 * The license list on a store too large to count: the total reads "10,000+", Next
 * keeps going past the counted pages, sorting is done by the API and kept in the
 * address, and the SKU filter narrows the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/store/open';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const LICENSES = 10_050;

/** Licenses written straight into the store (unsigned: the list does not read files). */
function fillStore(dataDir: string): void {
  const store = openStore({ dataDir });
  try {
    const { sqlite } = store;
    const now = new Date().toISOString();
    const vendor = sqlite.prepare(`INSERT INTO vendors (name, created_at, updated_at) VALUES ('Imazen', ?, ?)`).run(now, now).lastInsertRowid;
    const sku = (code: string) =>
      sqlite.prepare(`INSERT INTO skus (vendor_id, sku, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(vendor, code, now, now).lastInsertRowid;
    const big = sku('R3-BULK');
    const small = sku('R3-RARE');
    const insert = sqlite.prepare(`INSERT INTO licenses (sku_id, owner_name, issued, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)`);
    sqlite.transaction(() => {
      for (let i = 0; i < LICENSES; i++) insert.run(big, `Bulk Owner ${String(i).padStart(5, '0')}`, now, now, now);
      insert.run(small, 'Aaron Rare', now, now, now);
      insert.run(small, 'Zoe Rare', now, now, now);
    })();
  } finally {
    store.close();
  }
}

describe.skipIf(chromiumSkipReason !== null)('the license list on a large store', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub({ prepare: async (dataDir) => fillStore(dataDir) });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('says the total is at least 10,000 and pages past it', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/licenses`);
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await pages.getByText('1–25 of 10,000+ licenses').waitFor();
    await pages.getByText('Page 1 of 400+').waitFor();
    // Newest first until another sort is chosen.
    expect(await page.getByRole('row').nth(1).textContent()).toContain('Zoe Rare');

    await pages.getByRole('button', { name: 'Next →' }).click();
    await pages.getByText('26–50 of 10,000+ licenses').waitFor();
    expect(page.url()).toContain('page=2');
    expect(await pages.getByRole('button', { name: 'Next →' }).isEnabled()).toBe(true);
  });

  it('sorts by owner in the API, both ways, and keeps the sort in the address', async () => {
    const { page } = s;
    await page.getByRole('columnheader', { name: 'Owner' }).getByRole('button').click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Aaron Rare');
    expect(page.url()).toContain('sort=owner');
    expect(page.url()).not.toContain('page=');
    await page.getByRole('columnheader', { name: 'Owner' }).getByRole('button').click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Zoe Rare');
    expect(page.url()).toContain('dir=desc');
    await page.reload();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Zoe Rare');
  });

  it('narrows to one SKU with an exact count', async () => {
    const { page } = s;
    await page.getByLabel('SKU').selectOption({ label: 'R3-RARE · Imazen' });
    await page.getByRole('navigation', { name: 'Pages' }).getByText('1–2 of 2 licenses').waitFor();
    expect(await page.getByRole('row').count()).toBe(3);
    expect(s.pageProblems).toEqual([]);
  });
});
