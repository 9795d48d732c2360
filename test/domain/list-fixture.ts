/**
 * Rows for the list, search, dashboard and export tests, written straight into the
 * store with exact dates and states (issuing is tested elsewhere; these tests are about
 * finding, counting and sorting what is there).
 */
import { addDays, nowUtc } from '../../src-main/shared/time';
import type { TempStore } from '../support/temp-store';

export const daysFromNow = (days: number) => addDays(nowUtc(), days);

export interface LicenseRowInput {
  skuId: number;
  owner: string;
  issued?: string;
  expires?: string | null;
  status?: 'active' | 'suspended' | 'revoked';
  owningEntityId?: number | null;
  purchasingEntityId?: number | null;
}

export interface Seeded {
  vendorId: number;
  otherVendorId: number;
  /** Codes: alpha (vendor 1), Beta (vendor 1), gamma (vendor 2). */
  skus: { alpha: number; beta: number; gamma: number };
}

export function seedCatalog(t: TempStore): Seeded {
  const run = (sql: string, ...p: unknown[]) => Number(t.store.sqlite.prepare(sql).run(...p).lastInsertRowid);
  const vendorId = run("INSERT INTO vendors (name) VALUES ('Imazen')");
  const otherVendorId = run("INSERT INTO vendors (name) VALUES ('Northwind')");
  const sku = (vendor: number, code: string) => run('INSERT INTO skus (vendor_id, sku) VALUES (?, ?)', vendor, code);
  return { vendorId, otherVendorId, skus: { alpha: sku(vendorId, 'alpha'), beta: sku(vendorId, 'Beta'), gamma: sku(otherVendorId, 'gamma') } };
}

export function insertLicense(t: TempStore, l: LicenseRowInput): number {
  return Number(
    t.store.sqlite
      .prepare(
        'INSERT INTO licenses (sku_id, owner_name, issued, expires, status, owning_entity_id, purchasing_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(l.skuId, l.owner, l.issued ?? daysFromNow(-10), l.expires === undefined ? null : l.expires, l.status ?? 'active', l.owningEntityId ?? null, l.purchasingEntityId ?? null).lastInsertRowid,
  );
}

export function insertDomain(t: TempStore, d: { licenseId: number; domain: string; issued?: string; expires?: string | null; automatic?: boolean }): number {
  return Number(
    t.store.sqlite
      .prepare('INSERT INTO domain_licenses (license_id, domain_name, issued, expires, is_automatic) VALUES (?, ?, ?, ?, ?)')
      .run(d.licenseId, d.domain, d.issued ?? daysFromNow(-10), d.expires === undefined ? null : d.expires, d.automatic ? 1 : 0).lastInsertRowid,
  );
}

export function insertCustomer(t: TempStore, name: string, email: string | null = null): number {
  return Number(t.store.sqlite.prepare("INSERT INTO customers (kind, name, email) VALUES ('organization', ?, ?)").run(name, email).lastInsertRowid);
}

export function insertContact(t: TempStore, customerId: number, name: string, email: string): number {
  return Number(t.store.sqlite.prepare('INSERT INTO users (name, email, customer_id) VALUES (?, ?, ?)').run(name, email, customerId).lastInsertRowid);
}

export function insertApp(t: TempStore, id: string, licenseIds: number[], keys: string[] = []): void {
  const db = t.store.sqlite;
  db.prepare('INSERT INTO apps (id, display_name) VALUES (?, ?)').run(id, `App ${id.slice(0, 8)}`);
  for (const licenseId of licenseIds) db.prepare('INSERT INTO app_licenses (license_id, app_id) VALUES (?, ?)').run(licenseId, id);
  for (const key of keys) db.prepare('INSERT INTO app_keys (id, app_id) VALUES (?, ?)').run(key, id);
}

/** Many plain licenses at once (for caps and paging). */
export function insertManyLicenses(t: TempStore, skuId: number, count: number, owner = (i: number) => `Bulk Owner ${i}`): void {
  const insert = t.store.sqlite.prepare("INSERT INTO licenses (sku_id, owner_name, issued, status) VALUES (?, ?, ?, 'active')");
  const issued = daysFromNow(-1);
  t.store.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(skuId, owner(i), issued);
  })();
}
