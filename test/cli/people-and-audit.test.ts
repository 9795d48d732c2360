/** keyhub customer, user, right and audit through the real CLI: human output, --json and exit codes. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../src-main/domain/catalog/types';
import type { AuditFacets, AuditRow } from '../../src-main/domain/insight/types';
import type { Customer, CustomerRow, ObjectRight, Right, User, UserDetail, UserRow } from '../../src-main/domain/people/types';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { insertLicense } from '../support/people-fixtures';
import { seedStore } from './seed';
import { keyhub, keyhubJson, removeDir, tempDataDir } from './support';

let dataDir: string;
let licenseId: number;
beforeAll(async () => {
  dataDir = tempDataDir();
  await seedStore(dataDir, async (call) => {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    await call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent' });
  });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  licenseId = insertLicense(db, { skuId: 1, ownerName: 'Kathrin Fretz' });
  db.close();
});
afterAll(() => removeDir(dataDir));

const run = (...args: string[]) => keyhub(args, { dataDir });
const runJson = <T>(...args: string[]) => keyhubJson<T>(args, { dataDir });

describe('keyhub customer', () => {
  it('add prints what it created; list prints an aligned table', async () => {
    const added = await run('customer', 'add', '--name', 'Imazen', '--email', 'billing@imazen.co', '--city', 'Seattle', '--country', 'US');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Created customer 1\.\n/);
    const person = await runJson<Customer>('customer', 'add', '--kind', 'Person', '--name', 'Kathrin Fretz');
    expect(person.json).toMatchObject({ id: 2, kind: 'person' });

    const list = await run('customer', 'list', '--sort', 'name');
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+KIND\s+EMAIL\s+COUNTRY\s+LICENSES\s+CONTACTS$/);
    expect(lines[1]).toMatch(/^ 1\s+Imazen\s+organization\s+billing@imazen\.co\s+US\s+0\s+0$/);
    expect(lines.at(-1)).toBe('Showing 1-2 of 2 customers.');
  });

  it('list filters by kind and searches; edit is a patch', async () => {
    expect((await runJson<Page<CustomerRow>>('customer', 'list', '--kind', 'person')).json.items.map((c) => c.name)).toEqual(['Kathrin Fretz']);
    expect((await runJson<Page<CustomerRow>>('customer', 'list', '--search', 'IMAZEN.co')).json.items.map((c) => c.id)).toEqual([1]);

    const edited = await runJson<Customer>('customer', 'edit', '2', '--email', 'kathrin@photometer.com');
    expect(edited.json).toMatchObject({ kind: 'person', name: 'Kathrin Fretz', email: 'kathrin@photometer.com' });
  });

  it('delete needs --yes, and is refused (exit 1) while a license names the customer', async () => {
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare('UPDATE licenses SET owning_entity_id = 2 WHERE id = ?').run(licenseId);
    db.close();
    expect((await run('customer', 'delete', '2')).code).toBe(2);
    const refused = await run('customer', 'delete', '2', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Kathrin Fretz is the owning or purchasing entity of 1 license');
    const json = await runJson<{ ok: false; error: { code: string } }>('customer', 'delete', '2', '--yes');
    expect(json.json).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
  });
});

describe('keyhub user', () => {
  it('add staff and contacts; a taken email or an unknown customer is refused, naming the flag', async () => {
    const sam = await runJson<User>('user', 'add', '--name', 'Sam Staff', '--email', 'sam@vendor.example', '--role', 'admin');
    expect(sam.json).toMatchObject({ id: 1, role: 'admin', customerId: null, isActive: true });
    const ada = await runJson<User>('user', 'add', '--name', 'Ada', '--email', 'ada@imazen.co', '--customer', '1');
    expect(ada.json).toMatchObject({ customerId: 1, role: 'viewer' });

    const taken = await run('user', 'add', '--name', 'Other', '--email', 'SAM@vendor.example');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already has the email SAM@vendor\.example.*\(--email\)/);
    const noCustomer = await run('user', 'add', '--name', 'Bo', '--email', 'bo@x.example', '--customer', '9');
    expect(noCustomer.stderr).toContain('Customer 9 does not exist. (--customer)');

  });

  it('list prints a table and filters by kind and customer; customer show lists its contacts', async () => {
    const list = await run('user', 'list');
    expect(list.stdout).toMatch(/^ID\s+NAME\s+EMAIL\s+ROLE\s+ACTIVE\s+CUSTOMER\s+RIGHTS$/m);
    expect(list.stdout).toMatch(/^ 2\s+Ada\s+ada@imazen\.co\s+viewer\s+yes\s+Imazen \(1\)\s+0$/m);
    expect((await runJson<Page<UserRow>>('user', 'list', '--kind', 'staff')).json.items.map((u) => u.name)).toEqual(['Sam Staff']);
    expect((await runJson<Page<UserRow>>('user', 'list', '--customer', '1')).json.items.map((u) => u.name)).toEqual(['Ada']);
    const customer = await run('customer', 'show', '1');
    expect(customer.stdout).toMatch(/^Contacts\nID\s+NAME\s+EMAIL\s+ROLE\n\s*2\s+Ada\s+ada@imazen\.co\s+viewer$/m);
    expect(customer.stdout).toMatch(/^Payment provider ids\n\(none\)$/m);
  });

  it('edit is a patch ("none" makes a contact staff); show names the customer and the rights', async () => {

    const edited = await runJson<User>('user', 'edit', '2', '--no-active', '--customer', 'none');
    expect(edited.json).toMatchObject({ name: 'Ada', isActive: false, customerId: null });
    const shown = await run('user', 'show', '1');
    expect(shown.stdout).toMatch(/^Customer:\s+\(vendor's staff\)$/m);
    expect(shown.stdout).toMatch(/^Rights\n\(none\)$/m);
  });
});

describe('keyhub right', () => {
  it('list the rights; grant by email and right name; a duplicate, an unknown object and a bad type are refused', async () => {
    const list = await run('right', 'list');
    expect(list.stdout).toMatch(/^ID\s+NAME\s+GRANTS$/m);
    expect(list.stdout).toMatch(/^\s*1\s+View\s+0$/m);

    const granted = await run('right', 'grant', '--user', 'ADA@imazen.co', '--right', 'manage domains', '--object', `license:${licenseId}`);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain(`On:     License ${licenseId} · Kathrin Fretz · R3Bundle1Ent (license:${licenseId})`);
    const again = await runJson<{ ok: false; error: { code: string } }>('right', 'grant', '--user', '2', '--right', '2', '--object', `license:${licenseId}`);
    expect(again).toMatchObject({ code: 1, json: { ok: false, error: { code: 'CONFLICT' } } });
    const missing = await run('right', 'grant', '--user', '2', '--right', 'View', '--object', 'license:999');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('License 999 does not exist');
    expect((await run('right', 'grant', '--user', '2', '--right', 'View', '--object', 'planet:1')).code).toBe(2);
  });

  it('list --object shows the grants on it; user show has them; revoke takes one back', async () => {
    const onLicense = await runJson<ObjectRight[]>('right', 'list', '--object', `license:${licenseId}`);
    expect(onLicense.json.map((g) => [g.id, g.rightName, g.userName])).toEqual([[1, 'Manage domains', 'Ada']]);
    expect((await run('right', 'list', '--object', `license:${licenseId}`)).stdout).toMatch(/^\s*1\s+Manage domains\s+Ada \(2\)\s+ada@imazen\.co$/m);
    expect((await runJson<UserDetail>('user', 'show', '2')).json.rights.map((g) => g.rightName)).toEqual(['Manage domains']);

    expect((await run('right', 'revoke', '1')).stdout).toBe('Revoked grant 1.\n');
    expect((await runJson<Right[]>('right', 'list')).json.find((r) => r.name === 'Manage domains')!.grantCount).toBe(0);
  });

  it('add and delete a right', async () => {
    const added = await runJson<Right>('right', 'add', '--name', 'Refund');
    expect(added.json).toMatchObject({ name: 'Refund', grantCount: 0 });
    expect((await run('right', 'add', '--name', 'refund')).code).toBe(1);
    expect((await run('right', 'delete', String(added.json.id), '--yes')).code).toBe(0);
  });
});

describe('keyhub audit', () => {
  it('list filters by target and by actor with an action prefix', async () => {
    const onLicense = await runJson<Page<AuditRow>>('audit', 'list', '--target', `license:${licenseId}`, '--asc');
    expect(onLicense.json.items.map((r) => r.action)).toEqual(['right.grant', 'right.revoke']);
    const rights = await runJson<Page<AuditRow>>('audit', 'list', '--action', 'right.', '--actor', 'cli');
    expect(rights.json.items.map((r) => r.action)).toEqual(['right.delete', 'right.create', 'right.revoke', 'right.grant']);
    const customers = await runJson<Page<AuditRow>>('audit', 'list', '--target', 'customer');
    expect(customers.json.items.map((r) => r.action)).toEqual(['customer.update', 'customer.create', 'customer.create']);
  });

  it('list filters by date; a bad date names --from', async () => {
    const all = await runJson<Page<AuditRow>>('audit', 'list', '--limit', '500');
    expect(all.json.items.every((r) => r.actor === 'cli' || r.actor === 'test')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await runJson<Page<AuditRow>>('audit', 'list', '--from', today, '--to', today)).json.total).toBe(all.json.total);
    expect((await runJson<Page<AuditRow>>('audit', 'list', '--to', '2000-01-01')).json.total).toBe(0);
    const bad = await run('audit', 'list', '--from', 'yesterday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('(--from)');
  });

  it('list prints a table; facets lists the actors, actions and target types', async () => {
    const table = await run('audit', 'list', '--target', `license:${licenseId}`);
    expect(table.stdout).toMatch(/^ID\s+AT\s+ACTOR\s+ACTION\s+TARGET\s+DETAILS$/m);
    expect(table.stdout).toMatch(new RegExp(`^\\s*\\d+\\s+\\S+\\s+cli\\s+right\\.revoke\\s+license:${licenseId}\\s+\\{`, 'm'));

    const facets = await runJson<AuditFacets>('audit', 'facets');
    expect(facets.json.actors).toEqual(['cli', 'test']);
    expect(facets.json.targetTypes).toEqual(['customer', 'license', 'right', 'sku', 'user', 'vendor']);
    expect(facets.json.actions).toContain('right.grant');
  });
});
