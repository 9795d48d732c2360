/** keyhub app: add, list, show, keys, link/unlink (the orphan refusal), report, issues, stats, delete; with --json. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDetail, AppKey, AppReportResult, AppRow, AppStatSeries } from '../../src-main/domain/apps/types';
import type { Page } from '../../src-main/domain/catalog/types';
import { seedStore } from './seed';
import { keyhub, keyhubJson, removeDir, tempDataDir } from './support';

let dataDir: string;
let work: string;
const licenseIds: number[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir();
  await seedStore(dataDir, async (call) => {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    await call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    const sku = await call('sku.create', { vendorId: vendor.id, sku: 'R3', privateKeyId: key.id });
    for (const owner of ['Kathrin Fretz', 'Photometer AG']) licenseIds.push((await call('license.issue', { skuId: sku.id, owner })).licenseId);
  });
});
afterAll(() => {
  removeDir(dataDir);
  removeDir(work);
});

const run = (args: string[], input?: string) => keyhub(args, { dataDir, ...(input !== undefined && { input }) });
const runJson = <T>(args: string[]) => keyhubJson<T>(args, { dataDir });

// Each test spawns the CLI several times; on a busy 2-core machine one spawn can take 3 s.
describe('keyhub app', { timeout: 60_000 }, () => {
  let appId: string;

  it('add needs a name and a license; creates the app with a GUID', async () => {
    const missing = await run(['app', 'add', '--name', 'Shop site']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--license/);
    const unknown = await run(['app', 'add', '--name', 'Shop site', '--license', '999']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'keyhub: License 999 does not exist. (--license)\n' });

    const created = await runJson<AppDetail>(['app', 'add', '--name', 'Shop site', '--license', String(licenseIds[0])]);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({ displayName: 'Shop site', licenseCount: 1, licenses: [{ id: licenseIds[0], ownerName: 'Kathrin Fretz', state: 'active' }] });
    appId = created.json.id;
    expect(appId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('list and show, by the whole id or its first characters', async () => {
    const list = await run(['app', 'list', '--search', 'shop']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${appId}\\s+Shop site\\s+1\\s+0\\s+0`));
    expect((await runJson<Page<AppRow>>(['app', 'list', '--license', String(licenseIds[1])])).json.total).toBe(0);

    const shown = await run(['app', 'show', appId.slice(0, 8)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`ID:        ${appId}`);
    expect(shown.stdout).toMatch(/Licenses\nID\s+OWNER\s+SKU\s+STATE\n\s*\d+\s+Kathrin Fretz\s+R3\s+active/);
    expect((await run(['app', 'show', 'ffff0000'])).stderr).toMatch(/No app id starts with ffff0000/);
  });

  it('creates, lists and deletes keys (delete needs --yes)', async () => {
    const created = await run(['app', 'key', 'create', appId]);
    expect(created.code).toBe(0);
    const keyId = created.stdout.trim();
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await runJson<AppKey[]>(['app', 'key', 'list', appId])).json.map((k) => k.id)).toEqual([keyId]);
    expect((await run(['app', 'key', 'delete', keyId])).code).toBe(2);
    expect(await run(['app', 'key', 'delete', keyId, '--yes'])).toMatchObject({ code: 0, stdout: `Deleted app key ${keyId}.\n` });
    expect((await runJson<AppKey[]>(['app', 'key', 'list', appId])).json).toEqual([]);
  });

  it("links and unlinks licenses, and refuses to unlink the app's last one", async () => {
    const linked = await run(['app', 'link', appId, String(licenseIds[1])]);
    expect(linked).toMatchObject({ code: 0, stdout: `Linked license ${licenseIds[1]} to app Shop site (2 licenses now).\n` });
    expect((await run(['app', 'unlink', appId, String(licenseIds[0])])).code).toBe(0);
    const refused = await runJson<{ ok: false; error: { code: string; message: string } }>(['app', 'unlink', appId, String(licenseIds[1])]);
    expect(refused.code).toBe(1);
    expect(refused.json.error).toMatchObject({
      code: 'IN_USE',
      message: 'App Shop site has only this license; without one it would be orphaned. Link another license first, or delete the app.',
    });
  });

  it('report keeps the good lines, lists each bad one by number and reason, and exits 1', async () => {
    const file = path.join(work, 'report.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ type: 'issue', severity: 'Error', message: 'License check failed', time: '2026-11-20T10:00:00Z' }),
        'not json',
        JSON.stringify({ type: 'stat', kind: 1, value: 120, time: '2026-11-20T10:00:00Z' }),
        '',
        JSON.stringify({ type: 'stat', kind: 'Requests', value: 1.5, time: '2026-11-20T11:00:00Z' }),
        JSON.stringify({ type: 'stat', kind: 'requests', value: 30, time: '2026-11-21T09:00:00Z' }),
      ].join('\n'),
    );
    const result = await run(['app', 'report', file, '--app', appId.slice(0, 6)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('Kept 1 issue and 2 stats; rejected 2 lines.\n');
    expect(result.stderr).toMatch(/^Rejected lines:\n {2}line 2: not JSON \(.+\)\n {2}line 5: "value" must be a whole number \(at most 2\^53 - 1\)\n$/);

    const stats = await runJson<AppStatSeries[]>(['app', 'stats', appId, '--from', '2026-11-20', '--to', '2026-11-22']);
    expect(stats.json).toEqual([{ kind: 1, label: 'Requests', points: [{ t: '2026-11-20T00:00:00.000Z', value: 120 }, { t: '2026-11-21T00:00:00.000Z', value: 30 }] }]);
    const table = await run(['app', 'stats', appId, '--kind', 'requests', '--bucket', 'month']);
    expect(table.stdout).toMatch(/BUCKET\s+REQUESTS\n2026-11-01\s+150/);
    const issues = await run(['app', 'issues', appId, '--severity', 'error']);
    expect(issues.stdout).toMatch(/2026-11-20T10:00:00Z\s+Error\s+License check failed/);
  });

  it('report from stdin with --json: the result, exit 0 when every line is kept', async () => {
    const line = JSON.stringify({ type: 'issue', app: appId, severity: 'Warning', message: 'Outdated', time: '2026-11-22T10:00:00Z' });
    const result = await keyhubJson<AppReportResult>(['app', 'report', '-'], { dataDir, input: `${line}\n` });
    expect(result.code).toBe(0);
    expect(result.json).toEqual({ issues: 1, stats: 0, rejected: [], rejectedCount: 0 });
  });

  it('delete needs --yes and removes the app', async () => {
    expect((await run(['app', 'delete', appId])).code).toBe(2);
    expect(await run(['app', 'delete', appId, '--yes'])).toMatchObject({ code: 0, stdout: `Deleted app ${appId}.\n` });
    expect((await runJson<Page<AppRow>>(['app', 'list'])).json.total).toBe(0);
  });
});
