/** Help, usage errors (exit 2), API refusals (exit 1) and where the data folder comes from. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { keyhub, keyhubJson, removeDir, tempDataDir } from './support';

let dataDir: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  await keyhub(['vendor', 'add', '--name', 'Imazen'], { dataDir });
});
afterAll(() => removeDir(dataDir));

describe('help', () => {
  it('keyhub --help lists every command and the global options, exit 0', async () => {
    const { code, stdout } = await keyhub(['--help']);
    expect(code).toBe(0);
    for (const command of ['vendor', 'sku', 'feature', 'package', 'release', 'demo', 'serve', 'info']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(stdout).toContain('--data <dir>');
    expect(stdout).toContain('--json');
  });

  it('every level has --help; sku add shows every SKU option and the global ones', async () => {
    const { code, stdout } = await keyhub(['sku', 'add', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--vendor', '--code', '--name', '--max-domains', '--license-days', '--edit-ownership-days', '--max-support-contacts', '--support-change-days', '--auto-domain-days', '--manual-domain-days', '--can-delete-manual-domains', '--can-delete-auto-domains', '--release', '--expires', '--feature', '--package', '--data', '--json']) {
      expect(stdout).toContain(flag);
    }
    expect((await keyhub(['package', '--help'])).stdout).toMatch(/list\b[\s\S]*add\b[\s\S]*show\b[\s\S]*edit\b[\s\S]*delete\b/);
  });
});

describe('usage errors exit 2', () => {
  it('an unknown command or option', async () => {
    const unknown = await keyhub(['vendr', 'list'], { dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'vendr'");
    expect((await keyhub(['vendor', 'list', '--colour'], { dataDir })).code).toBe(2);
  });

  it('a word where a number belongs, a missing required option, a bad sort column', async () => {
    const word = await keyhub(['sku', 'add', '--vendor', '1', '--code', 'X', '--max-domains', 'ten'], { dataDir });
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('"ten" is not a whole number');
    const missing = await keyhub(['sku', 'add', '--vendor', '1'], { dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--code <sku>' not specified");
    expect((await keyhub(['sku', 'show', 'abc'], { dataDir })).code).toBe(2);
  });

  it('with --json also print an envelope on stdout', async () => {
    const { code, json } = await keyhubJson(['sku', 'list', '--sort', 'price'], { dataDir });
    expect(code).toBe(2);
    expect(json).toMatchObject({ ok: false, error: { code: 'USAGE', message: expect.stringContaining("'price' is invalid") } });
  });
});

describe('API refusals exit 1', () => {
  it('validation: one line with the message, then each field under its flag', async () => {
    const { code, stdout, stderr } = await keyhub(['sku', 'add', '--vendor', '1', '--code', 'bad code', '--max-domains', '-1', '--release', '2026-02-30'], { dataDir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^keyhub: 3 fields need attention: /);
    expect(lines.slice(1).map((l) => l.trim().split(':')[0]).sort()).toEqual(['--code', '--max-domains', '--release']);
  });

  it('a single field names its flag; a date range error points at --expires', async () => {
    const { code, stderr } = await keyhub(['sku', 'add', '--vendor', '1', '--code', 'R4', '--release', '2026-05-01', '--expires', '2026-04-01'], { dataDir });
    expect(code).toBe(1);
    expect(stderr).toBe('keyhub: Expiration date must be after the release date. (--expires)\n');
  });

  it('not found, as text and as a --json envelope', async () => {
    const text = await keyhub(['vendor', 'show', '42'], { dataDir });
    expect(text).toMatchObject({ code: 1, stdout: '', stderr: 'keyhub: Vendor 42 does not exist.\n' });
    const { code, json } = await keyhubJson(['vendor', 'show', '42'], { dataDir });
    expect(code).toBe(1);
    expect(json).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Vendor 42 does not exist.', details: { id: 42 } } });
  });

  it('a conflict', async () => {
    const { code, json } = await keyhubJson(['vendor', 'add', '--name', 'IMAZEN'], { dataDir });
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the data folder', () => {
  it('comes from KEYHUB_DATA when --data is absent, and info names it', async () => {
    const { code, json } = await keyhubJson<{ dataDir: string; host: string }>(['info'], { env: { KEYHUB_DATA: dataDir } });
    expect(code).toBe(0);
    expect(json).toMatchObject({ dataDir, host: 'cli' });
  });

  it('--data wins over KEYHUB_DATA, and works after the command too', async () => {
    const other = tempDataDir();
    try {
      const { json } = await keyhubJson<{ dataDir: string }>(['info', '--data', other], { env: { KEYHUB_DATA: dataDir } });
      expect(json.dataDir).toBe(other);
      expect(existsSync(path.join(other, DATABASE_FILE))).toBe(true);
    } finally {
      removeDir(other);
    }
  });
});
