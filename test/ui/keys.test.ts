/**
 * The Signing keys screens in Chromium: the vault (first passphrase, countdown, lock,
 * unlock with a wrong and a right passphrase), generating and importing keys, rotating
 * a SKU with licenses to another key (a job with progress), copying a public key, and
 * backing keys up to a downloaded file and restoring it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromSeed } from '../../src-main/license/ed25519';
import { fingerprintOf } from '../../src-main/license/verifier';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';

const PASSPHRASE = 'correct horse battery staple';
const grouped = (fingerprint: string) => fingerprint.match(/.{4}/g)!.join(' ');

describe.skipIf(chromiumSkipReason !== null)('signing keys through the UI', () => {
  let s: UiSession;
  let vendorId: number;

  beforeAll(async () => {
    s = await openKeyHub();
    vendorId = (await s.call('vendor.create', { name: 'Acme Software' })).id;
  });

  afterAll(async () => {
    await s?.close();
  });

  const vaultBar = () => s.page.getByRole('region', { name: 'Signing key vault' });
  const activeId = () => s.page.evaluate(() => document.activeElement?.id);

  it('starts with no passphrase and says what to do; a passphrase is typed twice and has at least 10 characters', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Signing keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signing keys' }).waitFor();
    await vaultBar().getByText('No passphrase yet').waitFor();
    await page.getByText('No signing keys yet.').waitFor();
    await page.getByText('First set a passphrase').waitFor();

    await vaultBar().getByRole('button', { name: 'Set a passphrase' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a passphrase' });
    await dialog.waitFor();
    await expect.poll(activeId).toBe('field-passphrase');
    expect(await dialog.getByLabel('Passphrase', { exact: true }).getAttribute('type')).toBe('password');

    await dialog.getByLabel('Passphrase', { exact: true }).fill('too short');
    await dialog.getByLabel('The same passphrase again').fill('too shirt');
    await page.keyboard.press('Enter');
    await dialog.getByText('The two passphrases differ. Type the same one twice.').waitFor();

    await dialog.getByLabel('The same passphrase again').fill('too short');
    await page.keyboard.press('Enter');
    // The rule is the API's, and so is its wording.
    await dialog.getByText('Use a passphrase of at least 10 characters.').waitFor();
    expect((await s.call('vault.status', {})).state).toBe('unset');

    await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('The same passphrase again').fill(PASSPHRASE);
    await dialog.getByLabel('The same passphrase again').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await vaultBar().getByText('Unlocked').waitFor();

    // The countdown runs, second by second.
    const timer = vaultBar().getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^Locks in (9|10):\d\d$/);
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 4000 }).not.toBe(first);
    // The empty list now points at generating or importing.
    await page.getByRole('button', { name: 'Generate a key' }).waitFor();
    await page.getByRole('button', { name: 'Import a key' }).waitFor();
  });

  it('generates a key and lists it with its grouped fingerprint', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a signing key' });
    await dialog.waitFor();
    await expect.poll(activeId).toBe('field-vendorId');
    await dialog.getByLabel('Vendor').selectOption({ label: 'Acme Software' });
    await dialog.getByLabel('Name').fill('Acme 2026');
    await dialog.getByLabel('Name').press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const [key] = await s.call('key.list', {});
    expect(key).toMatchObject({ displayName: 'Acme 2026', vendorName: 'Acme Software' });
    const row = page.getByRole('row', { name: /Acme 2026/ });
    await row.getByText(grouped(key.fingerprint)).waitFor();
    expect(grouped(key.fingerprint)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    await page.getByText(`Key “Acme 2026” generated for Acme Software: ${grouped(key.fingerprint)}.`).waitFor();
  });

  it('locks: the countdown goes, and generating asks to unlock first; a wrong passphrase is refused on the field', async () => {
    const { page } = s;
    await vaultBar().getByRole('button', { name: 'Lock now' }).click();
    await vaultBar().getByText('Locked', { exact: true }).waitFor();
    expect(await vaultBar().getByRole('timer').count()).toBe(0);
    expect((await s.call('vault.status', {})).state).toBe('locked');

    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByText('Generating a key seals it with your passphrase').waitFor();
    await expect.poll(activeId).toBe('field-passphrase');
    expect(await page.getByRole('dialog', { name: 'Generate a signing key' }).count()).toBe(0);
    expect(await unlock.getByLabel('Keep unlocked for').evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.text))).toEqual([
      '5 minutes',
      '15 minutes',
      '1 hour',
      '4 hours',
    ]);

    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await unlock.getByText('Wrong passphrase.').waitFor();
    const field = unlock.getByLabel('Passphrase');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(activeId).toBe('field-passphrase');

    await field.fill(PASSPHRASE);
    await unlock.getByLabel('Keep unlocked for').selectOption({ label: '5 minutes' });
    await field.press('Enter');
    // Unlocked, and on to what was asked for.
    const generate = page.getByRole('dialog', { name: 'Generate a signing key' });
    await generate.waitFor();
    await expect.poll(() => vaultBar().getByRole('timer').textContent()).toMatch(/^Locks in [45]:\d\d$/);
    await page.keyboard.press('Escape');
    await generate.waitFor({ state: 'detached' });
  });

  it('asks to unlock when the keys lock while a dialog is open, then finishes what it was doing', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const generate = page.getByRole('dialog', { name: 'Generate a signing key' });
    await generate.waitFor();
    await generate.getByLabel('Vendor').selectOption({ label: 'Acme Software' });
    await generate.getByLabel('Name').fill('Spare key');
    await s.call('vault.lock', {});
    await generate.getByRole('button', { name: 'Generate key' }).click();

    const unlock = page.getByRole('dialog', { name: 'Unlock the signing keys' });
    await unlock.waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');
    await generate.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Spare key/ }).waitFor();
    expect((await s.call('key.list', {})).map((k) => k.displayName).sort()).toEqual(['Acme 2026', 'Spare key']);
    await vaultBar().getByRole('timer').waitFor();
  });

  it('imports a key pasted as hex; a key that is not one is refused, and nothing is added', async () => {
    const { page } = s;
    const before = (await s.call('key.list', {})).length;
    await page.getByRole('button', { name: 'Import key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a signing key' });
    await dialog.waitFor();
    await dialog.getByLabel('Vendor').selectOption({ label: 'Acme Software' });
    await dialog.getByLabel('Name').fill('Legacy 2019');
    const secret = dialog.getByRole('textbox', { name: 'Secret key (required)' });
    expect(await secret.getAttribute('autocomplete')).toBe('off');
    expect(await secret.getAttribute('spellcheck')).toBe('false');

    await secret.fill('this is not a key at all');
    await dialog.getByRole('button', { name: 'Import key' }).click();
    await dialog.getByText('The key is neither hex nor base64, nor a PEM file.').waitFor();
    expect(await secret.getAttribute('aria-invalid')).toBe('true');
    expect((await s.call('key.list', {})).length).toBe(before);

    const seed = randomBytes(32);
    const fingerprint = fingerprintOf(publicKeyFromSeed(new Uint8Array(seed)));
    await secret.fill(seed.toString('hex'));
    // Ctrl+Enter imports from the text area.
    await secret.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Legacy 2019/ }).getByText(grouped(fingerprint)).waitFor();
    expect((await s.call('key.list', {})).length).toBe(before + 1);

    // The secret is gone with the dialog: a new one starts empty.
    await page.getByRole('button', { name: 'Import key', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Import a signing key' }).getByRole('textbox', { name: 'Secret key (required)' }).inputValue()).toBe('');
    await page.keyboard.press('Escape');
  });

  it('filters by vendor and shows retired keys on request', async () => {
    const { page } = s;
    const other = await s.call('vendor.create', { name: 'Tailspin Labs' });
    await page.reload();
    await page.getByRole('row', { name: /Acme 2026/ }).waitFor();
    await page.getByLabel('Vendor').selectOption({ label: 'Tailspin Labs' });
    await page.getByText('This vendor has no current signing keys.').waitFor();
    expect(page.url()).toContain(`vendor=${other.id}`);
    await page.getByLabel('Vendor').selectOption({ label: 'All vendors' });
    await page.getByRole('row', { name: /Acme 2026/ }).waitFor();
  });

  it('rotates a SKU with licenses to a new key: progress, counts, and the old key retired', async () => {
    const { page } = s;
    const keys = await s.call('key.list', {});
    const acme2026 = keys.find((k) => k.displayName === 'Acme 2026')!;
    const sku = await s.call('sku.create', { vendorId, sku: 'ACME-PRO', name: 'Acme Pro' });
    await s.call('sku.update', { id: sku.id, privateKeyId: acme2026.id });
    await s.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', domains: ['example.com'] });
    await s.call('license.issue', { skuId: sku.id, owner: 'Ola Nordmann' });
    await s.call('license.issue', { skuId: sku.id, owner: 'Jan Kowalski' });

    await page.getByRole('link', { name: 'Acme 2026' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme 2026' }).waitFor();
    const skus = page.getByRole('region', { name: /SKUs that sign with it/ });
    await skus.getByRole('link', { name: 'ACME-PRO' }).waitFor();
    await page.getByRole('region', { name: 'Record' }).getByText('4', { exact: true }).waitFor();

    await skus.getByRole('button', { name: 'Rotate ACME-PRO to another key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate ACME-PRO to another key' });
    await dialog.waitFor();
    await dialog.getByLabel('A new key, generated now').check();
    await dialog.getByLabel('Name of the new key').fill('Acme 2027');
    await dialog.getByLabel('Name of the new key').press('Enter');

    const done = page.getByRole('dialog', { name: "Re-sign ACME-PRO's licenses" });
    await done.getByText('Re-signed 3 licenses and 1 domain license.').waitFor();
    await done.getByText(`Retired (kept for verifying): “Acme 2026” (${grouped(acme2026.fingerprint)}).`).waitFor();
    await done.getByText('Now signing with').getByRole('link', { name: '“Acme 2027”' }).waitFor();

    const after = await s.call('key.list', { includeRetired: true });
    const acme2027 = after.find((k) => k.displayName === 'Acme 2027')!;
    expect((await s.call('sku.get', { id: sku.id })).privateKeyId).toBe(acme2027.id);
    expect(after.find((k) => k.id === acme2026.id)!.retiredAt).not.toBeNull();
    expect(acme2027.signedCount).toBe(4);

    await done.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme 2026' }).locator('..').getByText('Retired').waitFor();
    await skus.getByText('No SKU signs with this key.').waitFor();
  });

  it('rotates a SKU to this key from the key’s page', async () => {
    const { page } = s;
    const legacy = (await s.call('key.list', {})).find((k) => k.displayName === 'Legacy 2019')!;
    await page.goto(`${s.host.origin}/#/keys/${legacy.id}`);
    await page.getByRole('heading', { level: 1, name: 'Legacy 2019' }).waitFor();
    await page.getByRole('button', { name: 'Rotate a SKU to this key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate a SKU to this key' });
    await dialog.waitFor();
    await expect.poll(activeId).toBe('field-skuId');
    await dialog.getByRole('combobox', { name: 'SKU (required)' }).selectOption({ label: 'ACME-PRO — Acme Pro' });
    expect(await dialog.getByLabel('This key, “Legacy 2019”').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Rotate and re-sign' }).click();
    const done = page.getByRole('dialog', { name: "Re-sign ACME-PRO's licenses" });
    await done.getByText('Re-signed 3 licenses and 1 domain license.').waitFor();
    await done.getByText(/Retired \(kept for verifying\): “Acme 2027”/).waitFor();
    await done.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('region', { name: /SKUs that sign with it/ }).getByRole('link', { name: 'ACME-PRO' }).waitFor();
  });

  it('shows the public key with working copy buttons, and the code snippets', async () => {
    const { page } = s;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.host.origin });
    const legacy = (await s.call('key.list', {})).find((k) => k.displayName === 'Legacy 2019')!;
    const detail = await s.call('key.get', { id: legacy.id });
    const publicKey = page.getByRole('region', { name: 'Public key' });
    await publicKey.getByText(detail.publicKey, { exact: true }).waitFor();
    await publicKey.getByText(detail.publicKeyHex, { exact: true }).waitFor();

    await publicKey.getByRole('button', { name: 'Copy the public key (base64)' }).click();
    await page.getByText('Copied the public key (base64).').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(detail.publicKey);
    await publicKey.getByRole('button', { name: 'Copy the public key (hex)' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(detail.publicKeyHex);

    const snippets = page.getByRole('region', { name: 'Use it in your product' });
    await snippets.getByText('JavaScript / TypeScript').waitFor();
    await snippets.getByRole('button', { name: 'Copy the C# snippet' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(detail.snippets.find((x) => x.label === 'C#')!.code);
  });

  it('renames a key', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Rename' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename the key' });
    await expect.poll(activeId).toBe('field-displayName');
    await dialog.getByLabel('Name').fill('Legacy 2019 (imported)');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Legacy 2019 (imported)' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await s.call('key.update', { id: (await s.call('key.list', {})).find((k) => k.displayName.startsWith('Legacy'))!.id, displayName: 'Legacy 2019' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Legacy 2019' }).waitFor();
  });

  it('refuses to delete a key that signs for a SKU, and says why', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete signing key' }).click();
    const refusal = page.getByRole('alertdialog', { name: /was not deleted/ });
    await refusal.getByText(/is used by 1 SKU\(s\) and signed 4 license file\(s\)/).waitFor();
    await refusal.getByRole('button', { name: 'Close' }).click();
  });

  it('backs keys up to a downloaded file, and restores from one', async () => {
    const { page } = s;
    await page.goto(`${s.host.origin}/#/keys`);
    await page.getByRole('button', { name: 'Back up…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up signing keys' });
    await dialog.waitFor();
    const allKeys = await s.call('key.list', { includeRetired: true });
    // Every key is chosen at first, retired ones too.
    await expect.poll(() => dialog.getByRole('checkbox', { checked: true }).count()).toBe(allKeys.length);
    await expect.poll(activeId).toBe('field-backupPassphrase');
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill('short');
    await dialog.getByLabel('The backup passphrase again').fill('short');
    await dialog.getByRole('button', { name: 'Download backup' }).click();
    await dialog.getByText('Use a backup passphrase of at least 10 characters.').waitFor();

    await dialog.getByLabel('Backup passphrase', { exact: true }).fill('a separate backup phrase');
    await dialog.getByLabel('The backup passphrase again').fill('a separate backup phrase');
    const downloading = page.waitForEvent('download');
    await dialog.getByLabel('The backup passphrase again').press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^keyhub-keys-\d{4}-\d{2}-\d{2}\.json$/);
    const content = readFileSync(await download.path(), 'utf8');
    const backup = JSON.parse(content) as { keys: { fingerprint: string }[] };
    expect(backup.keys.map((k) => k.fingerprint).sort()).toEqual(allKeys.map((k) => k.fingerprint).sort());
    expect(content).not.toContain(PASSPHRASE);
    await page.getByText(`${allKeys.length} keys backed up to ${download.suggestedFilename()}`).waitFor();

    // Restoring into the same KeyHub restores nothing: every key is already here.
    await page.getByRole('button', { name: 'Restore…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore signing keys' });
    await restore.waitFor();
    await restore.getByLabel('Backup file: choose a file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(content) });
    await restore.getByText(download.suggestedFilename()).waitFor();
    await restore.getByLabel('Backup passphrase').fill('the wrong backup phrase');
    await restore.getByLabel('Backup passphrase').press('Enter');
    await restore.getByText('Wrong passphrase for this backup.').waitFor();
    await restore.getByLabel('Backup passphrase').fill('a separate backup phrase');
    await restore.getByLabel('Backup passphrase').press('Enter');
    await restore.waitFor({ state: 'detached' });
    await page.getByText(`No key restored. Skipped ${allKeys.length} keys already here:`).waitFor();
  });

  it('changes the passphrase: a wrong current one changes nothing', async () => {
    const { page } = s;
    await vaultBar().getByRole('button', { name: 'Change passphrase' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the passphrase' });
    await expect.poll(activeId).toBe('field-current');
    await dialog.getByLabel('Current passphrase').fill('not the passphrase');
    await dialog.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase');
    await dialog.getByLabel('The new passphrase again').fill('a brand new passphrase');
    await page.keyboard.press('Enter');
    await dialog.getByText('Wrong passphrase.').waitFor();
    expect(await dialog.getByLabel('Current passphrase').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Current passphrase').fill(PASSPHRASE);
    await dialog.getByLabel('Current passphrase').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Passphrase changed.').waitFor();
    await s.call('vault.lock', {});
    await expect(s.call('vault.unlock', { passphrase: PASSPHRASE })).rejects.toThrow(/WRONG_PASSPHRASE/);
    await s.call('vault.unlock', { passphrase: 'a brand new passphrase' });
  });

  it('fits the window at its minimum width', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 960, height: 600 });
    const legacy = (await s.call('key.list', {})).find((k) => k.displayName === 'Legacy 2019')!;
    for (const route of ['#/keys', `#/keys/${legacy.id}`]) {
      await page.goto(`${s.host.origin}/${route}`);
      await vaultBar().getByRole('timer').waitFor();
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('.main')!;
        return main.scrollWidth - main.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: '/tmp/keyhub-ui-key-detail-960.png', fullPage: true });
    await page.goto(`${s.host.origin}/#/keys`);
    await page.getByRole('row', { name: /Legacy 2019/ }).waitFor();
    await page.screenshot({ path: '/tmp/keyhub-ui-keys-960.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(s.pageProblems).toEqual([]);
  });
});
