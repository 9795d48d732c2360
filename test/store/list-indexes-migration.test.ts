/**
 * Migrations 0003 (list indexes) and 0004 (customer and contact search): a store
 * written before them upgrades, its existing customers and contacts become searchable,
 * and the triggers keep the search tables in step with every later write, including
 * plain SQL that bypasses KeyHub's own code.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { openStore, readJournal, type Store } from '../../src-main/store/open';
import { defaultMigrationsDir } from '../../src-main/store/paths';
import { tempDir } from '../support/temp-store';

/** The committed migrations up to (not including) `tag`: a KeyHub from before it. */
function migrationsBefore(tag: string): string {
  const dir = path.join(tempDir('keyhub-migrations-'), 'migrations');
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

async function search(store: Store, text: string): Promise<number[]> {
  const result = await invoke(createApiContext(store, 'test', 'test'), handlers, 'license.list', { search: text });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { items: Array<{ id: number }> }).items.map((r) => r.id);
}

describe('the list and search migrations', () => {
  it('upgrade an older store and make its existing customers and contacts searchable', async () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir, migrationsDir: migrationsBefore('0003_list_indexes') });
    const db = old.sqlite;
    db.exec("INSERT INTO vendors (name) VALUES ('Imazen'); INSERT INTO skus (vendor_id, sku) VALUES (1, 'R3')");
    db.exec("INSERT INTO customers (kind, name, email) VALUES ('organization', 'Acme Photo GmbH', 'billing@acme-photo.ch')");
    db.exec("INSERT INTO users (name, email, customer_id) VALUES ('Kathrin Fretz', 'kf@acme-photo.ch', 1)");
    db.exec("INSERT INTO licenses (sku_id, owner_name, owning_entity_id, issued) VALUES (1, 'Someone Else', 1, '2026-01-01T00:00:00.000Z')");
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'search_customers'").pluck().get()).toBe(0);
    old.close();

    const store = openStore({ dataDir });
    opened.push(store);
    expect(store.schemaVersion).toBe(readJournal(defaultMigrationsDir()).entries.length);
    const indexes = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];
    expect(indexes).toEqual(expect.arrayContaining(['licenses_status_expiry_idx', 'licenses_owner_rest_nocase_idx', 'domain_licenses_parent_idx', 'domain_licenses_license_expires_idx']));
    expect(indexes).not.toContain('licenses_owner_name_idx');
    expect(await search(store, 'acme')).toEqual([1]);
    expect(await search(store, 'kf@acme-photo.ch')).toEqual([1]);
  });

  it('keep the search tables in step with writes that bypass KeyHub (triggers)', async () => {
    const store = openStore({ dataDir: tempDir() });
    opened.push(store);
    const db = store.sqlite;
    db.exec("INSERT INTO vendors (name) VALUES ('Imazen'); INSERT INTO skus (vendor_id, sku) VALUES (1, 'R3')");
    db.exec("INSERT INTO customers (kind, name, email) VALUES ('person', 'Jonas Weber', 'jonas@example.org')");
    db.exec("INSERT INTO licenses (sku_id, owner_name, purchasing_entity_id, issued) VALUES (1, 'Reseller Ltd', 1, '2026-01-01T00:00:00.000Z')");
    expect(await search(store, 'weber')).toEqual([1]);
    db.exec("UPDATE customers SET name = 'Jonas Schmidt', email = NULL WHERE id = 1");
    expect(await search(store, 'weber')).toEqual([]);
    expect(await search(store, 'jonas@example.org')).toEqual([]);
    expect(await search(store, 'schmidt')).toEqual([1]);
    db.exec("INSERT INTO users (name, email, customer_id) VALUES ('Contact', 'contact@schmidt.example', 1)");
    expect(await search(store, 'contact@schmidt.example')).toEqual([1]);
    db.exec('DELETE FROM users');
    expect(await search(store, 'contact@schmidt.example')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM search_users').pluck().get()).toBe(0);
  });
});
