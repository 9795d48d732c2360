/**
 * The verifier vendors embed: built on its own (`npm run build:verifier`), it imports
 * nothing but tweetnacl and its own files, and runs on plain Node without KeyHub's tooling.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
let out: string;

beforeAll(() => {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  // Inside the project, so `tweetnacl` resolves from its node_modules as it would for a vendor.
  out = mkdtempSync(path.join(root, 'dist', 'verifier-test-'));
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.verifier.json'), '--outDir', out], { cwd: root });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the embeddable verifier', () => {
  it('imports only tweetnacl and its own modules', () => {
    const imports = readdirSync(out)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => [...readFileSync(path.join(out, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]));
    expect(new Set(imports.filter((spec) => !spec.startsWith('./')))).toEqual(new Set(['tweetnacl']));
  });

  it('verifies a test vector on plain Node (no TypeScript loader)', () => {
    const vector = JSON.parse(readFileSync(path.join(root, 'test/vectors/vectors.json'), 'utf8')).find((v: { name: string }) => v.name === 'valid-domain');
    const script = `
      import { verifyLicense } from ${JSON.stringify(path.join(out, 'index.js'))};
      import { readFileSync } from 'node:fs';
      const v = ${JSON.stringify(vector)};
      const file = readFileSync(${JSON.stringify(path.join(root, 'test/vectors'))} + '/' + v.file, 'utf8');
      const ok = verifyLicense(file, { publicKeys: v.trustedKeys, ...v.options });
      const wrong = verifyLicense(file, { publicKeys: v.trustedKeys, at: v.options.at, domain: 'shop.example.com' });
      console.log(JSON.stringify({ ok: ok.valid, wrong: wrong.reasons.map((r) => r.message) }));`;
    const result = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }));
    expect(result).toEqual({ ok: true, wrong: ['Covers example.com, not shop.example.com.'] });
  });
});
