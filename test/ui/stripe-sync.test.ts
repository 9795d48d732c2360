/**
 * The Sync screen in Chromium, against the fake Stripe server: not connected, it says so
 * and leads to Settings; connected, "Run the first sync" is offered; "Sync now" runs the
 * first sync and the run's row and page show its counts, and the purchase's page the
 * licenses it issued; with the keys locked it asks to unlock them first; a purchase
 * KeyHub cannot apply shows on its run with the object id and the reason; a slow run
 * shows live progress and stops on request; "Re-list everything" asks first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src-main/domain/sync/types';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld, type Json } from '../support/stripe/world';

const PASSPHRASE = 'correct horse battery staple';

describe.skipIf(chromiumSkipReason !== null)('the Sync screen', () => {
  let s: UiSession;
  let world: StripeWorld;
  let stripe: StripeServer;
  let price: Json;
  let skuId: number;

  beforeAll(async () => {
    world = new StripeWorld({ accountName: 'Imazen Test' });
    const product = world.product({ name: 'Resizer 3 Pro', metadata: { keyhub_sku: 'R3Pro' } });
    price = world.price({ product, unitAmount: 4900 });
    world.checkoutSession({ email: 'ada@lovelace.example', name: 'Ada Lovelace', lineItems: [{ price, quantity: 2 }], paid: true });
    stripe = await startStripeServer(world);

    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
    const vendorId = (await s.call('vendor.create', { name: 'Imazen' })).id;
    const keyId = (await s.call('key.generate', { vendorId, displayName: 'Imazen 2026' })).id;
    skuId = (await s.call('sku.create', { vendorId, sku: 'R3Pro', name: 'Resizer 3 Pro', privateKeyId: keyId, licenseDuration: 365 })).id;
    // No scheduled run may start while the tests drive the screen.
    await s.call('stripe.settings', { scheduleMinutes: 0 });
  });

  afterAll(async () => {
    await s?.close();
    await stripe?.close();
  });

  const nav = () => s.page.getByRole('navigation', { name: 'Areas' });
  const runsTable = () => s.page.getByRole('table', { name: 'Sync runs, newest first' });
  const toasts = () => s.page.locator('.toasts');
  const lastRun = async (): Promise<SyncRun> => (await s.call('sync.runs', { limit: 1 })).items[0];

  /** The runs table's newest row as the screen shows it. */
  async function newestRowCells(): Promise<string[]> {
    return runsTable().getByRole('row').nth(1).getByRole('cell').allTextContents();
  }

  function cellsOf(run: SyncRun, mode: string, status: string): unknown[] {
    return [
      expect.any(String),
      // The trigger shows under the mode too when the table is narrow (hidden here).
      `${mode}Sync now`,
      'Sync now',
      status,
      String(run.fetched),
      String(run.created),
      String(run.updated),
      String(run.unchanged),
      String(run.fulfilled),
      String(run.revoked),
      String(run.errors),
      expect.stringMatching(/ s$| min /),
    ];
  }

  it('says Stripe is not connected and leads to Settings', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Sync' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sync' }).waitFor();
    await page.getByText('Stripe is not connected.').waitFor();
    expect(await page.getByRole('link', { name: 'Go to Settings' }).getAttribute('href')).toBe('#/settings');
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
  });

  it('once connected, offers the first sync and says none has run', async () => {
    const { page } = s;
    await s.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url });
    await page.reload();
    await page.getByText('No runs yet.').waitFor();
    await page.getByRole('button', { name: 'Run the first sync' }).waitFor();
    const overview = page.getByRole('region', { name: 'Stripe' });
    await overview.getByText('Imazen Test').waitFor();
    expect(await overview.locator('.facts__item').allTextContents()).toEqual([
      expect.stringMatching(/^AccountImazen Test ?Testacct_/),
      'First syncNot startedThe first run reads everything, type by type.',
      'Next scheduled runNoneThe schedule is off: sync with “Sync now”, or set a schedule in Settings.',
      'Changes read up toNot yetThe newest Stripe event applied.',
      'Last runNone yet',
    ]);
  });

  it('runs the first sync: a toast and the run’s row say what it did, its page the counts, the purchase the licenses it issued', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toasts().getByText(/^Sync finished: fetched \d+, created \d+, .*issued 2 licenses\.$/).waitFor();

    const run = await lastRun();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'backfill', trigger: 'manual', fulfilled: 2, revoked: 0, errors: 0 });
    await expect.poll(newestRowCells).toEqual(cellsOf(run, 'First sync', 'Succeeded'));
    await expect.poll(() => page.getByRole('region', { name: 'Stripe' }).locator('.facts__item').nth(1).textContent()).toMatch(/^First syncDoneEach run now reads only what changed/);
    await page.screenshot({ path: '/tmp/keyhub-ui-sync-first-run.png' });

    const licenses = await s.call('license.list', { skuId });
    expect(licenses.total).toBe(2);
    expect(licenses.items.map((l) => l.ownerName)).toEqual(['Ada Lovelace', 'Ada Lovelace']);

    await runsTable().getByRole('link', { name: `Run ${run.id}` }).click();
    await page.getByRole('heading', { level: 1, name: `Sync run ${run.id}` }).waitFor();
    const did = page.getByRole('region', { name: 'What it did' });
    expect(await did.locator('.facts__item dd').evaluateAll((dds) => dds.map((dd) => dd.firstChild?.textContent))).toEqual(
      [run.fetched, run.created, run.updated, run.unchanged, 2, 0, 0].map((n) => n.toLocaleString()),
    );
    await page.getByText('No errors: every object read was applied.').waitFor();

    // The purchase it recorded, with the licenses it issued.
    await nav().getByRole('link', { name: 'Transactions' }).click();
    const row = page.getByRole('row', { name: /Ada Lovelace/ });
    await row.getByRole('link', { name: /^Transaction cs_/ }).click();
    const issued = page.getByRole('region', { name: 'Licenses issued' });
    await issued.getByRole('link', { name: /^License \d+$/ }).first().waitFor();
    expect(await issued.getByRole('link', { name: /^License \d+$/ }).evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')))).toEqual(
      licenses.items.map((l) => `License ${l.id}`).sort(),
    );
  });

  it('shows a purchase it could not apply on its run, with the object id and the reason', async () => {
    const { page } = s;
    const session = world.checkoutSession({ email: 'grace@hopper.example', name: 'Grace Hopper', lineItems: [{ price, quantity: 1001 }], paid: true });
    await nav().getByRole('link', { name: 'Sync' }).click();
    // The key is sealed with the signing keys: locked, "Sync now" asks to unlock them, then syncs.
    await s.call('vault.lock', {});
    await page.getByRole('button', { name: 'Sync now' }).click();
    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');
    await toasts().getByText(/^Sync finished: .*1 error\.$/).waitFor();

    const run = await lastRun();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'incremental', errors: 1, fulfilled: 0 });
    await expect.poll(newestRowCells).toEqual(cellsOf(run, 'Changes', 'Succeeded'));
    await runsTable().getByRole('link', { name: `Run ${run.id}` }).click();
    const errors = page.getByRole('region', { name: /^Errors/ });
    const error = errors.getByRole('row').filter({ hasText: session.id as string });
    await error.waitFor();
    const cells = await error.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['checkout.session', session.id, expect.stringContaining('quantity of 1001')]);
    expect(cells[2]).toBe((await s.call('sync.run', { id: run.id })).errorList[0].reason);
    await page.screenshot({ path: '/tmp/keyhub-ui-sync-run-errors.png' });
  });

  it('shows a running sync live and stops it on request', async () => {
    const { page } = s;
    // Stripe says "slow down, try in 30 s": the run waits, visibly, until it is stopped.
    world.failNext(1, { status: 429, retryAfter: 30, path: /^\/v1\/events/ });
    await nav().getByRole('link', { name: 'Sync', exact: true }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();

    const progress = page.getByRole('region', { name: 'Sync in progress' });
    await progress.getByRole('progressbar', { name: 'Sync progress' }).waitFor();
    await progress.getByRole('list', { name: 'Counts so far' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await expect.poll(async () => (await s.call('stripe.status', {})).running?.status).toBe('running');
    await page.screenshot({ path: '/tmp/keyhub-ui-sync-progress.png' });

    await page.getByRole('button', { name: 'Stop' }).click();
    await toasts().getByText('Sync stopped. The next sync resumes where it stopped.').waitFor();
    await progress.waitFor({ state: 'detached' });
    const run = await lastRun();
    expect(run.status).toBe('interrupted');
    await expect.poll(newestRowCells).toEqual(cellsOf(run, 'Changes', 'Interrupted'));
  });

  it('re-lists everything only after saying what it does', async () => {
    const { page } = s;
    const before = (await s.call('sync.runs', {})).total;
    await page.getByRole('button', { name: 'Re-list everything…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Re-list everything from Stripe?' });
    await confirm.getByText(/What is already right stays as it is/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await s.call('sync.runs', {})).total).toBe(before);

    await page.getByRole('button', { name: 'Re-list everything…' }).click();
    await confirm.getByRole('button', { name: 'Re-list everything' }).click();
    await expect.poll(async () => ((r) => (r.mode === 'relist' ? r.status : null))(await lastRun())).toBe('succeeded');
    await toasts().getByText(/^Sync finished: fetched \d+, .*unchanged/).last().waitFor();
    const run = await lastRun();
    // Everything was right already; the purchase it could not apply is tried again (and refused again).
    expect(run).toMatchObject({ mode: 'relist', status: 'succeeded', created: 0, updated: 0, fulfilled: 0, errors: 1 });
    await expect.poll(newestRowCells).toEqual(cellsOf(run, 'Re-list', 'Succeeded'));
    expect((await s.call('license.list', { skuId })).total).toBe(2);
    expect(s.pageProblems).toEqual([]);
  });
});
