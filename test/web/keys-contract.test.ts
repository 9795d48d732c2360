/**
 * The signing-key, license-signing and job methods through the real browser host over
 * HTTP: status codes, envelopes, and that no answer carries a secret.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyMethods } from '../../src-main/api/methods/keys';
import { verifyLicense } from '../../src-main/license/verifier';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
});

const PASS = 'correct horse battery';
const seed = randomBytes(32);
const answers: unknown[] = [];
const keep = <T>(value: T): T => {
  answers.push(value);
  return value;
};

async function waitForJob(id: string) {
  for (;;) {
    const job = keep(await t.call('job.get', { id }));
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('keys and signing over HTTP', () => {
  it('walks the vault, keys, signing, backup, rotation and jobs; locked is 423, a wrong passphrase 403', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    expect(keep(await t.call('vault.status', {})).state).toBe('unset');
    expect((await t.fail('key.generate', { vendorId: vendor.id, displayName: 'x' })).status).toBe(423);
    keep(await t.call('vault.setup', { passphrase: PASS }));
    const generated = keep(await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' }));
    const imported = keep(await t.call('key.import', { vendorId: vendor.id, displayName: 'Old', secret: seed.toString('hex') }));
    expect(keep(await t.call('key.update', { id: imported.id, displayName: 'Old key' })).displayName).toBe('Old key');
    expect(keep(await t.call('key.list', { vendorId: vendor.id })).map((k) => k.displayName).sort()).toEqual(['Main', 'Old key']);
    expect(keep(await t.call('key.get', { id: generated.id })).publicKey).toBe(generated.publicKey);

    const sku = await t.call('sku.create', { vendorId: vendor.id, sku: 'R3', privateKeyId: imported.id });
    const signed = keep(await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', domains: ['example.com'] }));
    expect(verifyLicense(signed.files[1].file, { publicKeys: [imported.publicKey], domain: 'www.example.com' }).valid).toBe(true);
    expect(keep(await t.call('license.file', { licenseId: signed.licenseId })).file).toBe(signed.files[0].file);
    const batch = keep(await t.call('license.signBatch', { rows: [{ skuId: sku.id, owner: 'Batch Owner' }] }));
    expect((await waitForJob(batch.id)).state).toBe('done');

    const backup = keep(await t.call('key.backup', { ids: [imported.id], backupPassphrase: 'backup passphrase' }));
    expect(keep(await t.call('key.restore', { content: backup.content, backupPassphrase: 'backup passphrase' }))).toEqual({ restored: [], skipped: [imported.fingerprint] });

    const rotation = keep(await t.call('key.rotate', { skuId: sku.id, keyId: generated.id }));
    const finished = await waitForJob(rotation.id);
    expect(finished.result).toMatchObject({ licenses: 2, domainLicenses: 1, retiredKeyIds: [imported.id] });
    expect((await t.fail('job.get', { id: 'no-such-job' })).status).toBe(404);

    const spare = keep(await t.call('key.generate', { vendorId: vendor.id, displayName: 'Spare' }));
    expect(keep(await t.call('key.delete', { id: spare.id }))).toEqual({ id: spare.id, deleted: true });

    keep(await t.call('vault.changePassphrase', { current: PASS, next: 'another passphrase' }));
    keep(await t.call('vault.lock', {}));
    const wrong = await t.fail('vault.unlock', { passphrase: PASS });
    expect(wrong).toMatchObject({ status: 403, error: { code: 'WRONG_PASSPHRASE' } });
    expect(keep(await t.call('vault.unlock', { passphrase: 'another passphrase' })).state).toBe('unlocked');
  });

  it('no answer carried the imported secret', () => {
    const text = JSON.stringify(answers);
    expect(text).not.toContain(seed.toString('hex'));
    expect(text).not.toContain(seed.toString('base64'));
  });

  it('called every key, vault, signing and job method of the contract', () => {
    const methods = Object.keys(keyMethods);
    expect(methods.filter((m) => !t.called.has(m))).toEqual([]);
  });
});
