/**
 * Settings → PayPal IPN in Chromium: the postback check is off by default with PayPal's
 * live endpoint; turning it on with a local URL is saved (and survives a reload); a
 * URL that is not http(s) is refused under its field and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_SETTINGS } from '../../src-main/domain/settings/settings';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

describe.skipIf(chromiumSkipReason !== null)('PayPal IPN settings', () => {
  let s: UiSession;

  beforeAll(async () => {
    s = await openKeyHub();
  });

  afterAll(async () => {
    await s?.close();
  });

  const section = () => s.page.getByRole('region', { name: 'PayPal IPN' });
  const toggle = () => section().getByRole('checkbox', { name: 'Check each message with PayPal before importing it' });
  const url = () => section().getByRole('textbox', { name: 'Validation URL' });

  it('saves the check and its URL', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await toggle().waitFor();
    expect(await toggle().isChecked()).toBe(false);
    expect(await url().inputValue()).toBe('https://ipnpb.paypal.com/cgi-bin/webscr');
    const save = section().getByRole('button', { name: 'Save IPN settings' });
    expect(await save.isDisabled()).toBe(true);

    await toggle().check();
    await url().fill('http://127.0.0.1:8089/ipn-check');
    await save.click();
    await page.getByText('PayPal IPN settings saved: each message is checked with http://127.0.0.1:8089/ipn-check first.').waitFor();
    expect(await s.call('settings.get', {})).toEqual({ ipn: { validate: true, validateUrl: 'http://127.0.0.1:8089/ipn-check' }, stripe: DEFAULT_STRIPE_SETTINGS });
    await expect.poll(() => save.isDisabled()).toBe(true);

    await page.reload();
    await toggle().waitFor();
    expect(await toggle().isChecked()).toBe(true);
    expect(await url().inputValue()).toBe('http://127.0.0.1:8089/ipn-check');
    await section().screenshot({ path: '/tmp/keyhub-ui-settings-ipn.png' });
  });

  it('refuses a URL that is not http(s) under its field, and saves nothing', async () => {
    const { page } = s;
    await url().fill('ftp://paypal.example/check');
    await toggle().uncheck();
    await section().getByRole('button', { name: 'Save IPN settings' }).click();
    await section().getByText(/The validation URL must be an http\(s\) URL/).waitFor();
    expect(await url().getAttribute('aria-invalid')).toBe('true');
    expect(await s.call('settings.get', {})).toEqual({ ipn: { validate: true, validateUrl: 'http://127.0.0.1:8089/ipn-check' }, stripe: DEFAULT_STRIPE_SETTINGS });

    await section().getByRole('button', { name: 'Use PayPal’s live endpoint' }).click();
    expect(await url().inputValue()).toBe('https://ipnpb.paypal.com/cgi-bin/webscr');
    await section().getByRole('button', { name: 'Save IPN settings' }).click();
    await page.getByText('PayPal IPN settings saved: messages are imported without asking PayPal.').waitFor();
    expect(await s.call('settings.get', {})).toEqual({ ipn: { validate: false, validateUrl: 'https://ipnpb.paypal.com/cgi-bin/webscr' }, stripe: DEFAULT_STRIPE_SETTINGS });
    expect(s.pageProblems).toEqual([]);
  });
});
