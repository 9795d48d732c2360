/**
 * The store's own rules, checked with raw SQL so they hold whatever code writes:
 * CHECKs, unique keys and each relation's ON DELETE rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
const run = (sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).run(...params);
const one = <T>(sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).get(...params) as T;

beforeEach(() => {
  t = tempStore();
  run(`INSERT INTO vendors (id, name) VALUES (1, 'Imazen'), (2, 'Other')`);
  run(`INSERT INTO skus (id, vendor_id, sku) VALUES (10, 1, 'R3Bundle1Ent')`);
  run(`INSERT INTO feature_ids (id, vendor_id, code) VALUES (20, 1, 'R3.Core')`);
  run(`INSERT INTO sku_feature_ids (sku_id, feature_id) VALUES (10, 20)`);
});
afterEach(() => t.cleanup());

describe('CHECK constraints', () => {
  it.each([
    'max_domains',
    'edit_ownership_duration',
    'max_support_contacts',
    'change_support_contacts_duration',
    'license_duration',
    'auto_domain_duration',
    'manual_domain_duration',
  ])('refuse a negative SKU %s', (column) => {
    expect(() => run(`UPDATE skus SET ${column} = -1 WHERE id = 10`)).toThrow(/CHECK constraint failed/);
    expect(() => run(`UPDATE skus SET ${column} = 0 WHERE id = 10`)).not.toThrow();
  });

  it('refuse a SKU that expires before it is released', () => {
    expect(() =>
      run(`UPDATE skus SET release_date = '2026-01-01T00:00:00.000Z', expiration_date = '2025-12-31T00:00:00.000Z' WHERE id = 10`),
    ).toThrow(/skus_expiration_after_release/);
    expect(() =>
      run(`UPDATE skus SET release_date = '2026-01-01T00:00:00.000Z', expiration_date = '2026-01-01T00:00:00.000Z' WHERE id = 10`),
    ).toThrow(/skus_expiration_after_release/);
  });

  it('refuse a license or domain license that expires before it is issued', () => {
    run(`INSERT INTO licenses (id, sku_id, owner_name, issued) VALUES (1, 10, 'Kathrin Fretz', '2026-01-01T00:00:00.000Z')`);
    expect(() => run(`UPDATE licenses SET expires = '2025-01-01T00:00:00.000Z' WHERE id = 1`)).toThrow(/licenses_expires_after_issued/);
    expect(() =>
      run(`INSERT INTO domain_licenses (license_id, domain_name, issued, expires, is_automatic) VALUES (1, 'example.com', '2026-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 0)`),
    ).toThrow(/domain_licenses_expires_after_issued/);
  });

  it('refuse a release stability outside 0 (stable) … 4 (preview)', () => {
    run(`INSERT INTO packages (id, vendor_id, display_name) VALUES (30, 1, 'Resizer')`);
    const insert = (stability: number) =>
      run(`INSERT INTO package_releases (package_id, display_name, version, stability, release_date) VALUES (30, 'R', ?, ?, '2026-01-01T00:00:00.000Z')`, `v${stability}`, stability);
    expect(() => insert(5)).toThrow(/CHECK constraint failed/);
    expect(() => insert(-1)).toThrow(/CHECK constraint failed/);
    expect(() => insert(4)).not.toThrow();
  });

  it('keep money in integer minor units with a 3-letter currency', () => {
    expect(() => run(`INSERT INTO sku_prices (sku_id, amount, currency, interval) VALUES (10, -1, 'USD', 'year')`)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO sku_prices (sku_id, amount, currency, interval) VALUES (10, 24900, 'usd', 'year')`)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO sku_prices (sku_id, amount, currency, interval) VALUES (10, 24900, 'USD', 'fortnight')`)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO sku_prices (sku_id, amount, currency, interval) VALUES (10, 24900, 'USD', 'year')`)).not.toThrow();
  });
});

describe('lengths and codes', () => {
  it('keep the seed postal fields to 256 characters', () => {
    expect(() => run(`UPDATE vendors SET city = ? WHERE id = 1`, 'x'.repeat(257))).toThrow(/vendors_city_len/);
    expect(() => run(`UPDATE vendors SET city = ? WHERE id = 1`, 'x'.repeat(256))).not.toThrow();
  });

  it('keep transaction currencies to three upper-case letters', () => {
    const insert = (currency: string) =>
      run(`INSERT INTO transactions (provider, provider_txn_id, status, currency, gross, payment_date, raw_format, raw) VALUES ('paypal', ?, 'confirmed', ?, 100, '2012-07-18T09:51:26.000Z', 'ipn', 'x')`, currency, currency);
    expect(() => insert('usd')).toThrow(/transactions_currency_iso/);
    expect(() => insert('123')).toThrow(/transactions_currency_iso/);
    expect(() => insert('US')).toThrow(/transactions_currency_iso/);
    expect(() => insert('USD')).not.toThrow();
  });
});

describe('unique keys', () => {
  it('ignore case for SKU codes within a vendor (provider items map to them)', () => {
    expect(() => run(`INSERT INTO skus (vendor_id, sku) VALUES (1, 'r3bundle1ent')`)).toThrow(/UNIQUE/);
  });

  it('make a SKU code unique per vendor, not globally', () => {
    expect(() => run(`INSERT INTO skus (vendor_id, sku) VALUES (1, 'R3Bundle1Ent')`)).toThrow(/UNIQUE/);
    expect(() => run(`INSERT INTO skus (vendor_id, sku) VALUES (2, 'R3Bundle1Ent')`)).not.toThrow();
  });

  it('make a feature code unique per vendor, not globally', () => {
    expect(() => run(`INSERT INTO feature_ids (vendor_id, code) VALUES (1, 'R3.Core')`)).toThrow(/UNIQUE/);
    expect(() => run(`INSERT INTO feature_ids (vendor_id, code) VALUES (2, 'R3.Core')`)).not.toThrow();
  });

  it('make a provider transaction id unique per provider', () => {
    const insert = (provider: string) =>
      run(`INSERT INTO transactions (provider, provider_txn_id, status, currency, gross, payment_date, raw_format, raw) VALUES (?, '6MF63406U4306732Y', 'confirmed', 'USD', 24900, '2012-07-18T09:51:26.000Z', 'ipn', 'x')`, provider);
    insert('paypal');
    expect(() => insert('paypal')).toThrow(/UNIQUE/);
    expect(() => insert('ejunkie')).not.toThrow();
  });
});

describe('ON DELETE rules', () => {
  it('RESTRICT: a vendor with SKUs cannot be deleted', () => {
    expect(() => run(`DELETE FROM vendors WHERE id = 1`)).toThrow(/FOREIGN KEY/);
  });

  it('RESTRICT: a SKU with licenses cannot be deleted', () => {
    run(`INSERT INTO licenses (sku_id, owner_name, issued) VALUES (10, 'Kathrin Fretz', '2026-01-01T00:00:00.000Z')`);
    expect(() => run(`DELETE FROM skus WHERE id = 10`)).toThrow(/FOREIGN KEY/);
  });

  it('RESTRICT: a feature code in a SKU cannot be deleted; CASCADE: deleting the SKU drops the link', () => {
    expect(() => run(`DELETE FROM feature_ids WHERE id = 20`)).toThrow(/FOREIGN KEY/);
    run(`DELETE FROM skus WHERE id = 10`);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM sku_feature_ids`).n).toBe(0);
    expect(() => run(`DELETE FROM feature_ids WHERE id = 20`)).not.toThrow();
  });

  it("CASCADE: a license's domain licenses and app links go with it", () => {
    run(`INSERT INTO licenses (id, sku_id, owner_name, issued) VALUES (1, 10, 'Kathrin Fretz', '2026-01-01T00:00:00.000Z')`);
    run(`INSERT INTO domain_licenses (license_id, domain_name, issued, is_automatic) VALUES (1, 'example.com', '2026-01-01T00:00:00.000Z', 0)`);
    run(`INSERT INTO apps (id, display_name) VALUES ('3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'Shop')`);
    run(`INSERT INTO app_licenses (license_id, app_id) VALUES (1, '3f2504e0-4f89-11d3-9a0c-0305e82c3301')`);
    run(`DELETE FROM licenses WHERE id = 1`);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM domain_licenses`).n).toBe(0);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM app_licenses`).n).toBe(0);
  });

  it('SET NULL: the audit log outlives the user who acted', () => {
    run(`INSERT INTO users (id, name, email) VALUES (5, 'Ana', 'ana@example.com')`);
    run(`INSERT INTO audit_log (actor_user_id, actor, target_type, target_id, action) VALUES (5, 'Ana', 'sku', '10', 'sku.update')`);
    run(`DELETE FROM users WHERE id = 5`);
    expect(one(`SELECT actor_user_id, actor FROM audit_log`)).toEqual({ actor_user_id: null, actor: 'Ana' });
  });

  it('CASCADE: an app takes its keys, issues and stats with it', () => {
    run(`INSERT INTO apps (id, display_name) VALUES ('a1', 'Shop')`);
    run(`INSERT INTO app_keys (id, app_id) VALUES ('k1', 'a1')`);
    run(`INSERT INTO app_issues (app_id, severity, message, time) VALUES ('a1', 'error', 'boom', '2026-01-01T00:00:00.000Z')`);
    run(`INSERT INTO app_stats (app_id, time, stat_kind, stat_value) VALUES ('a1', '2026-01-01T00:00:00.000Z', 1, 42)`);
    run(`DELETE FROM apps WHERE id = 'a1'`);
    for (const table of ['app_keys', 'app_issues', 'app_stats']) {
      expect(one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n, table).toBe(0);
    }
  });
});
