/** Signing keys through the API on a real store: custody, import rules, backup, the secret's boundaries. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src-main/license/verifier/key-id';
import { tempStore, type TempStore } from '../support/temp-store';

const PASS = 'correct horse battery';
let t: TempStore;
let vendorId: number;

beforeEach(async () => {
  t = tempStore();
  vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
});
afterEach(() => t.cleanup());

/** Every byte of the store file, as a string we can search for leaked secrets. */
const storeBytes = () => {
  t.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(t.store.databasePath).toString('latin1');
};
const keyRows = () => t.store.sqlite.prepare('SELECT id, fingerprint, private_key_bytes AS bytes FROM private_keys ORDER BY id').all() as Array<{ id: number; fingerprint: string; bytes: Buffer }>;
const auditText = () => JSON.stringify(t.store.sqlite.prepare('SELECT * FROM audit_log').all());

describe('the key vault', () => {
  it('starts without a passphrase, refuses keys until one is set, then stays unlocked for a bounded time', async () => {
    expect(await t.call('vault.status', {})).toMatchObject({ state: 'unset' });
    expect((await t.fail('key.generate', { vendorId, displayName: 'Main' })).code).toBe('LOCKED');
    expect((await t.fail('vault.setup', { passphrase: 'short' })).details?.fields).toHaveProperty('passphrase');
    const status = await t.call('vault.setup', { passphrase: PASS, minutes: 15 });
    expect(status.state).toBe('unlocked');
    const until = Date.parse(status.unlockedUntil!);
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(status.idleLockAt!)).toBeLessThanOrEqual(until);
    expect((await t.fail('vault.setup', { passphrase: PASS })).code).toBe('CONFLICT');
  });

  it('locks on demand, refuses signing while locked, and a wrong passphrase says so and changes nothing', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('key.generate', { vendorId, displayName: 'Main' });
    expect((await t.call('vault.lock', {})).state).toBe('locked');
    expect((await t.fail('key.generate', { vendorId, displayName: 'Second' })).code).toBe('LOCKED');
    const before = storeBytes();
    const wrong = await t.fail('vault.unlock', { passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ code: 'WRONG_PASSPHRASE', details: { fields: { passphrase: 'Wrong passphrase.' } } });
    expect(storeBytes()).toBe(before);
    expect((await t.call('vault.unlock', { passphrase: PASS, minutes: 5 })).state).toBe('unlocked');
  });

  it('locks itself when the bounded time ends', async () => {
    await t.call('vault.setup', { passphrase: PASS, minutes: 1 });
    const vault = t.ctx.vault as unknown as { unlockedUntil: number; lastUsed: number };
    vault.unlockedUntil = Date.now() - 1; // as if the minute had passed
    expect((await t.call('vault.status', {})).state).toBe('locked');
  });

  it('locks itself after idling, even inside the unlock period', async () => {
    await t.call('vault.setup', { passphrase: PASS, minutes: 240 });
    const vault = t.ctx.vault as unknown as { lastUsed: number };
    vault.lastUsed = Date.now() - 11 * 60_000;
    expect((await t.call('vault.status', {})).state).toBe('locked');
  });

  it('changes the passphrase by re-sealing every key at once; the old one stops working', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
    const sealedBefore = keyRows()[0].bytes.toString();
    expect((await t.fail('vault.changePassphrase', { current: 'wrong wrong wrong', next: 'a new passphrase' })).code).toBe('WRONG_PASSPHRASE');
    expect(keyRows()[0].bytes.toString()).toBe(sealedBefore);
    await t.call('vault.changePassphrase', { current: PASS, next: 'a new passphrase' });
    expect(keyRows()[0].bytes.toString()).not.toBe(sealedBefore);
    await t.call('vault.lock', {});
    expect((await t.fail('vault.unlock', { passphrase: PASS })).code).toBe('WRONG_PASSPHRASE');
    await t.call('vault.unlock', { passphrase: 'a new passphrase' });
    const sku = await t.call('sku.create', { vendorId, sku: 'R3', privateKeyId: key.id });
    expect((await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz' })).keyFingerprint).toBe(key.fingerprint);
  });
});

describe('signing keys', () => {
  beforeEach(async () => {
    await t.call('vault.setup', { passphrase: PASS });
  });

  it('generate: public parts only cross the API; the secret is sealed with scrypt parameters beside it', async () => {
    const key = await t.call('key.generate', { vendorId, displayName: 'Resizer 2026' });
    expect(key).toMatchObject({ vendorName: 'Imazen', displayName: 'Resizer 2026', retiredAt: null, skuCount: 0, signedCount: 0 });
    expect(key.fingerprint).toBe(fingerprintOf(Buffer.from(key.publicKey, 'base64')));
    expect(key.publicKeyHex).toBe(Buffer.from(key.publicKey, 'base64').toString('hex'));
    expect(key.snippets.map((s) => s.language)).toContain('javascript');
    expect(JSON.stringify(key)).not.toMatch(/private|secret|seed/i);
    const sealed = JSON.parse(keyRows()[0].bytes.toString('utf8'));
    expect(sealed).toMatchObject({ v: 1, kdf: { name: 'scrypt', N: expect.any(Number), r: 8, p: 1, salt: expect.any(String) } });
    expect(Object.keys(sealed).sort()).toEqual(['box', 'kdf', 'nonce', 'v']);
  });

  it('import: a seed or a 64-byte secret key as hex or base64, or PKCS#8 PEM, all give the same key', async () => {
    const seed = randomBytes(32);
    const pair = nacl.sign.keyPair.fromSeed(seed);
    const expected = fingerprintOf(pair.publicKey);
    const a = await t.call('key.import', { vendorId, displayName: 'hex seed', secret: seed.toString('hex') });
    expect(a.fingerprint).toBe(expected);
    await t.call('key.delete', { id: a.id });
    const b = await t.call('key.import', { vendorId, displayName: 'base64 secret', secret: Buffer.from(pair.secretKey).toString('base64') });
    expect(b.fingerprint).toBe(expected);
    expect((await t.fail('key.import', { vendorId, displayName: 'again', secret: seed.toString('base64') })).code).toBe('CONFLICT');

    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const c = await t.call('key.import', { vendorId, displayName: 'pem', secret: pem });
    expect(c.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['a wrong length', Buffer.alloc(31, 7).toString('hex'), /31 bytes/],
    ['a 64-byte key whose halves do not match', Buffer.concat([randomBytes(32), randomBytes(32)]).toString('base64'), /not the public key of the first 32/],
    ['text that is neither', 'this is not a key!', /neither hex nor base64/],
    ['a public key PEM', generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(), /public key/],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /rsa key; KeyHub signs with Ed25519/],
  ])('import refuses %s with a clear error, never quoting it, and adds nothing', async (_what, secret, message) => {
    const before = storeBytes();
    const error = await t.fail('key.import', { vendorId, displayName: 'bad', secret });
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields).toHaveProperty('secret');
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toContain(secret.slice(0, 16));
    expect(keyRows()).toHaveLength(0);
    expect(storeBytes()).toBe(before);
  });

  it('the secret never appears in the store file, the audit log or any answer', async () => {
    const seed = randomBytes(32);
    const key = await t.call('key.import', { vendorId, displayName: 'Main', secret: seed.toString('hex') });
    const sku = await t.call('sku.create', { vendorId, sku: 'R3', privateKeyId: key.id });
    const signed = await t.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz', domains: ['example.com'] });
    const backup = await t.call('key.backup', { ids: [key.id], backupPassphrase: 'backup passphrase' });
    const answers = JSON.stringify([key, signed, backup, await t.call('key.get', { id: key.id }), await t.call('key.list', {})]);
    const secretKey = Buffer.from(nacl.sign.keyPair.fromSeed(seed).secretKey);
    for (const form of [seed.toString('hex'), seed.toString('base64'), secretKey.toString('base64')]) {
      expect(answers).not.toContain(form);
      expect(auditText()).not.toContain(form);
    }
    expect(storeBytes()).not.toContain(seed.toString('latin1'));
  });

  it('delete is refused for a key a SKU uses or that signed files; retired keys stay for verifying', async () => {
    const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
    const sku = await t.call('sku.create', { vendorId, sku: 'R3', privateKeyId: key.id });
    expect((await t.fail('key.delete', { id: key.id })).code).toBe('IN_USE');
    await t.call('license.issue', { skuId: sku.id, owner: 'A' });
    await t.call('sku.update', { id: sku.id, privateKeyId: null });
    const error = await t.fail('key.delete', { id: key.id });
    expect(error.message).toMatch(/signed 1 license file/);
  });

  it('backup and restore: another store gets the same keys under its own passphrase; a wrong backup passphrase restores nothing', async () => {
    const one = await t.call('key.generate', { vendorId, displayName: 'One' });
    const two = await t.call('key.generate', { vendorId, displayName: 'Two' });
    const backup = await t.call('key.backup', { ids: [one.id, two.id], backupPassphrase: 'backup passphrase' });
    expect(backup).toMatchObject({ keyCount: 2, fileName: expect.stringMatching(/^keyhub-keys-\d{4}-\d{2}-\d{2}\.json$/) });

    const other = tempStore();
    try {
      await other.call('vendor.create', { name: 'IMAZEN' });
      await other.call('vault.setup', { passphrase: 'other store passphrase' });
      const wrong = await other.fail('key.restore', { content: backup.content, backupPassphrase: 'not it at all' });
      expect(wrong.code).toBe('WRONG_PASSPHRASE');
      expect(await other.call('key.list', {})).toHaveLength(0);
      expect((await other.fail('key.restore', { content: '{"format":"nope"}', backupPassphrase: 'x' })).details?.fields).toHaveProperty('content');

      const restored = await other.call('key.restore', { content: backup.content, backupPassphrase: 'backup passphrase' });
      expect(restored.restored.map((k) => k.fingerprint).sort()).toEqual([one.fingerprint, two.fingerprint].sort());
      const again = await other.call('key.restore', { content: backup.content, backupPassphrase: 'backup passphrase' });
      expect(again).toEqual({ restored: [], skipped: [one.fingerprint, two.fingerprint] });
      // The restored key signs files the original public key verifies.
      const sku = await other.call('sku.create', { vendorId: restored.restored[0].vendorId, sku: 'R3', privateKeyId: restored.restored.find((k) => k.fingerprint === one.fingerprint)!.id });
      const signed = await other.call('license.issue', { skuId: sku.id, owner: 'Kathrin Fretz' });
      const { verifyLicense } = await import('../../src-main/license/verifier');
      expect(verifyLicense(signed.files[0].file, { publicKeys: [one.publicKey] }).valid).toBe(true);
    } finally {
      other.cleanup();
    }
  });

  it('a backup needs unlocked keys and a real backup passphrase', async () => {
    const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
    expect((await t.fail('key.backup', { ids: [key.id], backupPassphrase: 'short' })).details?.fields).toHaveProperty('backupPassphrase');
    await t.call('vault.lock', {});
    expect((await t.fail('key.backup', { ids: [key.id], backupPassphrase: 'long enough passphrase' })).code).toBe('LOCKED');
  });
});
