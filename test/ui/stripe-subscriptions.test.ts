/**
 * Subscriptions and Stripe prices in Chromium, after a sync from the fake Stripe server:
 * before it, both screens say what to do (and lead to Sync); the SKU form takes the
 * subscription grace; the subscriptions list filters by status ("Renewal ended") and
 * search; a subscription's page shows its status, period, grace, customer, the item's
 * SKU and licenses, its invoice's transaction and Stripe's object; on Stripe prices a
 * price no SKU matches waits, "Map to SKU…" issues its license, and removing the mapping
 * asks first and leaves the license.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld, type Json } from '../support/stripe/world';

const PASSPHRASE = 'correct horse battery staple';
const DAY_MS = 86_400_000;

describe.skipIf(chromiumSkipReason !== null)('subscriptions and Stripe prices', () => {
  let s: UiSession;
  let world: StripeWorld;
  let stripe: StripeServer;
  let skuId: number;
  let adaSub: Json;
  let bobSub: Json;
  let legacyPrice: Json;

  beforeAll(async () => {
    world = new StripeWorld({ accountName: 'Imazen Test' });
    const pro = world.product({ name: 'Resizer 3 Pro', metadata: { keyhub_sku: 'R3Pro' } });
    const monthly = world.price({ product: pro, unitAmount: 4900, recurring: { interval: 'month' }, nickname: 'Pro monthly' });
    const ada = world.customer({ email: 'ada@lovelace.example', name: 'Ada Lovelace' });
    const bob = world.customer({ email: 'bob@builder.example', name: 'Bob Builder' });
    adaSub = world.subscription({ customer: ada, items: [{ price: monthly, quantity: 2 }] });
    bobSub = world.subscription({ customer: bob, items: [{ price: monthly, quantity: 1 }] });
    world.cancelSubscription(bobSub.id as string);
    // A one-off product nobody gave a keyhub_sku: its purchase waits for a mapping.
    const legacy = world.product({ name: 'Legacy Plugin' });
    legacyPrice = world.price({ product: legacy, unitAmount: 1900, nickname: 'Legacy plugin' });
    world.checkoutSession({ email: 'carol@example.com', name: 'Carol Danvers', lineItems: [{ price: legacyPrice, quantity: 1 }], paid: true });
    stripe = await startStripeServer(world);

    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    const vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    const keyId = (await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' })).id;
    skuId = (await s.call('sku.create', { vendorId, sku: 'R3Pro', name: 'Resizer 3 Pro', privateKeyId: keyId, licenseDuration: 365 })).id;
    await s.call('stripe.settings', { scheduleMinutes: 0 });
    await s.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url });
  });

  afterAll(async () => {
    await s?.close();
    await stripe?.close();
  });

  const nav = () => s.page.getByRole('navigation', { name: 'Areas' });
  const toasts = () => s.page.locator('.toasts');

  async function syncNow(): Promise<void> {
    const job = await s.call('stripe.sync', {});
    await expect.poll(async () => (await s.call('job.get', { id: job.id })).state, { timeout: 20_000 }).toBe('done');
  }

  it('before a sync, both screens say where their rows come from and lead to Sync', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    await page.getByText('No subscriptions yet.').waitFor();
    expect(await page.getByRole('link', { name: 'Go to Sync' }).getAttribute('href')).toBe('#/sync');

    await nav().getByRole('link', { name: 'Stripe prices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stripe prices' }).waitFor();
    await page.getByText('No Stripe prices yet.').waitFor();
    expect(await page.getByRole('link', { name: 'Go to Sync' }).getAttribute('href')).toBe('#/sync');
  });

  it('takes the subscription grace in the SKU form', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/catalog/skus/${skuId}/edit`);
    const grace = page.getByLabel('Subscription grace');
    await grace.waitFor();
    expect(await grace.inputValue()).toBe('');
    await grace.fill('-1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await grace.getAttribute('aria-invalid')).toBe('true');
    await grace.fill('5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('SKU R3Pro saved.').waitFor();
    expect((await s.call('sku.get', { id: skuId })).subscriptionGraceDays).toBe(5);
    expect(await page.locator('.facts__item', { hasText: 'Subscription grace' }).textContent()).toContain('5 days');
  });

  it('lists the synced subscriptions, filtered by status and searched', async () => {
    const { page } = s;
    await syncNow();
    await nav().getByRole('link', { name: 'Subscriptions' }).click();
    const table = page.getByRole('table', { name: 'Subscriptions' });
    const rows = () => table.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect.poll(() => rows().count()).toBe(2);

    const adaRow = rows().filter({ hasText: 'Ada Lovelace' });
    expect(await adaRow.getByRole('cell').allTextContents()).toEqual([
      adaSub.id,
      expect.stringMatching(/^Ada Lovelacecus_/),
      'Active',
      'R3Pro ×2',
      expect.stringMatching(/^\d+ \w{3} \d{4}$/),
      '2',
      expect.stringMatching(/^\d+ \w{3} \d{4}$/),
    ]);

    await page.getByLabel('Status').selectOption({ label: 'Renewal ended' });
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(bobSub.id as string);
    expect(await rows().first().getByRole('cell').nth(2).textContent()).toMatch(/^CanceledRenewal ended \d+ \w{3} \d{4}$/);

    await page.getByLabel('Status').selectOption({ label: 'Active' });
    // The rows change once the new filter's page arrives: wait for that, not a count the last filter also had.
    await expect.poll(async () => (await rows().allTextContents()).map((t) => t.includes('Ada Lovelace'))).toEqual([true]);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('searchbox', { name: 'Search subscriptions' }).fill('bob@builder');
    await expect.poll(async () => (await rows().allTextContents()).map((t) => t.includes('Bob Builder'))).toEqual([true]);
    await page.screenshot({ path: '/tmp/keyhub-ui-subscriptions.png' });
  });

  it('shows a subscription: status, period, grace, customer, the item’s SKU and licenses, its invoice and Stripe’s object', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: `Subscription ${adaSub.id}` }).click();
    await page.getByRole('heading', { level: 1, name: `Subscription ${adaSub.id}` }).waitFor();
    const detail = await s.call('subscription.list', { search: adaSub.id as string }).then((p) => s.call('subscription.get', { id: p.items[0].id }));

    const facts = page.getByRole('region', { name: 'Subscription', exact: true });
    const fact = (label: string) => facts.locator('.facts__item', { has: page.getByText(label, { exact: true }) }).locator('dd');
    expect(await fact('Status').textContent()).toMatch(/^Active/);
    expect(await fact('Cancel at period end').textContent()).toBe('No');
    expect(await fact('Renewal ended').textContent()).toMatch(/^No/);
    expect(await fact('Grace').textContent()).toMatch(/^5 days/);
    expect(await page.getByRole('region', { name: 'Customer' }).getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(`#/customers/${detail.customerId}`);

    const items = page.getByRole('region', { name: /^Items/ });
    await items.getByRole('link', { name: 'R3Pro' }).waitFor();
    const licenseLinks = items.getByRole('link', { name: /^License \d+$/ });
    const licenseIds = detail.items[0].licenses.map((l) => l.id);
    expect(licenseIds).toHaveLength(2);
    expect(await licenseLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(licenseIds.map((id) => `#/licenses/${id}`));
    // The grace typed in the SKU form: the licenses run 5 days past the paid period.
    const periodEnd = Date.parse(detail.currentPeriodEnd!);
    for (const id of licenseIds) expect(Date.parse((await s.call('license.get', { id })).expires!)).toBe(periodEnd + 5 * DAY_MS);

    const invoices = page.getByRole('region', { name: /^Paid invoices/ });
    const invoiceLink = invoices.getByRole('link', { name: /^Transaction in_/ });
    expect(await invoiceLink.getAttribute('href')).toBe(`#/transactions/${detail.transactions[0].id}`);

    const raw = page.getByLabel(`Stripe’s object for subscription ${adaSub.id}`);
    expect(await raw.isVisible()).toBe(false);
    await page.getByText('Show the subscription as Stripe sent it (JSON)').click();
    await raw.waitFor();
    expect(JSON.parse((await raw.textContent())!)).toMatchObject({ id: adaSub.id, object: 'subscription', status: 'active' });
    await page.screenshot({ path: '/tmp/keyhub-ui-subscription.png', fullPage: true });

    await licenseLinks.first().click();
    await page.getByRole('heading', { level: 1, name: `License ${licenseIds[0]}` }).waitFor();
  });

  it('maps a price no SKU matches, and its waiting purchase gets its license', async () => {
    const { page } = s;
    const priceId = legacyPrice.id as string;
    // Ada's two seats and Bob's one (his canceled subscription was paid once).
    expect((await s.call('license.list', { skuId })).total).toBe(3);
    await nav().getByRole('link', { name: 'Stripe prices' }).click();
    const table = page.getByRole('table', { name: 'Stripe prices' });
    const legacyRow = table.getByRole('row').filter({ hasText: priceId });
    await legacyRow.waitFor();
    const cells = await legacyRow.getByRole('cell').allTextContents();
    expect(cells.slice(0, 6)).toEqual([`Legacy plugin${priceId}`, expect.stringMatching(/^Legacy Pluginprod_/), '$19.00 once', '—', 'No SKU None', '1 unit']);
    const proRow = table.getByRole('row').filter({ hasText: 'Pro monthly' });
    expect((await proRow.getByRole('cell').allTextContents()).slice(2, 7)).toEqual(['$49.00 / month', 'R3Pro', 'R3Pro MetadataResizer 3 Pro', '0', 'Named by metadata']);

    await page.screenshot({ path: '/tmp/keyhub-ui-stripe-prices.png' });
    // The switch lives in the address: it shows checked once the navigation settles (a click, then wait).
    const unmatchedOnly = page.getByRole('checkbox', { name: 'Unmatched only' });
    await unmatchedOnly.click();
    await expect.poll(() => unmatchedOnly.isChecked()).toBe(true);
    await expect.poll(() => table.getByRole('row').count()).toBe(2);

    await legacyRow.getByRole('button', { name: `Map ${priceId} to a SKU` }).click();
    const dialog = page.getByRole('dialog', { name: `Map ${priceId} to a SKU` });
    const picker = dialog.getByRole('combobox', { name: 'SKU (required)' });
    // Saving without a SKU says what is missing, under the field.
    await dialog.getByRole('button', { name: 'Map and fulfil' }).click();
    await dialog.getByText('Choose the SKU this price sells.').waitFor();
    await picker.fill('R3P');
    await dialog.getByRole('option', { name: /R3Pro/ }).click();
    await page.screenshot({ path: '/tmp/keyhub-ui-map-price.png' });
    await dialog.getByRole('button', { name: 'Map and fulfil' }).click();

    await toasts().getByText(`Mapped ${priceId} to R3Pro: issued 1 license for 1 purchase.`).waitFor();
    await page.getByText('Every synced price finds its SKU.').waitFor();
    expect((await s.call('fulfilment.waiting', {})).total).toBe(0);
    const licenses = await s.call('license.list', { skuId });
    expect(licenses.total).toBe(4);
    expect(licenses.items.filter((l) => l.ownerName === 'Carol Danvers')).toHaveLength(1);

    await unmatchedOnly.click();
    await expect.poll(() => unmatchedOnly.isChecked()).toBe(false);
    await expect.poll(async () => (await legacyRow.getByRole('cell').allTextContents()).slice(4, 6)).toEqual(['R3Pro MappingResizer 3 Pro', '0']);
  });

  it('removes the mapping only after a confirmation that says issued licenses stay', async () => {
    const { page } = s;
    const priceId = legacyPrice.id as string;
    const legacyRow = page.getByRole('table', { name: 'Stripe prices' }).getByRole('row').filter({ hasText: priceId });
    await legacyRow.getByRole('button', { name: `Remove the mapping of ${priceId}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Remove the mapping of ${priceId}?` });
    await confirm.getByText('Licenses already issued through this mapping stay.').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await s.call('fulfilment.mappings', {})).toHaveLength(1);

    await legacyRow.getByRole('button', { name: `Remove the mapping of ${priceId}` }).click();
    await confirm.getByRole('button', { name: 'Remove mapping' }).click();
    await toasts().getByText(`Mapping of ${priceId} removed.`).waitFor();
    await expect.poll(async () => (await legacyRow.getByRole('cell').allTextContents())[4]).toBe('No SKU None');
    expect(await s.call('fulfilment.mappings', {})).toEqual([]);
    expect((await s.call('license.list', { skuId })).total).toBe(4);
    expect(s.pageProblems).toEqual([]);
  });
});
