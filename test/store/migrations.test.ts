import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { defaultMigrationsDir } from '../../src-main/store/paths';
import { readJournal } from '../../src-main/store/open';
import { tempStore } from '../support/temp-store';

const migrationsDir = defaultMigrationsDir();

function latestSnapshot() {
  const snapshots = readdirSync(path.join(migrationsDir, 'meta'))
    .filter((f) => f.endsWith('_snapshot.json'))
    .sort();
  return JSON.parse(readFileSync(path.join(migrationsDir, 'meta', snapshots.at(-1)!), 'utf8'));
}

describe('committed migrations', () => {
  it('equal db/schema.ts: drizzle-kit would generate nothing new', async () => {
    const current = await generateSQLiteDrizzleJson(schema as Record<string, unknown>);
    const statements = await generateSQLiteMigration(latestSnapshot(), current);
    expect(statements, 'run `npm run db:generate` and commit the migration').toEqual([]);
  });

  it('have one SQL file and one snapshot for every journal entry', () => {
    const journal = readJournal(migrationsDir);
    for (const entry of journal.entries) {
      expect(readFileSync(path.join(migrationsDir, `${entry.tag}.sql`), 'utf8').length).toBeGreaterThan(0);
      const prefix = entry.tag.split('_')[0];
      expect(readFileSync(path.join(migrationsDir, 'meta', `${prefix}_snapshot.json`), 'utf8')).toContain('"dialect": "sqlite"');
    }
  });

  it('create every table and column of the schema in a fresh store', () => {
    const t = tempStore();
    try {
      const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
      for (const table of tables) {
        const config = getTableConfig(table);
        const columns = (t.store.sqlite.prepare(`PRAGMA table_info(${config.name})`).all() as { name: string }[]).map(
          (c) => c.name,
        );
        expect(columns.sort(), config.name).toEqual(config.columns.map((c) => c.name).sort());
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('the seed data model (004)', () => {
  // Every table of the seed, with every column it names, as KeyHub spells them.
  const seed: Record<string, string[]> = {
    skus: ['id', 'private_key_id', 'vendor_id', 'sku', 'max_domains', 'edit_ownership_duration', 'max_support_contacts', 'change_support_contacts_duration', 'license_duration', 'auto_domain_duration', 'manual_domain_duration', 'can_delete_manual_domains', 'can_delete_auto_domains', 'release_date', 'expiration_date'],
    feature_ids: ['id', 'vendor_id', 'code'],
    sku_feature_ids: ['sku_id', 'feature_id'],
    private_keys: ['id', 'vendor_id', 'display_name', 'private_key_bytes'],
    vendors: ['id', 'name', 'street', 'city', 'region', 'postal', 'country'],
    rights: ['id', 'name'],
    user_object_rights: ['id', 'user_id', 'right_id', 'object_id', 'object_type'],
    users: ['id', 'name', 'email'],
    licenses: ['id', 'sku_id', 'transaction_item_id', 'owner_name', 'purchasing_entity_id', 'owning_entity_id', 'issued', 'expires'],
    apps: ['id', 'display_name'],
    app_keys: ['id', 'app_id'],
    app_licenses: ['license_id', 'app_id'],
    domain_licenses: ['id', 'license_id', 'domain_name', 'issued', 'expires', 'is_automatic', 'license_bytes'],
    packages: ['id', 'vendor_id', 'display_name'],
    package_releases: ['id', 'package_id', 'display_name', 'version', 'stability', 'notes_url', 'download_url', 'release_date'],
    sku_packages: ['id', 'package_id', 'sku_id'],
    app_issues: ['id', 'app_id', 'severity', 'message', 'details', 'time'],
    app_stats: ['id', 'app_id', 'time', 'stat_kind', 'stat_value'],
    app_notification_kinds: ['id', 'kind'],
    user_app_notifications: ['id', 'user_id', 'app_id', 'app_notification_kind_id'],
    transaction_items: ['id', 'sku_id', 'quantity', 'e_item_name', 'e_item_number', 'gross', 'option_name1', 'option_selection1', 'option_name2', 'option_selection2', 'option_name3', 'option_selection3'],
    transactions: ['id', 'raw'],
    customers: ['id', 'kind', 'name', 'email'],
    provider_customers: ['id', 'customer_id', 'provider', 'provider_customer_id'],
    audit_log: ['id', 'actor', 'target_type', 'target_id', 'action', 'details', 'at'],
    payment_logs: ['id', 'transaction_id', 'event_type', 'message', 'data', 'created_at'],
  };

  it('has every seed table and column', () => {
    const t = tempStore();
    try {
      for (const [table, wanted] of Object.entries(seed)) {
        const columns = (t.store.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
        expect(columns, table).toEqual(expect.arrayContaining(wanted));
      }
    } finally {
      t.cleanup();
    }
  });

  it('makes nullable exactly the SKU columns the seed marks n', () => {
    const t = tempStore();
    try {
      const info = t.store.sqlite.prepare('PRAGMA table_info(skus)').all() as { name: string; notnull: number }[];
      const nullable = info.filter((c) => c.notnull === 0).map((c) => c.name).sort();
      // The seed's n columns, plus KeyHub's own optional name, the key a SKU gets later and a subscription's grace.
      expect(nullable).toEqual(
        ['max_domains', 'edit_ownership_duration', 'max_support_contacts', 'change_support_contacts_duration', 'license_duration', 'auto_domain_duration', 'manual_domain_duration', 'release_date', 'expiration_date', 'name', 'private_key_id', 'subscription_grace_days'].sort(),
      );
    } finally {
      t.cleanup();
    }
  });
});
