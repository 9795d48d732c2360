/**
 * Migration 0007 (Stripe sync): a store written before it upgrades with its SKUs,
 * licenses and sales intact, the new SKU grace column starts empty and refuses negatives,
 * and the sync's tables are there.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, readJournal, type Store } from '../../src-main/store/open';
import { defaultMigrationsDir } from '../../src-main/store/paths';
import { tempDir } from '../support/temp-store';

function migrationsBefore(tag: string): string {
  const dir = path.join(tempDir('keyhub-migrations-'), 'migrations');
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === tag));
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('migration 0007 (Stripe sync)', () => {
  it('upgrades a store with SKUs, licenses and sales, keeping them, and adds the grace column that refuses negatives', () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir, migrationsDir: migrationsBefore('0007_stripe_sync') });
    const db = old.sqlite;
    db.exec(`
      INSERT INTO vendors (name) VALUES ('Imazen');
      INSERT INTO skus (vendor_id, sku, name, license_duration, max_domains) VALUES (1, 'R3', 'Resizer 3', 365, 3), (1, 'R4', NULL, NULL, NULL);
      INSERT INTO customers (kind, name) VALUES ('person', 'Ann Lee');
      INSERT INTO transactions (provider, provider_txn_id, status, customer_id, currency, gross, payment_date, raw_format, raw)
        VALUES ('paypal', 'TXN1', 'confirmed', 1, 'USD', 4900, '2026-01-01T00:00:00.000Z', 'ipn', 'txn_id=TXN1');
      INSERT INTO transaction_items (transaction_id, sku_id, provider_item_id, quantity) VALUES (1, 1, 'TXN1#1', 1);
      INSERT INTO licenses (sku_id, transaction_item_id, owner_name, owning_entity_id, issued, expires) VALUES (1, 1, 'Ann Lee', 1, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
      INSERT INTO fulfilments (provider, provider_item_id, unit, transaction_item_id, license_id) VALUES ('paypal', 'TXN1#1', 1, 1, 1);
    `);
    const skusBefore = db.prepare('SELECT * FROM skus ORDER BY id').all();
    const licensesBefore = db.prepare('SELECT * FROM licenses ORDER BY id').all();
    const fulfilmentsBefore = db.prepare('SELECT * FROM fulfilments ORDER BY id').all();
    old.close();

    const store = openStore({ dataDir });
    opened.push(store);
    expect(store.schemaVersion).toBe(readJournal(defaultMigrationsDir()).entries.length);
    const sqlite = store.sqlite;
    const skus = sqlite.prepare('SELECT * FROM skus ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(skus.map(({ subscription_grace_days: grace, ...rest }) => ({ rest, grace }))).toEqual(
      (skusBefore as Array<Record<string, unknown>>).map((rest) => ({ rest, grace: null })),
    );
    expect(sqlite.prepare('SELECT * FROM licenses ORDER BY id').all()).toEqual(licensesBefore);
    expect(sqlite.prepare('SELECT * FROM fulfilments ORDER BY id').all()).toEqual(fulfilmentsBefore);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    sqlite.prepare('UPDATE skus SET subscription_grace_days = 7 WHERE id = 1').run();
    expect(() => sqlite.prepare('UPDATE skus SET subscription_grace_days = -1 WHERE id = 2').run()).toThrow(/CHECK constraint failed: skus_subscription_grace_days_nonneg/);
    expect(sqlite.prepare('SELECT sku, subscription_grace_days AS grace FROM skus ORDER BY id').all()).toEqual([
      { sku: 'R3', grace: 7 },
      { sku: 'R4', grace: null },
    ]);

    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['stripe_objects', 'subscriptions', 'subscription_items', 'sync_cursors', 'sync_events', 'sync_runs', 'sync_errors', 'provider_secrets']));
  });
});
