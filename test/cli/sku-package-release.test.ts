/** keyhub sku, package and release through the real CLI, and deleting with --yes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, PackageDetail, Release, SkuDetail } from '../../src-main/domain/catalog/types';
import { keyhub, keyhubJson, removeDir, tempDataDir } from './support';
import { seedStore } from './seed';

let dataDir: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  // The vendor and feature codes these commands use, written in-process: their own commands are tested elsewhere.
  await seedStore(dataDir, async (call) => {
    const vendor = await call('vendor.create', { name: 'Imazen', city: 'Seattle' });
    for (const code of ['R_Elite', 'R_Performance', 'R_WebP']) await call('feature.create', { vendorId: vendor.id, code });
    await call('vendor.create', { name: 'Kestrel Type Foundry' }); // no catalog: deletable
  });
});
afterAll(() => removeDir(dataDir));

const run = (...args: string[]) => keyhub(args, { dataDir });
const runJson = <T>(...args: string[]) => keyhubJson<T>(args, { dataDir });

describe('keyhub package, release and sku', () => {
  it('package add and release add/list/edit/delete', async () => {
    const pkg = await runJson<PackageDetail>('package', 'add', '--vendor', '1', '--name', 'ImageResizer 4');
    expect(pkg.json).toMatchObject({ id: 1, displayName: 'ImageResizer 4', releases: [] });

    const release = await runJson<Release>('release', 'add', '--package', '1', '--version', '4.2.8', '--stability', 'stable', '--date', '2019-10-15', '--download-url', 'https://downloads.imazen.example/ir-4.2.8.zip');
    expect(release.json).toMatchObject({ displayName: 'ImageResizer 4 4.2.8', version: '4.2.8', stability: 0, releaseDate: '2019-10-15T00:00:00.000Z' });
    const preview = await run('release', 'add', '--package', '1', '--version', '4.3.0-preview1', '--name', 'ImageResizer 4.3 preview', '--stability', '4');
    expect(preview.code).toBe(0);

    const edited = await runJson<Release>('release', 'edit', '2', '--stability', 'beta');
    expect(edited.json).toMatchObject({ id: 2, version: '4.3.0-preview1', displayName: 'ImageResizer 4.3 preview', stability: 2 });

    const list = await run('release', 'list', '--package', '1');
    expect(list.stdout).toMatch(/^ID\s+VERSION\s+NAME\s+STABILITY\s+DATE\s+DOWNLOAD$/m);
    expect(list.stdout).toMatch(/4\.3\.0-preview1\s+ImageResizer 4\.3 preview\s+beta/);

    expect((await run('release', 'delete', '2')).code).toBe(2);
    expect(await run('release', 'delete', '2', '--yes')).toMatchObject({ code: 0, stdout: 'Deleted release 2.\n' });
    expect((await runJson<Release[]>('release', 'list', '--package', '1')).json.map((r) => r.version)).toEqual(['4.2.8']);
  });

  it('sku add takes every field, features by id or code, and packages', async () => {
    const { code, json } = await runJson<SkuDetail>(
      'sku', 'add', '--vendor', '1', '--code', 'R4Elite', '--name', 'ImageResizer 4 Elite',
      '--max-domains', '10', '--license-days', '365', '--edit-ownership-days', '30', '--max-support-contacts', '3',
      '--support-change-days', '90', '--auto-domain-days', '30', '--manual-domain-days', '365', '--grace-days', '7',
      '--can-delete-manual-domains', '--no-can-delete-auto-domains', '--release', '2016-11-02', '--expires', '2030-01-01',
      '--feature', '1', '--feature', 'R_Performance,R_WebP', '--package', '1',
    );
    expect(code).toBe(0);
    expect(json).toMatchObject({
      sku: 'R4Elite',
      name: 'ImageResizer 4 Elite',
      maxDomains: 10,
      licenseDuration: 365,
      editOwnershipDuration: 30,
      maxSupportContacts: 3,
      changeSupportContactsDuration: 90,
      autoDomainDuration: 30,
      manualDomainDuration: 365,
      subscriptionGraceDays: 7,
      canDeleteManualDomains: true,
      canDeleteAutoDomains: false,
      releaseDate: '2016-11-02T00:00:00.000Z',
      expirationDate: '2030-01-01T00:00:00.000Z',
      packages: [{ id: 1, displayName: 'ImageResizer 4' }],
    });
    expect(json.features.map((f) => f.code).sort()).toEqual(['R_Elite', 'R_Performance', 'R_WebP']);
  });

  it('sku show prints every field, its feature codes and packages', async () => {
    const shown = await run('sku', 'show', '1');
    expect(shown.code).toBe(0);
    for (const line of [/^SKU:\s+R4Elite$/m, /^Max domains:\s+10$/m, /^Subscription grace:\s+7 days$/m, /^License duration:\s+365 days$/m, /^Can delete automatic domains:\s+no$/m, /^Release date:\s+2016-11-02$/m]) {
      expect(shown.stdout).toMatch(line);
    }
    expect(shown.stdout).toMatch(/Feature codes\nID\s+CODE\s+DESCRIPTION\n/);
    expect(shown.stdout).toMatch(/Packages\nID\s+NAME\n\s*1\s+ImageResizer 4/);
  });

  it('sku edit changes only what is given; "none" clears a limit; --feature replaces the set', async () => {
    const { json } = await runJson<SkuDetail>('sku', 'edit', '1', '--max-domains', 'none', '--feature', 'R_Elite', '--grace-days', 'none');
    expect(json).toMatchObject({ maxDomains: null, subscriptionGraceDays: null, licenseDuration: 365, name: 'ImageResizer 4 Elite', packages: [{ id: 1 }] });
    expect(json.features.map((f) => f.code)).toEqual(['R_Elite']);
  });

  it('--feature takes a code in any case, as codes are unique ignoring case', async () => {
    const { json } = await runJson<SkuDetail>('sku', 'edit', '1', '--feature', 'r_elite');
    expect(json.features.map((f) => f.code)).toEqual(['R_Elite']);
  });

  it('sku edit ID --name X keeps its feature codes, packages and every other field', async () => {
    await run('sku', 'edit', '1', '--feature', 'R_Elite,R_WebP');
    const { json: before } = await runJson<SkuDetail>('sku', 'show', '1');
    const { code, json } = await runJson<SkuDetail>('sku', 'edit', '1', '--name', 'ImageResizer 4 Elite Plus');
    expect(code).toBe(0);
    expect(json).toEqual({ ...before, name: 'ImageResizer 4 Elite Plus', updatedAt: expect.any(String) });
    expect(json.features.map((f) => f.code).sort()).toEqual(['R_Elite', 'R_WebP']);
    expect(json.packages.map((p) => p.id)).toEqual([1]);
  });

  it('sku list and retire', async () => {
    await run('sku', 'add', '--vendor', '1', '--code', 'R4Performance', '--release', '2016-11-02');
    const retired = await run('sku', 'retire', '2', '--at', '2024-01-01');
    expect(retired).toMatchObject({ code: 0, stdout: 'SKU 2 (R4Performance) is off sale from 2024-01-01.\n' });
    const list = await run('sku', 'list', '--sort', 'sku');
    expect(list.stdout).toMatch(/^ID\s+SKU\s+NAME\s+VENDOR\s+STATUS\s+RELEASED\s+EXPIRES\s+FEATURES\s+LICENSES$/m);
    expect(list.stdout).toMatch(/R4Performance\s+-\s+Imazen\s+retired\s+2016-11-02\s+2024-01-01/);
    const retiredOnly = await runJson<Page<SkuDetail>>('sku', 'list', '--availability', 'retired');
    expect(retiredOnly.json.items.map((s) => s.sku)).toEqual(['R4Performance']);
  });

  it('package show lists releases and SKUs; package edit replaces the SKU set', async () => {
    const { json } = await runJson<PackageDetail>('package', 'edit', '1', '--sku', '1,2');
    expect(json.skus.map((s) => s.sku).sort()).toEqual(['R4Elite', 'R4Performance']);
    const shown = await run('package', 'show', '1');
    expect(shown.stdout).toMatch(/Releases\nID\s+VERSION/);
    expect(shown.stdout).toMatch(/In SKUs\nID\s+SKU\s+NAME/);
  });
});

describe('deleting', () => {
  it('needs --yes (exit 2, nothing deleted), then deletes', async () => {
    const refused = await run('sku', 'delete', '2');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes to delete SKU 2');
    expect((await run('sku', 'show', '2')).code).toBe(0);

    expect(await run('sku', 'delete', '2', '--yes')).toMatchObject({ code: 0, stdout: 'Deleted SKU 2.\n' });
    expect((await run('sku', 'show', '2')).code).toBe(1);
  });

  it('reports an integrity refusal on stderr with exit 1, or as an envelope with --json', async () => {
    const refused = await run('feature', 'delete', '1', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^keyhub: Feature code R_Elite is part of 1 SKU \(R4Elite\)/);

    const json = await runJson<{ ok: false; error: { code: string } }>('vendor', 'delete', '1', '--yes');
    expect(json.code).toBe(1);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'IN_USE', message: expect.stringContaining('Imazen still has') } });

    const deleted = await runJson('vendor', 'delete', '2', '--yes');
    expect(deleted).toMatchObject({ code: 0, json: { id: 2, deleted: true } });
    expect(await runJson('package', 'delete', '1', '--yes')).toMatchObject({ code: 0, json: { id: 1, deleted: true } });
  });
});
