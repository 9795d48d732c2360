/**
 * The Verify license screen in Chromium: the portable verifier runs in the page, with
 * the store's public keys (or one pasted); a valid file, a tampered one, the wrong
 * domain, a missing feature, a time after expiry, and an untrusted key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

describe.skipIf(chromiumSkipReason !== null)('verifying a license through the UI', () => {
  let s: UiSession;
  let domainFile: string;
  let publicKey: string;

  beforeAll(async () => {
    s = await openKeyHub();
    const vendor = await s.call('vendor.create', { name: 'Imazen' });
    await s.call('vault.setup', { passphrase: 'a passphrase for tests' });
    const key = await s.call('key.generate', { vendorId: vendor.id, displayName: 'Imazen 2026' });
    publicKey = key.publicKey;
    const feature = await s.call('feature.create', { vendorId: vendor.id, code: 'R3Elite' });
    const sku = await s.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', privateKeyId: key.id, licenseDuration: 365, featureIds: [feature.id] });
    const signed = await s.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', domains: ['example.com'] });
    domainFile = signed.files.find((f) => f.kind === 'domain')!.file;
    await s.page.goto(`${s.host.origin}/#/verify`);
    await s.page.getByRole('heading', { level: 1, name: 'Verify license' }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const verdict = (word: 'VALID' | 'NOT VALID') => s.page.getByRole('heading', { level: 2, name: word, exact: true });
  const reasons = () => s.page.getByRole('list', { name: 'Reasons' });
  const licenseBox = () => s.page.getByLabel('License file', { exact: true });

  it('shows VALID for a good file, with what it says', async () => {
    const { page } = s;
    await page.getByText('Paste a license file, or choose one, to see its verdict.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-license');
    await page.getByText('Trust every key in KeyHub (1 public key, retired ones too)').waitFor();
    await licenseBox().fill(`Hello Kathrin, your license is below.\n\n${domainFile}\nRegards`);
    await verdict('VALID').waitFor();
    const claims = page.getByRole('region', { name: 'What the license says' });
    await claims.getByText('example.com', { exact: true }).waitFor();
    await claims.getByText('Kathrin Fretz').waitFor();
    await claims.getByText('R3Elite').waitFor();
    await claims.getByText('Domain license').waitFor();
    expect(await page.getByText('claimed', { exact: true }).count()).toBe(0);
  });

  it('shows NOT VALID for a tampered file, with the signature reason, and marks its fields as claimed', async () => {
    const { page } = s;
    await licenseBox().fill(domainFile.replace('Owner: Kathrin Fretz', 'Owner: Mallory'));
    await verdict('NOT VALID').waitFor();
    await reasons().getByText('The signature does not match: the file was changed after signing, or damaged.').waitFor();
    const claims = page.getByRole('region', { name: 'What the file claims' });
    await claims.getByText('Mallory').waitFor();
    expect(await claims.getByText('claimed', { exact: true }).count()).toBeGreaterThan(5);
  });

  it('checks the domain the product runs on', async () => {
    const { page } = s;
    await licenseBox().fill(domainFile);
    await verdict('VALID').waitFor();
    await page.getByLabel('Domain').fill('shop.example.com');
    await reasons().getByText('Covers example.com, not shop.example.com.').waitFor();
    await verdict('NOT VALID').waitFor();
    await page.getByLabel('Domain').fill('https://www.example.com/checkout');
    await verdict('VALID').waitFor();
    await page.getByLabel('Domain').fill('');
  });

  it('checks feature codes and the time to judge at', async () => {
    const { page } = s;
    await page.getByLabel('Feature codes').fill('r3elite, R3Performance');
    await reasons().getByText('Lacks feature R3Performance.').waitFor();
    expect(await reasons().getByRole('listitem').count()).toBe(1);
    await page.getByLabel('Feature codes').fill('r3elite');
    await verdict('VALID').waitFor();

    await page.getByLabel('Judge at').fill('2099-01-01T12:00');
    await reasons().getByText(/^Expired on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./).waitFor();
    await page.getByLabel('Judge at').fill('');
    await verdict('VALID').waitFor();
  });

  it('reads a chosen file', async () => {
    const { page } = s;
    await licenseBox().fill('');
    await page.getByText('Paste a license file, or choose one, to see its verdict.').waitFor();
    await page.getByLabel('License file: choose a file').setInputFiles({ name: 'example.com.lic', mimeType: 'text/plain', buffer: Buffer.from(domainFile) });
    await verdict('VALID').waitFor();
    await page.getByText('From example.com.lic.').waitFor();
    expect(await licenseBox().inputValue()).toBe(domainFile);
  });

  it('trusts only the keys it is given: the store’s, or one pasted', async () => {
    const { page } = s;
    await page.getByLabel(/Trust every key in KeyHub/).uncheck();
    await verdict('NOT VALID').waitFor();
    await reasons().getByText('No trusted public key was given to check the signature with.').waitFor();

    await page.getByRole('button', { name: 'Trust another public key…' }).click();
    const others = page.getByLabel('Other trusted public keys');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-extraKeys');
    await others.fill(`${Buffer.alloc(32, 7).toString('base64')}\nnot a key`);
    await page.getByText('Line 2 is not a 32-byte Ed25519 public key in base64 or hex (left out).').waitFor();
    await reasons().getByText(/which is not among the trusted keys\./).waitFor();

    await others.fill(Buffer.from(publicKey, 'base64').toString('hex'));
    await verdict('VALID').waitFor();
    await page.getByText('Signed by a key you pasted, and every check passed.').waitFor();
    await page.screenshot({ path: '/tmp/keyhub-ui-verify.png', fullPage: true });
    expect(s.pageProblems).toEqual([]);
  });
});
