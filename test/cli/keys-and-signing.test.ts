/**
 * keyhub key, sign, verify and license file through the real CLI: the passphrase's
 * three sources, imports, signing one license and a CSV batch, backup and restore into
 * another data folder, rotation; and no secret ever in any output.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningKeyDetail, SigningKeyRow } from '../../src-main/domain/keys/types';
import type { SignedLicense } from '../../src-main/domain/licenses/issue';
import { verifyLicense, type Verdict } from '../../src-main/license/verifier';
import { seedStore } from './seed';
import { keyhub, removeDir, tempDataDir, type CliOptions, type CliResult } from './support';

const PASS = 'correct horse battery';
const BACKUP_PASS = 'a separate backup passphrase';
const BEGIN = '-----BEGIN KEYHUB LICENSE-----';

let dataDir: string;
let work: string;
/** Every command's output, searched for secrets at the end. */
const outputs: string[] = [];
/** Secret forms of the keys imported here, and the passphrases. */
const secrets: string[] = [PASS, BACKUP_PASS];

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir();
  await seedStore(dataDir, async (call) => {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    for (const code of ['R_Elite', 'R_WebP']) await call('feature.create', { vendorId: vendor.id, code });
  });
});
afterAll(() => {
  removeDir(dataDir);
  removeDir(work);
});

async function cli(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<CliResult> {
  const { passphrase = PASS, ...rest } = options;
  const env = { KEYHUB_PASSPHRASE: passphrase, KEYHUB_BACKUP_PASSPHRASE: '', KEYHUB_NEW_PASSPHRASE: '', ...rest.env };
  const result = await keyhub(args, { dataDir, ...rest, env });
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function cliJson<T>(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<CliResult & { json: T }> {
  const result = await cli([...args, '--json'], options);
  return { ...result, json: JSON.parse(result.stdout) as T };
}

/** Licenses issued so far, read in-process. */
async function licenseCount(): Promise<number> {
  let count = 0;
  await seedStore(dataDir, async (call) => void (count = (await call('sku.list', {})).items.reduce((n, sku) => n + sku.licenseCount, 0)));
  return count;
}

const file = (name: string) => path.join(work, name);
/** Every key, read in-process (quicker than a CLI run; `key list` has its own test). */
async function keys(): Promise<SigningKeyRow[]> {
  let rows: SigningKeyRow[] = [];
  await seedStore(dataDir, async (call) => void (rows = await call('key.list', { includeRetired: true })));
  return rows;
}

describe('signing keys', () => {
  it('generate sets the first passphrase from KEYHUB_PASSPHRASE; list shows the key', async () => {
    const generated = await cli(['key', 'generate', '--vendor', '1', '--name', 'Main 2026']);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^Generated signing key 1 "Main 2026" \([0-9a-f]{16}\) for Imazen\./);
    expect(generated.stderr).toContain('Set the passphrase of the signing keys');

    const list = await cli(['key', 'list']);
    expect(list.stdout).toMatch(/^ID\s+VENDOR\s+NAME\s+FINGERPRINT\s+CREATED\s+RETIRED\s+SKUS\s+SIGNED$/m);
    expect(list.stdout).toMatch(/^\s*1\s+Imazen\s+Main 2026\s+[0-9a-f]{16}\s+\d{4}-\d{2}-\d{2}\s+-\s+0\s+0$/m);
  });

  it('public prints the base64 key alone; by fingerprint, --hex; export gives every public form', async () => {
    const [key] = await keys();
    const [byId, hexByFingerprint, exported] = await Promise.all([
      cli(['key', 'public', '1']),
      cli(['key', 'public', key.fingerprint, '--hex']),
      cli(['key', 'export', '1']),
    ]);
    expect(byId).toMatchObject({ code: 0, stdout: `${key.publicKey}\n`, stderr: '' });
    expect(byId.stdout).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(hexByFingerprint.stdout).toBe(`${Buffer.from(key.publicKey, 'base64').toString('hex')}\n`);
    for (const part of [key.publicKey, hexByFingerprint.stdout.trim(), 'JavaScript / TypeScript', `Convert.FromBase64String("${key.publicKey}")`]) {
      expect(exported.stdout).toContain(part);
    }
  });

  it('a wrong passphrase is refused with the API message, exit 1, and changes nothing', async () => {
    const before = await keys();
    const wrong = await cli(['key', 'generate', '--vendor', '1', '--name', 'Second'], { passphrase: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('That passphrase does not open the signing keys. Nothing was changed.');
    expect(wrong.stdout).toBe('');
    expect(await keys()).toEqual(before);
  });

  it('with no passphrase and no terminal, says the three ways to give one (exit 2)', async () => {
    const none = await cli(['key', 'generate', '--vendor', '1', '--name', 'Second'], { passphrase: '' });
    expect(none.code).toBe(2);
    for (const way of ['KEYHUB_PASSPHRASE', '--passphrase-file PATH', 'in a terminal']) expect(none.stderr).toContain(way);
  });

  it('import reads the secret from a file or stdin: a hex seed, a 64-byte base64 key, a PKCS#8 PEM', async () => {
    const seed = randomBytes(32);
    const pair = nacl.sign.keyPair.fromSeed(seed);
    const secretKey = Buffer.from(pair.secretKey).toString('base64');
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    secrets.push(seed.toString('hex'), seed.toString('base64'), secretKey, pem.split('\n')[1]);
    writeFileSync(file('seed.hex'), `${seed.toString('hex')}\n`);
    writeFileSync(file('key.pem'), pem);

    const fromFile = await cliJson<SigningKeyDetail>(['key', 'import', '--vendor', '1', '--name', 'Imported seed', '--file', file('seed.hex')]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.json.publicKey).toBe(Buffer.from(pair.publicKey).toString('base64'));
    // The same key again, as a 64-byte secret key on stdin: already here.
    const again = await cli(['key', 'import', '--vendor', '1', '--name', 'Again'], { input: `${secretKey}\n` });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`already here as "Imported seed" (key ${fromFile.json.id}`);
    const fromPem = await cli(['key', 'import', '--vendor', '1', '--name', 'From PEM', '--file', file('key.pem')]);
    expect(fromPem.code).toBe(0);
    expect(fromPem.stdout).toMatch(/^Imported signing key \d+ "From PEM"/);
  });

  it('import of a key of the wrong length is refused clearly, and adds no key', async () => {
    const before = await keys();
    const short = randomBytes(31).toString('base64');
    secrets.push(short);
    const refused = await cli(['key', 'import', '--vendor', '1', '--name', 'Short'], { input: short });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The key is 31 bytes; an Ed25519 secret key is a 32-byte seed or 64 bytes (seed + public key).');
    expect(await keys()).toEqual(before);
  });
});

describe('signing and verifying', () => {
  let mainKey: SigningKeyRow;
  let secondKey: SigningKeyDetail;

  beforeAll(async () => {
    mainKey = (await keys()).find((k) => k.id === 1)!;
    await seedStore(dataDir, async (call) => {
      await call('vault.unlock', { passphrase: PASS });
      secondKey = await call('key.generate', { vendorId: 1, displayName: 'Performance key' });
      await call('sku.create', { vendorId: 1, sku: 'R4Elite', privateKeyId: 1, featureIds: [1, 2], licenseDuration: 365 });
      await call('sku.create', { vendorId: 1, sku: 'R4Performance', privateKeyId: secondKey.id });
    });
  });

  it('sign one: the license file to stdout, the summary to stderr; by SKU code in any case', async () => {
    const signed = await cli(['sign', '--sku', 'r4elite', '--owner', 'Kathrin Fretz']);
    expect(signed.code).toBe(0);
    expect(signed.stdout.startsWith(`${BEGIN}\n`)).toBe(true);
    expect(signed.stderr).toMatch(/^Signed license 1 for Kathrin Fretz, by key [0-9a-f]{16}\.\n$/);
    expect(verifyLicense(signed.stdout, { publicKeys: [mainKey.publicKey] }).valid).toBe(true);
  });

  it('sign with --domain writes the domain license to --out; keyhub verify says VALID, exit 0', async () => {
    const signed = await cli(['sign', '--sku', 'R4Elite', '--owner', 'Kathrin Fretz', '--domain', 'https://www.example.com/', '--message', 'Thank you', '--out', file('example.license')]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('Wrote the domain license for example.com');
    const verified = await cli(['verify', file('example.license'), '--public-key', mainKey.publicKey, '--domain', 'example.com', '--feature', 'r_elite']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^VALID\n/);
    for (const claim of [/^Owner:\s+Kathrin Fretz$/m, /^SKU:\s+R4Elite$/m, /^Kind:\s+domain$/m, /^Domain:\s+example\.com$/m, /^Expires:\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m, /^Message:\s+Thank you$/m]) {
      expect(verified.stdout).toMatch(claim);
    }
  });

  it('verify: a wrong domain or a missing feature is NOT VALID, exit 1, with each reason', async () => {
    const wrong = await cli(['verify', file('example.license'), '--public-key', mainKey.publicKey, '--domain', 'other.example', '--feature', 'R_Pro']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^NOT VALID\n {2}- Covers example\.com, not other\.example\.\n {2}- Lacks feature R_Pro\.\n/);
  });

  it('verify --json gives the verdict; the key may come from a file, the license from stdin', async () => {
    writeFileSync(file('trusted.txt'), `${secondKey.publicKey}\n${mainKey.publicKey}\n`);
    const result = await cliJson<Verdict>(['verify', '-', '--public-key', file('trusted.txt'), '--domain', 'www.example.com'], { input: readFileSync(file('example.license'), 'utf8') });
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({
      valid: true,
      reasons: [],
      warnings: [],
      signatureVerified: true,
      claims: { kind: 'domain', domain: 'example.com', owner: 'Kathrin Fretz', sku: 'R4Elite', keyId: mainKey.fingerprint, features: ['R_Elite', 'R_WebP'] },
    });
    const expired = await cliJson<Verdict>(['verify', file('example.license'), '--public-key', mainKey.publicKey, '--at', '2099-01-01']);
    expect(expired.code).toBe(1);
    expect(expired.json).toMatchObject({ valid: false, reasons: [{ code: 'EXPIRED', message: expect.stringMatching(/^Expired on /) }] });
  });

  it('verify never opens a data folder; bad flags are usage errors (exit 2)', async () => {
    const nowhere = path.join(work, 'no-store-here');
    const [ok, badTime, badKey] = await Promise.all([
      keyhub(['verify', file('example.license'), '--public-key', mainKey.publicKey], { dataDir: nowhere }),
      keyhub(['verify', file('example.license'), '--public-key', mainKey.publicKey, '--at', 'yesterday']),
      keyhub(['verify', file('example.license'), '--public-key', 'not-a-key']),
    ]);
    expect(ok.code).toBe(0);
    expect(existsSync(nowhere)).toBe(false);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('"yesterday" is not a date');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('--public-key is neither a public key');
  });

  it('sign --json prints the API result', async () => {
    const { code, json, stderr } = await cliJson<SignedLicense>(['sign', '--sku', 'R4Performance', '--owner', 'Acme', '--domain', 'acme.com', '--domain', 'shop.acme.com', '--expires', 'never']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(json).toMatchObject({ keyFingerprint: secondKey.fingerprint, files: [{ kind: 'license' }, { kind: 'domain', domain: 'acme.com' }, { kind: 'domain', domain: 'shop.acme.com' }] });
    const verdict = verifyLicense(json.files[2].file, { publicKeys: [secondKey.publicKey], domain: 'shop.acme.com' });
    expect(verdict).toMatchObject({ valid: true, claims: { owner: 'Acme', expires: null } });
  });

  it('sign --csv signs a batch with a progress line, and --out-dir writes every file; each row gets its own license', async () => {
    const csv = [
      'SKU,Owner,Domain,Features,Expires,Message',
      'R4Elite,Alice Example,a.example.com;b.example.com,R_Elite,,',
      'r4performance,"Bob, Inc.",c.example.org,,never,Thanks',
      '',
      '1,Carol,,,2030-01-01,',
    ].join('\n');
    writeFileSync(file('batch.csv'), csv);
    const outDir = file('licenses');
    const batch = await cli(['sign', '--csv', file('batch.csv'), '--out-dir', outDir]);
    expect(batch.code).toBe(0);
    expect(batch.stderr).toContain('Sign 3 licenses: 3 of 3, done.');
    expect(batch.stdout).toMatch(/^Signed 3 licenses and 3 domain licenses \(license ids [\d, -]+\)\.\nWrote 6 files to /);
    const trusted = { publicKeys: [mainKey.publicKey, secondKey.publicKey] };
    const claims = (name: string, domain?: string) => {
      const verdict = verifyLicense(readFileSync(path.join(outDir, name)), { ...trusted, domain });
      expect(verdict.reasons).toEqual([]);
      return verdict.claims!;
    };
    const names = readdirSync(outDir);
    const idOf = (owner: string) => names.filter((n) => /^\d+\.license$/.test(n)).find((n) => claims(n).owner === owner)!.split('.')[0];
    const [alice, bob, carol] = ['Alice Example', 'Bob, Inc.', 'Carol'].map(idOf);
    expect(names.sort()).toEqual(
      [`${alice}.license`, `${alice}-a.example.com.license`, `${alice}-b.example.com.license`, `${bob}.license`, `${bob}-c.example.org.license`, `${carol}.license`].sort(),
    );
    // Rows signed by different keys (so not in row order) still get the domain files of their own row.
    expect(claims(`${alice}-b.example.com.license`, 'b.example.com')).toMatchObject({ owner: 'Alice Example', licenseId: alice, features: ['R_Elite'], keyId: mainKey.fingerprint });
    expect(claims(`${bob}-c.example.org.license`, 'c.example.org')).toMatchObject({ owner: 'Bob, Inc.', licenseId: bob, sku: 'R4Performance', keyId: secondKey.fingerprint, message: 'Thanks', expires: null });
    expect(claims(`${carol}.license`)).toMatchObject({ owner: 'Carol', sku: 'R4Elite', expires: '2030-01-01T00:00:00.000Z' });
    const viaCli = await cli(['verify', path.join(outDir, `${bob}-c.example.org.license`), '--public-key', secondKey.publicKey, '--domain', 'c.example.org']);
    expect(viaCli.code).toBe(0);
  });

  it('a CSV with bad rows signs nothing and names each bad line', async () => {
    const licensesBefore = await licenseCount();
    writeFileSync(file('bad.csv'), ['sku,owner,domain', 'R4Elite,Alice,a.example.com', 'R4Elite,Dave,localhost', 'R4Elite,Eve,e.example.com'].join('\n'));
    const refused = await cli(['sign', '--csv', file('bad.csv'), '--out-dir', file('none')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^keyhub: 1 of 3 rows cannot be signed; nothing was issued\.\n {2}Line 3: .*localhost/);
    expect(existsSync(file('none'))).toBe(false);

    writeFileSync(file('unknown.csv'), ['sku,owner', 'R4Elite,Alice', '', 'NoSuchSku,Bob', 'R4Elite,'].join('\n'));
    const unknown = await cliJson<{ ok: false; error: { code: string; message: string; details: { fields: Record<string, string> } } }>(['sign', '--csv', file('unknown.csv')]);
    expect(unknown.code).toBe(1);
    expect(unknown.json.error).toMatchObject({
      code: 'VALIDATION',
      message: '2 of 3 rows cannot be signed; nothing was issued.',
      details: { fields: { 'rows.1': expect.stringMatching(/^Line 4: No SKU has the code "NoSuchSku"/), 'rows.2': 'Line 5: The owner cell is empty.' } },
    });
    expect(await licenseCount()).toBe(licensesBefore);
  });
});

describe('backup, restore and rotation', () => {
  it('backup writes a sealed file only its owner can read; restore puts the keys into another data folder', async () => {
    writeFileSync(file('backup-pass'), `${BACKUP_PASS}\n`);
    const backup = await cli(['key', 'backup', '1', '--out', file('keys-backup.json'), '--backup-passphrase-file', file('backup-pass')]);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Wrote 1 key to /);
    expect(statSync(file('keys-backup.json')).mode & 0o777).toBe(0o600);
    const again = await cli(['key', 'backup', '1', '--out', file('keys-backup.json')], { env: { KEYHUB_BACKUP_PASSPHRASE: BACKUP_PASS } });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    const other = tempDataDir();
    try {
      await seedStore(other, async (call) => void (await call('vendor.create', { name: 'IMAZEN' })));
      const wrong = await keyhub(['key', 'restore', file('keys-backup.json')], { dataDir: other, env: { KEYHUB_PASSPHRASE: 'another store passphrase', KEYHUB_BACKUP_PASSPHRASE: 'not the backup passphrase' } });
      outputs.push(wrong.stdout, wrong.stderr);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('That passphrase does not open this backup. Nothing was restored.');

      const restored = await keyhub(['key', 'restore', file('keys-backup.json'), '--json'], { dataDir: other, env: { KEYHUB_PASSPHRASE: 'another store passphrase', KEYHUB_BACKUP_PASSPHRASE: BACKUP_PASS } });
      outputs.push(restored.stdout, restored.stderr);
      expect(restored.code).toBe(0);
      const [original] = (await keys()).filter((k) => k.id === 1);
      expect(JSON.parse(restored.stdout)).toMatchObject({ restored: [{ fingerprint: original.fingerprint, publicKey: original.publicKey, displayName: 'Main 2026' }], skipped: [] });
    } finally {
      removeDir(other);
    }
  });

  it('rotate (with --passphrase-file): the old file still verifies with the old key; the re-signed file with the new one', async () => {
    const [oldKey] = (await keys()).filter((k) => k.id === 1);
    writeFileSync(file('passphrase'), `${PASS}\nanything after the first line is ignored\n`);
    const rotated = await cli(['key', 'rotate', '--sku', 'R4Elite', '--new-name', 'Main 2027', '--passphrase-file', file('passphrase')], { passphrase: '' });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^SKU \d+ \(R4Elite\) now signs with key \d+ "Main 2027" \([0-9a-f]{16}\)\.\nRe-signed \d+ licenses and \d+ domain licenses\.\nRetired key 1 /);
    expect(rotated.stderr).toMatch(/Re-sign R4Elite's licenses: \d+ of \d+, done\./);
    const newKey = (await keys()).find((k) => k.displayName === 'Main 2027')!;

    const [oldFile, resigned] = await Promise.all([
      cli(['verify', file('example.license'), '--public-key', oldKey.publicKey, '--domain', 'example.com']),
      cli(['license', 'file', '2', '--domain', 'example.com', '--out', file('example-new.license')]),
    ]);
    expect(oldFile.code).toBe(0);
    expect(resigned.code).toBe(0);
    const [withNew, withOldOnly] = await Promise.all([
      cli(['verify', file('example-new.license'), '--public-key', newKey.publicKey, '--domain', 'example.com']),
      cli(['verify', file('example-new.license'), '--public-key', oldKey.publicKey]),
    ]);
    expect(withNew.code).toBe(0);
    expect(withOldOnly.code).toBe(1);
    expect(withOldOnly.stdout).toContain(`Signed by key ${newKey.fingerprint}, which is not among the trusted keys.`);
  });

  it('key passphrase changes it: the old one stops working, the new one signs', async () => {
    writeFileSync(file('new-passphrase'), 'an entirely new passphrase\n');
    secrets.push('an entirely new passphrase');
    const changed = await cli(['key', 'passphrase', '--new-passphrase-file', file('new-passphrase')]);
    expect(changed.code).toBe(0);
    const old = await cli(['sign', '--sku', 'R4Elite', '--owner', 'Old'], { passphrase: PASS });
    const next = await cli(['sign', '--sku', 'R4Performance', '--owner', 'New'], { passphrase: 'an entirely new passphrase' });
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('That passphrase does not open the signing keys.');
    expect(next.code).toBe(0);
  });
});

describe('secrets', () => {
  it('no secret key and no passphrase appears in any output', () => {
    expect(outputs.length).toBeGreaterThan(40);
    const all = outputs.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});

