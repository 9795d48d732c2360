/**
 * Settings → Stripe in Chromium, against the fake Stripe server (its address under
 * "Advanced"): a key Stripe refuses shows the refusal under the field and connects
 * nothing; a key that cannot read disputes says which check was refused; a good key
 * connects (asking to unlock the signing keys first, since it is sealed with them) and
 * shows the account; the schedule saves; a new address asks for the key again (the
 * stored key goes only to its own address); "Disconnect" asks first, saying synced data
 * and licenses stay, and then forgets the key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';

const PASSPHRASE = 'correct horse battery staple';
const LIMITED_KEY = 'rk_test_51KeyHubLimitedKey000000000';
const WRONG_KEY = 'rk_test_51KeyHubNobodyKnowsThisKey00';

describe.skipIf(chromiumSkipReason !== null)('Stripe settings', () => {
  let s: UiSession;
  let world: StripeWorld;
  let stripe: StripeServer;
  /** Another address (a second server on the same fake account). */
  let elsewhere: StripeServer | undefined;

  beforeAll(async () => {
    world = new StripeWorld({ accountName: 'Imazen Test' });
    world.keys.add(LIMITED_KEY);
    world.denyResource(LIMITED_KEY, 'disputes');
    stripe = await startStripeServer(world);
    s = await openKeyHub();
    await s.call('vault.setup', { passphrase: PASSPHRASE });
  });

  afterAll(async () => {
    await s?.close();
    await stripe?.close();
    await elsewhere?.close();
  });

  const section = () => s.page.getByRole('region', { name: 'Stripe' });
  const keyField = () => section().getByLabel('Restricted key (required)');
  const testResult = () => section().getByRole('status');

  it('offers a form to connect, with how to make a restricted key, and no OS keychain outside the desktop app', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Settings' }).click();
    await keyField().waitFor();
    expect(await keyField().getAttribute('type')).toBe('password');
    await section().getByText(/Create restricted key/).waitFor();
    expect(await section().getByRole('checkbox', { name: 'Keep the key in the OS keychain' }).count()).toBe(0);
    // Stripe's own address, folded under "Advanced".
    const address = section().getByRole('textbox', { name: 'API address' });
    expect(await address.isVisible()).toBe(false);
    await section().getByText('Advanced', { exact: true }).click();
    expect(await address.inputValue()).toBe('https://api.stripe.com');
    await address.fill(stripe.url);
  });

  it('shows a refused key under the field and stores nothing', async () => {
    await keyField().fill(WRONG_KEY);
    await section().getByRole('button', { name: 'Test key' }).click();
    await testResult().getByText(/^Stripe refused this key/).waitFor();

    await section().getByRole('button', { name: 'Connect' }).click();
    await section().getByText(/Stripe refused this key.*Nothing was stored\./).waitFor();
    expect(await keyField().getAttribute('aria-invalid')).toBe('true');
    const status = await s.call('stripe.status', {});
    expect(status.connection.connected).toBe(false);
  });

  it('tests a key that cannot read disputes: each check says OK or Refused, and connecting is refused', async () => {
    await keyField().fill(LIMITED_KEY);
    // Editing the key clears the old refusal.
    expect(await keyField().getAttribute('aria-invalid')).toBeNull();
    await section().getByRole('button', { name: 'Test key' }).click();
    const checks = section().getByRole('list', { name: 'What the key can read' });
    await checks.waitFor();
    const items = await checks.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(11);
    expect(items.filter((t) => t.startsWith('Refused'))).toEqual(['Refused DisputesGive the key read access to Disputes.']);
    expect(items.filter((t) => t.startsWith('OK'))).toHaveLength(10);
    await section().getByText(/The key cannot read Disputes/).first().waitFor();
    // The refusal of the other key has left with it.
    expect(await section().getByText(/Stripe refused this key/).count()).toBe(0);
    expect(await keyField().getAttribute('aria-invalid')).toBeNull();
    await s.page.screenshot({ path: '/tmp/keyhub-ui-stripe-test-key.png' });

    await section().getByRole('button', { name: 'Connect' }).click();
    await section().getByText(/The key cannot read Disputes.*Nothing was stored\./).waitFor();
    expect((await s.call('stripe.status', {})).connection.connected).toBe(false);
  });

  it('connects a good key, asking to unlock the signing keys first, and shows the account', async () => {
    const { page } = s;
    await s.call('vault.lock', {});
    await keyField().fill(FAKE_STRIPE_KEY);
    await keyField().press('Enter');

    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');

    await page.getByText('Stripe connected to Imazen Test (test mode). Sync now from the Sync screen.').waitFor();
    await section().getByText('Sealed with the signing keys’ passphrase').waitFor();
    const facts = await section().locator('.facts__item').allTextContents();
    expect(facts).toEqual([
      expect.stringMatching(/^AccountImazen Testacct_/),
      expect.stringMatching(/^ModeTest/),
      expect.stringMatching(/^Keyrk_test_…/),
      'Key keptSealed with the signing keys’ passphrase',
      expect.stringMatching(/^Connected\d/),
      'Usable nowYes',
    ]);
    const status = await s.call('stripe.status', {});
    expect(status.connection).toMatchObject({ connected: true, sealing: 'vault', livemode: false, accountName: 'Imazen Test', usable: true });
    expect(status.settings.apiBase).toBe(stripe.url);
    await section().screenshot({ path: '/tmp/keyhub-ui-stripe-connected.png' });
  });

  it('saves the schedule: off, or any number of minutes', async () => {
    const { page } = s;
    const schedule = section().getByRole('form', { name: 'Sync schedule' });
    const choice = schedule.getByLabel('Sync automatically');
    expect(await choice.inputValue()).toBe('15');
    const save = schedule.getByRole('button', { name: 'Save sync settings' });
    expect(await save.isDisabled()).toBe(true);

    await choice.selectOption({ label: 'Off: only when I sync' });
    await save.click();
    await page.getByText('Sync settings saved: the schedule is off; sync with “Sync now”.').waitFor();
    expect((await s.call('stripe.status', {})).settings.scheduleMinutes).toBe(0);

    await choice.selectOption({ label: 'Every … minutes (another number)' });
    const minutes = schedule.getByLabel('Minutes between syncs');
    await minutes.fill('2000');
    await save.click();
    await schedule.getByText('Sync at least once a day (1,440 minutes).').waitFor();
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    await minutes.fill('45');
    await minutes.press('Enter');
    await page.getByText('Sync settings saved: every 45 minutes.').waitFor();
    expect((await s.call('stripe.status', {})).settings.scheduleMinutes).toBe(45);

    await page.reload();
    await expect.poll(() => section().getByRole('form', { name: 'Sync schedule' }).getByLabel('Minutes between syncs').inputValue()).toBe('45');
    // Off again: a scheduled run must not start in the middle of this test.
    await section().getByLabel('Sync automatically').selectOption({ label: 'Off: only when I sync' });
    await section().getByRole('button', { name: 'Save sync settings' }).click();
    await page.getByText('Sync settings saved: the schedule is off; sync with “Sync now”.').last().waitFor();
    expect((await s.call('stripe.status', {})).settings.scheduleMinutes).toBe(0);
  });

  it('a new address asks for the key again, tests it there and keeps it in place of the old one', async () => {
    const { page } = s;
    elsewhere = await startStripeServer(world);
    const schedule = section().getByRole('form', { name: 'Sync schedule' });
    const address = schedule.getByRole('textbox', { name: 'API address' });
    if (!(await address.isVisible())) await schedule.getByText('Advanced', { exact: true }).click();
    const keyAgain = schedule.getByLabel('Restricted key for the new address (required)');
    expect(await keyAgain.count()).toBe(0);

    await address.fill('http://stripe.example.com');
    await keyAgain.waitFor();
    await schedule.getByRole('button', { name: 'Save sync settings' }).click();
    await schedule.getByText("Use https:// for Stripe's address; plain http:// only for a test server on this computer (127.0.0.1, [::1] or localhost).").waitFor();

    await address.fill(elsewhere.url);
    await schedule.getByRole('button', { name: 'Save sync settings' }).click();
    await schedule.getByText(/To use http:\/\/127\.0\.0\.1:\d+, give the key again/).waitFor();
    expect(await keyAgain.getAttribute('aria-invalid')).toBe('true');
    expect((await s.call('stripe.status', {})).settings.apiBase).toBe(stripe.url);
    await schedule.screenshot({ path: '/tmp/keyhub-ui-stripe-new-address.png' });

    await keyAgain.fill(FAKE_STRIPE_KEY);
    await keyAgain.press('Enter');
    await page.getByText(`Stripe’s address is now ${elsewhere.url}: the key was tested there and kept in place of the old one.`).waitFor();
    const status = await s.call('stripe.status', {});
    expect(status.settings.apiBase).toBe(elsewhere.url);
    expect(status.connection).toMatchObject({ connected: true, keyHint: 'rk_test_…0000', usable: true });
    await keyAgain.waitFor({ state: 'detached' });
  });

  it('tests the stored connection', async () => {
    await section().getByRole('button', { name: 'Test connection' }).click();
    await section().getByText(/^The key works \(test mode, Imazen Test/).waitFor();
  });

  it('disconnects only after a confirmation that says synced data and licenses stay', async () => {
    const { page } = s;
    await section().getByRole('button', { name: 'Disconnect…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Disconnect Stripe?' });
    await confirm.getByText(/Synced data and licenses stay/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await s.call('stripe.status', {})).connection.connected).toBe(true);

    await section().getByRole('button', { name: 'Disconnect…' }).click();
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Stripe disconnected: the key is forgotten. Synced data and licenses stay.').waitFor();
    await keyField().waitFor();
    expect((await s.call('stripe.status', {})).connection.connected).toBe(false);
    expect(s.pageProblems).toEqual([]);
  });
});
