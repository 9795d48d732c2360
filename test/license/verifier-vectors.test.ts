/** KeyHub's own verifier and signer against the independent test vectors in test/vectors/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { naclSigner, nodeSigner } from '../../src-main/license/ed25519';
import { signLicense, type LicenseTerms } from '../../src-main/license/signer';
import { verifyLicense } from '../../src-main/license/verifier';

const dir = path.join(import.meta.dirname, '..', 'vectors');
interface Vector {
  name: string;
  file: string;
  canonical?: boolean;
  trustedKeys: string[];
  options: { at: string; domain?: string; features?: string[]; appId?: string; releasedAt?: string };
  expect: { valid: boolean; reasons: string[]; warnings: string[] };
}
const vectors: Vector[] = JSON.parse(readFileSync(path.join(dir, 'vectors.json'), 'utf8'));
const keys: Array<{ name: string; seedHex: string; keyId: string }> = JSON.parse(readFileSync(path.join(dir, 'keys.json'), 'utf8'));
const fileOf = (v: Vector) => readFileSync(path.join(dir, v.file));

describe('the verifier gives every vector its expected verdict', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const verdict = verifyLicense(new Uint8Array(fileOf(v)), { publicKeys: v.trustedKeys, ...v.options });
    expect({
      valid: verdict.valid,
      reasons: verdict.reasons.map((r) => r.code).sort(),
      warnings: verdict.warnings.map((w) => w.code).sort(),
    }).toEqual({ valid: v.expect.valid, reasons: [...v.expect.reasons].sort(), warnings: [...v.expect.warnings].sort() });
    for (const finding of [...verdict.reasons, ...verdict.warnings]) expect(finding.message.length).toBeGreaterThan(10);
  });
});

describe('the signer writes the canonical vectors byte for byte', () => {
  const canonical = vectors.filter((v) => v.canonical);
  it('has canonical vectors to compare against', () => expect(canonical.length).toBeGreaterThanOrEqual(3));

  it.each(canonical.map((v) => [v.name, v] as const))('%s, with Node crypto and with tweetnacl', (_name, v) => {
    const text = fileOf(v).toString('utf8');
    const verdict = verifyLicense(text, { publicKeys: v.trustedKeys, at: v.options.at });
    const claims = verdict.claims!;
    const key = keys.find((k) => k.keyId === claims.keyId)!;
    const terms: LicenseTerms = { ...claims, licenseId: claims.licenseId };
    const seed = Buffer.from(key.seedHex, 'hex');
    expect(signLicense(terms, nodeSigner(seed))).toBe(text);
    expect(signLicense(terms, naclSigner(seed))).toBe(text);
  });
});
