/** keyhub vendor and keyhub feature through the real CLI: human output, --json output and exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Vendor, VendorRow } from '../../src-main/domain/catalog/types';
import { keyhub, keyhubJson, removeDir, tempDataDir } from './support';

let dataDir: string;
beforeAll(() => {
  dataDir = tempDataDir();
});
afterAll(() => removeDir(dataDir));

const run = (...args: string[]) => keyhub(args, { dataDir });
const runJson = <T>(...args: string[]) => keyhubJson<T>(args, { dataDir });

describe('keyhub vendor', () => {
  it('add prints what it created; list prints an aligned table', async () => {
    const added = await run('vendor', 'add', '--name', 'Imazen', '--street', '1919 Pike Place', '--city', 'Seattle', '--region', 'WA', '--postal', '98101', '--country', 'United States');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Created vendor 1\.\n/);
    expect(added.stdout).toMatch(/Postal code:\s+98101/);
    await run('vendor', 'add', '--name', 'Kestrel Type Foundry', '--city', 'Berlin', '--country', 'Germany');

    const list = await run('vendor', 'list', '--sort', 'name');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CITY\s+COUNTRY\s+SKUS\s+FEATURES\s+PACKAGES$/);
    expect(lines[1]).toMatch(/^ 1\s+Imazen\s+Seattle\s+United States\s+0\s+0\s+0$/);
    // Aligned: every column starts where its header starts.
    expect(lines[2].indexOf('Berlin')).toBe(lines[0].indexOf('CITY'));
    expect(lines.at(-1)).toBe('Showing 1-2 of 2 vendors.');
  });

  it('list --json prints the page; --search, --desc, --limit and --offset reach the API', async () => {
    const { code, json } = await runJson<Page<VendorRow>>('vendor', 'list', '--sort', 'name', '--desc', '--limit', '1', '--offset', '1');
    expect(code).toBe(0);
    expect(json).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ name: 'Imazen' }] });
    const searched = await runJson<Page<VendorRow>>('vendor', 'list', '--search', 'kestrel');
    expect(searched.json.items.map((v) => v.name)).toEqual(['Kestrel Type Foundry']);
  });

  it('show prints a key/value block; edit changes only the options given', async () => {
    const edited = await runJson<Vendor>('vendor', 'edit', '2', '--city', 'Hamburg');
    expect(edited.json).toMatchObject({ name: 'Kestrel Type Foundry', city: 'Hamburg', country: 'Germany' });
    const shown = await run('vendor', 'show', '2');
    expect(shown.stdout).toMatch(/^ID:\s+2$/m);
    expect(shown.stdout).toMatch(/^City:\s+Hamburg$/m);
    expect(shown.stdout).toMatch(/^SKUs:\s+0$/m);
  });

  it('edit ID --city X keeps every other field of the vendor', async () => {
    const { json: before } = await runJson<Vendor>('vendor', 'show', '1');
    const edited = await runJson<Vendor>('vendor', 'edit', '1', '--city', 'Tacoma');
    expect(edited.code).toBe(0);
    const kept = { id: 1, name: 'Imazen', street: '1919 Pike Place', region: 'WA', postal: '98101', country: 'United States', createdAt: before.createdAt };
    expect(edited.json).toEqual({ ...kept, city: 'Tacoma', updatedAt: expect.any(String) });
    expect((await runJson<Vendor>('vendor', 'show', '1')).json).toMatchObject({ ...kept, city: 'Tacoma' });
  });
});

describe('keyhub feature', () => {
  it('feature add/list/show/edit', async () => {
    for (const code of ['R_Elite', 'R_Performance', 'R_WebP']) {
      expect((await run('feature', 'add', '--vendor', '1', '--code', code, '--description', `${code} rights`)).code).toBe(0);
    }
    const list = await run('feature', 'list', '--vendor', '1', '--sort', 'code');
    expect(list.stdout).toMatch(/^ID\s+CODE\s+VENDOR\s+SKUS\s+DESCRIPTION$/m);
    expect(list.stdout).toContain('Showing 1-3 of 3 feature codes.');
    const edited = await runJson<{ code: string; description: string }>('feature', 'edit', '3', '--description', 'WebP encoder');
    expect(edited.json).toMatchObject({ code: 'R_WebP', description: 'WebP encoder' });
    expect((await run('feature', 'show', '3')).stdout).toMatch(/^Description:\s+WebP encoder$/m);
  });

});
