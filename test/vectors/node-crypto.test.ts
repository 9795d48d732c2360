/**
 * Checks every license vector with the independent checker (node:crypto and the spec
 * only), and that the committed vector files are exactly what the generator writes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVectors } from './generate.mjs';
import { check, fingerprint, normalizeDomain, type CheckOptions } from './independent-checker';

const dir = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => readFileSync(path.join(dir, file));

interface Vector {
  name: string;
  file: string;
  description: string;
  trustedKeys: string[];
  options: CheckOptions;
  expect: { valid: boolean; reasons: string[]; warnings: string[] };
}
interface Key { seedHex: string; seedBase64: string; publicKeyBase64: string; publicKeyHex: string; keyId: string }

const vectors = JSON.parse(read('vectors.json').toString('utf8')) as Vector[];
const keys = JSON.parse(read('keys.json').toString('utf8')) as Key[];

describe('license vectors, checked with node:crypto', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const verdict = check(read(v.file), v.trustedKeys, v.options);
    expect({ ...verdict, reasons: [...verdict.reasons].sort(), warnings: [...verdict.warnings].sort() }).toEqual({
      valid: v.expect.valid, reasons: [...v.expect.reasons].sort(), warnings: [...v.expect.warnings].sort(),
    });
    expect(v.expect.valid).toBe(v.expect.reasons.length === 0);
  });

  it('cover every reason and warning code', () => {
    const codes = new Set(vectors.flatMap((v) => [...v.expect.reasons, ...v.expect.warnings]));
    expect([...codes].sort()).toEqual(['BAD_ARMOR', 'BAD_FIELD', 'BAD_SIGNATURE', 'EXPIRED', 'IN_GRACE', 'MAINTENANCE_ENDED',
      'MISSING_FEATURE', 'NOT_YET_VALID', 'OVERSIZED', 'UNKNOWN_FIELD', 'UNKNOWN_KEY', 'UNSUPPORTED_FORMAT', 'WRONG_APP',
      'WRONG_DOMAIN']);
  });

  it('list keys whose encodings and fingerprints agree', () => {
    for (const k of keys) {
      const pub = Buffer.from(k.publicKeyBase64, 'base64');
      expect(pub.toString('hex')).toBe(k.publicKeyHex);
      expect(Buffer.from(k.seedBase64, 'base64').toString('hex')).toBe(k.seedHex);
      expect(k.keyId).toMatch(/^[0-9a-f]{16}$/);
      expect(fingerprint(pub)).toBe(k.keyId);
    }
  });

  it('accept a trusted key given in hex', () => {
    const v = vectors.find((x) => x.name === 'valid-license')!;
    const hex = Buffer.from(v.trustedKeys[0], 'base64').toString('hex');
    expect(check(read(v.file), [hex], v.options).valid).toBe(true);
  });

  it('normalise domains as the spec says', () => {
    expect(normalizeDomain('https://WWW.Example.com:8443/path')).toBe('example.com');
    expect(normalizeDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('shop.example.com')).toBe('shop.example.com');
    for (const refused of ['*.example.com', '192.168.0.1', '[::1]', 'localhost', 'a..com', '-a.com', 'a_b.com', `${'a'.repeat(64)}.com`]) {
      expect(normalizeDomain(refused), refused).toBeNull();
    }
  });

  it('are exactly what the generator writes', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'keyhub-vectors-'));
    try {
      generateVectors(out);
      const generated = (d: string) => readdirSync(d).filter((f) => /\.(license|json)$/.test(f)).sort();
      expect(generated(dir)).toEqual(generated(out));
      for (const f of generated(out)) expect(read(f).equals(readFileSync(path.join(out, f))), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
