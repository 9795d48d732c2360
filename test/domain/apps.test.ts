/** Apps, their licenses and keys, lists, deletion and notification subscriptions, on a real store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appMethods } from '../../src-main/api/methods/apps';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
let skuId: number;

beforeEach(async () => {
  t = tempStore();
  const vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
  await t.call('vault.setup', { passphrase: 'correct horse battery' });
  const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
  skuId = (await t.call('sku.create', { vendorId, sku: 'R3Bundle1Ent', privateKeyId: key.id })).id;
});
afterEach(() => t.cleanup());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function license(owner = 'Kathrin Fretz'): Promise<number> {
  return (await t.call('license.issue', { skuId, owner })).licenseId;
}

const rows = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).all(...params) as T[];
const count = (sql: string, ...params: unknown[]) => (t.store.sqlite.prepare(sql).pluck().get(...params) as number) ?? 0;
const audit = () => rows<{ targetType: string; targetId: string; action: string; details: string }>('SELECT target_type AS targetType, target_id AS targetId, action, details FROM audit_log WHERE action LIKE \'app.%\' ORDER BY id');

function addUser(name: string, email: string): number {
  return Number(t.store.sqlite.prepare('INSERT INTO users (name, email) VALUES (?, ?)').run(name, email).lastInsertRowid);
}

describe('creating an app', () => {
  it('gives it a lower-case GUID, links its licenses, and audits the app and each license', async () => {
    const [a, b] = [await license('Kathrin Fretz'), await license('Photometer AG')];
    const app = await t.call('app.create', { displayName: '  Shop site ', licenseIds: [b, a, b] });
    expect(app.id).toMatch(GUID);
    expect(app).toMatchObject({ displayName: 'Shop site', licenseCount: 2, keyCount: 0, issueCount: 0, keys: [], recentIssues: [], statKinds: [], subscriptions: [] });
    expect(app.licenses).toEqual([
      { id: a, ownerName: 'Kathrin Fretz', sku: 'R3Bundle1Ent', state: 'active' },
      { id: b, ownerName: 'Photometer AG', sku: 'R3Bundle1Ent', state: 'active' },
    ]);
    expect(audit().map((r) => [r.targetType, r.targetId, r.action])).toEqual([
      ['app', app.id, 'app.create'],
      ['license', String(b), 'app.linkLicense'],
      ['license', String(a), 'app.linkLicense'],
    ]);
  });

  it('keeps an id given in any case or with braces, stored lower case', async () => {
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [await license()], id: '{3F2B9C1E-5D4A-4B8E-9F10-2A6C7D8E9F01}' });
    expect(app.id).toBe('3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01');
    expect((await t.call('app.get', { id: '3F2B9C1E-5D4A-4B8E-9F10-2A6C7D8E9F01' })).displayName).toBe('Shop');
  });

  it('refuses an app without a license, with an unknown license, or with an id taken, and stores nothing', async () => {
    const id = await license();
    expect(await t.fail('app.create', { displayName: 'Shop', licenseIds: [] })).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { licenseIds: 'Choose at least one license for the app.' } },
    });
    expect(await t.fail('app.create', { displayName: 'Shop', licenseIds: [id, 998, 999] })).toMatchObject({
      code: 'VALIDATION',
      message: 'Licenses 998, 999 do not exist.',
      details: { fields: { licenseIds: 'Licenses 998, 999 do not exist.' } },
    });
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [id] });
    const clash = await t.fail('app.create', { displayName: 'Other', licenseIds: [id], id: app.id.toUpperCase() });
    expect(clash).toMatchObject({ code: 'CONFLICT', message: `An app with the id ${app.id} already exists.` });
    expect(await t.fail('app.create', { displayName: 'Shop', licenseIds: [id], id: 'not-a-guid' })).toMatchObject({ code: 'VALIDATION', details: { fields: { id: expect.stringMatching(/must be a GUID/) } } });
    expect(count('SELECT count(*) FROM apps')).toBe(1);
    expect(count('SELECT count(*) FROM app_licenses')).toBe(1);
    expect(audit().filter((r) => r.action === 'app.create')).toHaveLength(1);
  });

  it('renames, audited with before and after; an empty name is refused', async () => {
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [await license()] });
    expect((await t.call('app.update', { id: app.id, displayName: 'Shop site' })).displayName).toBe('Shop site');
    expect(JSON.parse(audit().at(-1)!.details)).toEqual({ before: { displayName: 'Shop' }, after: { displayName: 'Shop site' } });
    expect((await t.fail('app.update', { id: app.id, displayName: '  ' })).details?.fields).toEqual({ displayName: 'Display name is required.' });
    expect((await t.fail('app.update', { id: '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01', displayName: 'X' })).code).toBe('NOT_FOUND');
  });
});

describe('app licenses', () => {
  it('link many to many; a second link of the same pair is a conflict; links are audited on the license', async () => {
    const [a, b] = [await license(), await license()];
    const shop = await t.call('app.create', { displayName: 'Shop', licenseIds: [a] });
    const blog = await t.call('app.create', { displayName: 'Blog', licenseIds: [a] });
    expect((await t.call('app.linkLicense', { appId: shop.id, licenseId: b })).licenses.map((l) => l.id)).toEqual([a, b]);
    expect(await t.fail('app.linkLicense', { appId: shop.id, licenseId: b })).toMatchObject({ code: 'CONFLICT', message: `License ${b} is already linked to app Shop.` });
    expect(await t.fail('app.linkLicense', { appId: shop.id, licenseId: 999 })).toMatchObject({ code: 'NOT_FOUND', message: 'License 999 does not exist.' });
    expect((await t.call('app.list', { licenseId: a })).items.map((x) => x.displayName)).toEqual(['Blog', 'Shop']);
    expect(audit().at(-1)).toMatchObject({ targetType: 'license', targetId: String(b), action: 'app.linkLicense' });
    expect(JSON.parse(audit().at(-1)!.details)).toEqual({ appId: shop.id, displayName: 'Shop' });
    expect(blog.licenseCount).toBe(1);
  });

  it("refuses to unlink an app's last license (it would be orphaned) and changes nothing", async () => {
    const a = await license();
    const shop = await t.call('app.create', { displayName: 'Shop site', licenseIds: [a] });
    const before = audit().length;
    const refused = await t.fail('app.unlinkLicense', { appId: shop.id, licenseId: a });
    expect(refused).toMatchObject({
      code: 'IN_USE',
      message: 'App Shop site has only this license; without one it would be orphaned. Link another license first, or delete the app.',
      details: { appId: shop.id, licenseId: a, licenseCount: 1 },
    });
    expect(count('SELECT count(*) FROM app_licenses WHERE app_id = ?', shop.id)).toBe(1);
    expect(audit()).toHaveLength(before);
  });

  it('unlinks a license while another stays, audited on the license; an absent link is not found', async () => {
    const [a, b] = [await license(), await license()];
    const shop = await t.call('app.create', { displayName: 'Shop', licenseIds: [a, b] });
    expect((await t.call('app.unlinkLicense', { appId: shop.id, licenseId: a })).licenses.map((l) => l.id)).toEqual([b]);
    expect(audit().at(-1)).toMatchObject({ targetType: 'license', targetId: String(a), action: 'app.unlinkLicense' });
    expect(await t.fail('app.unlinkLicense', { appId: shop.id, licenseId: a })).toMatchObject({ code: 'NOT_FOUND', message: `License ${a} is not linked to app Shop.` });
    // The last one left is now refused.
    expect((await t.fail('app.unlinkLicense', { appId: shop.id, licenseId: b })).code).toBe('IN_USE');
  });

  it("shows each license's state by the shared rule (suspended, revoked, expired)", async () => {
    const [a, b, c, d] = [await license(), await license(), await license(), await license()];
    t.store.sqlite.prepare("UPDATE licenses SET status = 'suspended' WHERE id = ?").run(b);
    t.store.sqlite.prepare("UPDATE licenses SET status = 'revoked' WHERE id = ?").run(c);
    t.store.sqlite.prepare("UPDATE licenses SET issued = '2020-01-01T00:00:00.000Z', expires = '2021-01-01T00:00:00.000Z' WHERE id = ?").run(d);
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [a, b, c, d] });
    expect(app.licenses.map((l) => l.state)).toEqual(['active', 'suspended', 'revoked', 'expired']);
  });
});

describe('app keys', () => {
  it('are created as GUIDs and deleted, audited on the app; there is no way to edit one', async () => {
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [await license()] });
    const first = await t.call('app.createKey', { appId: app.id });
    const second = await t.call('app.createKey', { appId: app.id });
    expect(first.id).toMatch(GUID);
    expect(first).toMatchObject({ appId: app.id, createdAt: expect.any(String) });
    const detail = await t.call('app.get', { id: app.id });
    expect(detail.keys.map((k) => k.id)).toEqual([first.id, second.id]);
    expect(detail.keyCount).toBe(2);
    expect(await t.call('app.deleteKey', { id: first.id.toUpperCase() })).toEqual({ id: first.id, deleted: true });
    expect((await t.call('app.get', { id: app.id })).keys.map((k) => k.id)).toEqual([second.id]);
    expect(await t.fail('app.deleteKey', { id: first.id })).toMatchObject({ code: 'NOT_FOUND', message: `App key ${first.id} does not exist.` });
    expect(await t.fail('app.createKey', { appId: '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(audit().slice(-3).map((r) => [r.targetType, r.targetId, r.action, JSON.parse(r.details).keyId])).toEqual([
      ['app', app.id, 'app.createKey', first.id],
      ['app', app.id, 'app.createKey', second.id],
      ['app', app.id, 'app.deleteKey', first.id],
    ]);
    expect(Object.keys(appMethods).filter((m) => /key/i.test(m))).toEqual(['app.createKey', 'app.deleteKey']);
  });
});

describe('app.list', () => {
  it('searches by name, by id or key prefix and by whole key; filters by license; sorts and pages in SQL', async () => {
    const [a, b] = [await license(), await license()];
    const shop = await t.call('app.create', { displayName: 'Shop site', licenseIds: [a, b], id: 'aaaa1111-0000-4000-8000-000000000001' });
    const blog = await t.call('app.create', { displayName: 'Blog', licenseIds: [b], id: 'bbbb2222-0000-4000-8000-000000000002' });
    const docs = await t.call('app.create', { displayName: 'Docs 100%', licenseIds: [b], id: 'cccc3333-0000-4000-8000-000000000003' });
    const key = await t.call('app.createKey', { appId: blog.id });
    const names = async (input: Parameters<typeof t.call<'app.list'>>[1]) => (await t.call('app.list', input)).items.map((x) => x.displayName);

    expect(await names({ search: 'SITE' })).toEqual(['Shop site']);
    expect(await names({ search: '100%' })).toEqual(['Docs 100%']);
    expect(await names({ search: 'AAAA11' })).toEqual(['Shop site']);
    expect(await names({ search: `{${docs.id}}` })).toEqual(['Docs 100%']);
    expect(await names({ search: key.id })).toEqual(['Blog']);
    expect(await names({ search: key.id.slice(0, 8) })).toEqual(['Blog']);
    expect(await names({ licenseId: a })).toEqual(['Shop site']);
    expect(await names({ sort: 'licenseCount', dir: 'desc' })).toEqual(['Shop site', 'Blog', 'Docs 100%']);
    const page = await t.call('app.list', { sort: 'displayName', dir: 'desc', limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.items.map((x) => [x.displayName, x.licenseCount, x.keyCount])).toEqual([['Docs 100%', 1, 0], ['Blog', 1, 1]]);
    expect((await t.call('app.list', { search: 'nothing' })).total).toBe(0);
    expect(shop.licenseCount).toBe(2);
  });
});

describe('deleting an app', () => {
  it('removes its links, keys, issues, stats and subscriptions, keeps the licenses, and audits what went', async () => {
    const [a, b] = [await license(), await license()];
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [a, b] });
    const other = await t.call('app.create', { displayName: 'Other', licenseIds: [a] });
    await t.call('app.createKey', { appId: app.id });
    const report = [
      { type: 'issue', severity: 'Error', message: 'boom', time: '2026-11-20T10:00:00Z' },
      { type: 'stat', kind: 1, value: 5, time: '2026-11-20T10:00:00Z' },
    ];
    await t.call('app.report', { appId: app.id, content: report.map((r) => JSON.stringify(r)).join('\n') });
    const kinds = await t.call('app.notificationKinds', {});
    const ann = addUser('Ann', 'ann@example.com');
    await t.call('app.subscribe', { userId: ann, appId: app.id, kindId: kinds[0].id });
    const rightId = count("SELECT id FROM rights WHERE name = 'Manage apps'");
    await t.call('right.grant', { userId: ann, rightId, objectType: 'app', objectId: app.id });
    await t.call('right.grant', { userId: ann, rightId, objectType: 'app', objectId: other.id });

    expect(await t.call('app.delete', { id: app.id })).toEqual({ id: app.id, deleted: true });
    for (const table of ['apps', 'app_keys', 'app_licenses', 'app_issues', 'app_stats', 'user_app_notifications']) {
      expect(count(`SELECT count(*) FROM ${table} WHERE ${table === 'apps' ? 'id' : 'app_id'} = ?`, app.id), table).toBe(0);
    }
    expect(count('SELECT count(*) FROM licenses')).toBe(2);
    expect(count('SELECT count(*) FROM app_licenses WHERE app_id = ?', other.id)).toBe(1);
    const entries = audit().slice(-3);
    expect(entries.map((r) => [r.targetType, r.targetId, r.action])).toEqual([
      ['app', app.id, 'app.delete'],
      ['license', String(a), 'app.unlinkLicense'],
      ['license', String(b), 'app.unlinkLicense'],
    ]);
    expect(JSON.parse(entries[0].details)).toEqual({ displayName: 'Shop', licenseIds: [a, b], keys: 1, issues: 1, stats: 1, subscriptions: 1, grants: 1 });
    // Rights granted on the app go with it (no foreign key can), each audited; the other app's stay.
    expect(rows("SELECT object_id AS o FROM user_object_rights WHERE object_type = 'app'")).toEqual([{ o: other.id }]);
    expect(rows("SELECT target_id AS target FROM audit_log WHERE action = 'right.revoke'")).toEqual([{ target: app.id }]);
    expect((await t.fail('app.get', { id: app.id })).code).toBe('NOT_FOUND');
    expect((await t.fail('app.delete', { id: app.id })).code).toBe('NOT_FOUND');
  });
});

describe('notification subscriptions', () => {
  it('offer the seeded kinds; subscribe checks user, app and kind and refuses a duplicate; unsubscribe removes one', async () => {
    const kinds = await t.call('app.notificationKinds', {});
    expect(kinds.map((k) => k.kind)).toEqual(['LicensingFailure', 'InsecureVersion', 'OutdatedVersion', 'CriticalErrors', 'Errors', 'Warnings']);
    const app = await t.call('app.create', { displayName: 'Shop', licenseIds: [await license()] });
    const ann = addUser('Ann', 'ann@example.com');
    const errors = kinds.find((k) => k.kind === 'Errors')!;

    const sub = await t.call('app.subscribe', { userId: ann, appId: app.id, kindId: errors.id });
    expect(sub).toEqual({ id: sub.id, userId: ann, userName: 'Ann', appId: app.id, appName: 'Shop', kindId: errors.id, kind: 'Errors' });
    expect((await t.call('app.get', { id: app.id })).subscriptions).toEqual([sub]);
    expect(await t.fail('app.subscribe', { userId: ann, appId: app.id, kindId: errors.id })).toMatchObject({
      code: 'CONFLICT',
      message: 'Ann is already subscribed to Errors for app Shop.',
    });
    expect(await t.fail('app.subscribe', { userId: 999, appId: app.id, kindId: errors.id })).toMatchObject({ code: 'VALIDATION', details: { fields: { userId: 'User 999 does not exist.' } } });
    expect(await t.fail('app.subscribe', { userId: ann, appId: '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01', kindId: errors.id })).toMatchObject({ code: 'VALIDATION', details: { fields: { appId: expect.stringMatching(/does not exist/) } } });
    expect(await t.fail('app.subscribe', { userId: ann, appId: app.id, kindId: 999 })).toMatchObject({ code: 'VALIDATION', details: { fields: { kindId: 'Notification kind 999 does not exist.' } } });
    expect(count('SELECT count(*) FROM user_app_notifications')).toBe(1);

    expect(await t.call('app.unsubscribe', { id: sub.id })).toEqual({ id: sub.id, deleted: true });
    expect((await t.call('app.get', { id: app.id })).subscriptions).toEqual([]);
    expect(await t.fail('app.unsubscribe', { id: sub.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(audit().slice(-2).map((r) => [r.targetType, r.targetId, r.action])).toEqual([
      ['app', app.id, 'app.subscribe'],
      ['app', app.id, 'app.unsubscribe'],
    ]);
  });
});
