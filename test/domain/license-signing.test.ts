/** Issuing signed licenses, batches and key rotation on a real store; every file checked by the verifier. */
import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { domainForIssue } from '../../src-main/domain/licenses/domain-policy';
import { SignPool } from '../../src-main/license/bulk/sign-pool';
import { normalizeDomain, readArmor, readFields, verifyLicense } from '../../src-main/license/verifier';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
let vendorId: number;
let key: { id: number; publicKey: string; fingerprint: string };
let skuId: number;

beforeEach(async () => {
  t = tempStore();
  vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
  await t.call('vault.setup', { passphrase: 'correct horse battery' });
  key = await t.call('key.generate', { vendorId, displayName: 'Main' });
  const feature = await t.call('feature.create', { vendorId, code: 'R3Elite' });
  skuId = (await t.call('sku.create', { vendorId, sku: 'R3Bundle1Ent', privateKeyId: key.id, licenseDuration: 365, manualDomainDuration: 30, maxDomains: 3, featureIds: [feature.id] })).id;
});
afterEach(() => t.cleanup());

const rows = (sql: string) => t.store.sqlite.prepare(sql).all() as Array<Record<string, unknown>>;

describe('the domain rule', () => {
  it.each([
    ['https://WWW.Example.com:8443/shop?x=1', 'example.com'],
    ['example.com.', 'example.com'],
    ['user@shop.example.com', 'shop.example.com'],
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['www.example.co.uk', 'example.co.uk'],
  ])('normalises %s to %s', (input, expected) => {
    expect(domainForIssue(input)).toEqual({ ok: true, domain: expected });
    expect(normalizeDomain(input)).toEqual({ ok: true, domain: expected });
  });

  it.each([
    ['*.example.com', /wildcard/],
    ['com', /no top-level domain/],
    ['co.uk', /public suffix/],
    ['www.co.uk', /public suffix/],
    ['github.io', /public suffix/],
    ['192.168.0.1', /IP address/],
    ['[::1]', /IP address/],
    ['localhost', /no top-level domain/],
    ['exa mple.com', /not a valid domain name|malformed/],
    ['-bad.example.com', /malformed/],
    ['example.notarealtld', /no known top-level domain/],
    ['', /required/],
  ])('refuses %s with a reason', (input, reason) => {
    const result = domainForIssue(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('license.issue', () => {
  it('issues a license and its domain licenses, each file signed by the SKU key and verifiable offline', async () => {
    const signed = await t.call('license.issue', { skuId, owner: 'Kathrin Fretz', domains: ['https://www.example.com/', 'shop.example.com'] });
    expect(signed.files.map((f) => [f.kind, f.domain])).toEqual([['license', null], ['domain', 'example.com'], ['domain', 'shop.example.com']]);
    const [license, domain] = signed.files;
    const verdict = verifyLicense(license.file, { publicKeys: [key.publicKey], features: ['r3elite'] });
    expect(verdict).toMatchObject({ valid: true, claims: { kind: 'license', owner: 'Kathrin Fretz', sku: 'R3Bundle1Ent', vendor: 'Imazen', features: ['R3Elite'] } });
    // License duration 365 days; the manual domain duration (30) is shorter, so it wins.
    const claims = verdict.claims!;
    expect(Date.parse(claims.expires!) - Date.parse(claims.issued)).toBe(365 * 86_400_000);
    const domainVerdict = verifyLicense(domain.file, { publicKeys: [key.publicKey], domain: 'example.com' });
    expect(Date.parse(domainVerdict.claims!.expires!) - Date.parse(domainVerdict.claims!.issued)).toBe(30 * 86_400_000);
    expect(verifyLicense(domain.file, { publicKeys: [key.publicKey], domain: 'blog.example.com' }).reasons[0].message).toBe('Covers example.com, not blog.example.com.');
    // The stored bytes are the returned files, and each row names its signing key.
    expect((await t.call('license.file', { licenseId: signed.licenseId, domain: 'WWW.example.com' })).file).toBe(domain.file);
    expect(rows('SELECT signing_key_id AS k FROM licenses UNION ALL SELECT signing_key_id FROM domain_licenses').map((r) => r.k)).toEqual([key.id, key.id, key.id]);
  });

  it.each([
    [{ domains: ['example.com', 'WWW.EXAMPLE.COM'] }, 'domains', /listed twice/],
    [{ domains: ['a.com', 'b.com', 'c.com', 'd.com'] }, 'domains', /allows 3 domains per license; 4 were given/],
    [{ domains: ['co.uk'] }, 'domains', /public suffix/],
    [{ features: ['NoSuchFeature'] }, 'features', /no feature code "nosuchfeature"/],
    [{ expires: '2001-01-01' }, 'expires', /future/],
    [{ owner: 'Line one\u0007bell' }, 'owner', /control characters/],
  ])('refuses %j with a field error and writes nothing', async (patch, field, message) => {
    const error = await t.fail('license.issue', { skuId, owner: 'Kathrin Fretz', ...patch });
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields?.[field as never]).toMatch(message);
    expect(rows('SELECT id FROM licenses')).toHaveLength(0);
    expect(rows('SELECT id FROM domain_licenses')).toHaveLength(0);
  });

  it('needs the keys unlocked, and a SKU with a signing key', async () => {
    await t.call('vault.lock', {});
    expect((await t.fail('license.issue', { skuId, owner: 'A' })).code).toBe('LOCKED');
    await t.call('vault.unlock', { passphrase: 'correct horse battery' });
    const bare = await t.call('sku.create', { vendorId, sku: 'NoKey' });
    expect((await t.fail('license.issue', { skuId: bare.id, owner: 'A' })).message).toMatch(/has no signing key/);
    expect(rows('SELECT id FROM licenses')).toHaveLength(0);
  });
});

describe('license.signBatch', () => {
  it('refuses the whole batch when one row is bad, naming its line, and writes nothing', async () => {
    const error = await t.fail('license.signBatch', {
      rows: [
        { skuId, owner: 'Good Owner', line: 2 },
        { skuId, owner: 'Bad Domain', domains: ['com'], line: 3 },
      ],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/1 of 2 rows/);
    expect(error.details?.fields).toEqual({ 'rows.1': expect.stringMatching(/^Line 3: .*com/) });
    expect(rows('SELECT id FROM licenses')).toHaveLength(0);
  });

  it('signs many licenses on the worker pool, each row whole, every file valid', async () => {
    const count = 600; // above the threshold where the pool starts workers
    const job = await t.call('license.signBatch', {
      rows: Array.from({ length: count }, (_, i) => ({ skuId, owner: `Owner ${i}`, domains: [`site${i}.example.com`] })),
    });
    expect(job.state).toBe('running');
    const done = await t.ctx.jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'done', done: count, total: count, result: { licenses: count, domainLicenses: count } });
    const stored = rows('SELECT l.id, l.owner_name AS owner, l.license_bytes AS bytes FROM licenses l ORDER BY l.id');
    expect(stored).toHaveLength(count);
    for (const row of stored) {
      const verdict = verifyLicense(new Uint8Array(row.bytes as Buffer), { publicKeys: [key.publicKey] });
      expect(verdict.valid).toBe(true);
      expect(verdict.claims).toMatchObject({ licenseId: String(row.id), owner: row.owner });
    }
    expect(rows('SELECT count(*) AS n FROM domain_licenses WHERE license_bytes IS NULL')[0].n).toBe(0);
  });
});

describe('license.signBatch beside other signing', () => {
  it('reserves its license ids, so licenses signed while it runs never collide with them', async () => {
    const job = await t.call('license.signBatch', { rows: Array.from({ length: 3000 }, (_, i) => ({ skuId, owner: `Batch ${i}` })) });
    const singles: number[] = [];
    while (t.ctx.jobs.get(job.id).state === 'running') {
      singles.push((await t.call('license.issue', { skuId, owner: 'Meanwhile' })).licenseId);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = t.ctx.jobs.get(job.id);
    expect(singles.length).toBeGreaterThan(1);
    expect(done.error).toBeNull();
    const batchIds = (done.result as { licenseIds: number[] }).licenseIds;
    expect(batchIds.filter((id) => singles.includes(id))).toEqual([]);
    const stored = rows('SELECT id, owner_name AS owner, license_bytes AS bytes FROM licenses');
    expect(stored).toHaveLength(3000 + singles.length);
    // Every file names its own row (read without the slow portable signature check)…
    for (const row of stored) {
      const armor = readArmor(new Uint8Array(row.bytes as Buffer));
      const fields = armor.ok ? readFields(armor.armored.fields) : null;
      expect(fields?.ok && fields.claims).toMatchObject({ licenseId: String(row.id), owner: row.owner });
    }
    // …and the signatures hold on both sides of the interleaving.
    for (const row of [stored[0], stored.at(-1)!, ...stored.filter((r) => singles.includes(r.id as number))]) {
      expect(verifyLicense(new Uint8Array(row.bytes as Buffer), { publicKeys: [key.publicKey] }).valid).toBe(true);
    }
  });
});

describe('key rotation', () => {
  it('re-signs every live file with the new key, leaves ended ones, retires the old key, and old files still verify', async () => {
    const live = await t.call('license.issue', { skuId, owner: 'Live', domains: ['example.com'] });
    const revoked = await t.call('license.issue', { skuId, owner: 'Revoked' });
    t.store.sqlite.prepare("UPDATE licenses SET status = 'revoked' WHERE id = ?").run(revoked.licenseId);
    const expired = await t.call('license.issue', { skuId, owner: 'Expired' });
    t.store.sqlite.prepare("UPDATE licenses SET issued = '2020-01-01T00:00:00.000Z', expires = '2021-01-01T00:00:00.000Z' WHERE id = ?").run(expired.licenseId);

    const job = await t.call('key.rotate', { skuId, newKeyName: 'Main 2027' });
    const done = await t.ctx.jobs.wait(job.id);
    expect(done.state).toBe('done');
    const result = done.result as { newKeyId: number; licenses: number; domainLicenses: number; retiredKeyIds: number[] };
    expect(result).toMatchObject({ licenses: 1, domainLicenses: 1, retiredKeyIds: [key.id] });
    const newKey = await t.call('key.get', { id: result.newKeyId });
    expect(newKey.skus.map((s) => s.id)).toEqual([skuId]);
    expect((await t.call('key.get', { id: key.id })).retiredAt).not.toBeNull();

    for (const domain of [undefined, 'example.com']) {
      const now = (await t.call('license.file', { licenseId: live.licenseId, domain })).file;
      const before = live.files.find((f) => f.domain === (domain ?? null))!.file;
      expect(verifyLicense(now, { publicKeys: [newKey.publicKey] }).valid).toBe(true);
      expect(verifyLicense(before, { publicKeys: [key.publicKey] }).valid).toBe(true);
      // Same terms; only the key id and signature changed.
      const strip = (f: string) => f.replace(/^(Key-Id|Signature): .*$/gm, '');
      expect(strip(now)).toBe(strip(before));
    }
    expect((await t.call('license.file', { licenseId: revoked.licenseId })).file).toBe(revoked.files[0].file);
    expect(rows('SELECT signing_key_id AS k FROM licenses ORDER BY id').map((r) => r.k)).toEqual([result.newKeyId, key.id, key.id]);
    // The retired key cannot be chosen for a SKU again.
    expect((await t.fail('key.rotate', { skuId, keyId: key.id })).message).toMatch(/retired/);
  });

  it('refuses while locked, and refuses a key of another vendor', async () => {
    const otherVendor = await t.call('vendor.create', { name: 'Other' });
    const otherKey = await t.call('key.generate', { vendorId: otherVendor.id, displayName: 'Theirs' });
    expect((await t.fail('key.rotate', { skuId, keyId: otherKey.id })).details?.fields).toHaveProperty('keyId');
    await t.call('vault.lock', {});
    expect((await t.fail('key.rotate', { skuId, newKeyName: 'x' })).code).toBe('LOCKED');
  });
});

describe('the bulk signer', () => {
  it('gives byte-identical signatures to tweetnacl, on workers and on the calling thread', async () => {
    const seed = randomBytes(32);
    const secretKey = nacl.sign.keyPair.fromSeed(seed).secretKey;
    const payloads = Array.from({ length: 50 }, (_, i) => `Format: 1\nLicense-Id: ${i}\nOwner: Zoë ${i}\n`);
    const expected = payloads.map((p) => Buffer.from(nacl.sign.detached(Buffer.from(p, 'utf8'), secretKey)).toString('hex'));
    for (const workers of [0, 2]) {
      const pool = new SignPool(seed, { workers });
      try {
        expect((await pool.sign(payloads)).map((s) => Buffer.from(s).toString('hex'))).toEqual(expected);
      } finally {
        await pool.close();
      }
    }
  });
});
