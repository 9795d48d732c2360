/**
 * Rows the people and audit tests need from other areas (licenses, apps, transactions),
 * written straight into the store so these tests do not depend on how those are issued.
 */
import type Database from 'better-sqlite3';

export const APP_ID = '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01';

export interface LicenseFixture {
  skuId: number;
  ownerName: string;
  owningEntityId?: number | null;
  purchasingEntityId?: number | null;
}

export function insertLicense(sqlite: Database.Database, l: LicenseFixture): number {
  const info = sqlite
    .prepare(
      `INSERT INTO licenses (sku_id, owner_name, owning_entity_id, purchasing_entity_id, issued)
       VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    )
    .run(l.skuId, l.ownerName, l.owningEntityId ?? null, l.purchasingEntityId ?? null);
  return Number(info.lastInsertRowid);
}

export function insertApp(sqlite: Database.Database, id: string, displayName: string): string {
  sqlite.prepare('INSERT INTO apps (id, display_name) VALUES (?, ?)').run(id, displayName);
  return id;
}

export function insertTransaction(sqlite: Database.Database, customerId: number): number {
  const info = sqlite
    .prepare(
      `INSERT INTO transactions (provider, provider_txn_id, status, customer_id, currency, gross, payment_date, raw_format, raw)
       VALUES ('paypal', ?, 'confirmed', ?, 'USD', 24900, '2012-07-18T09:51:26.000Z', 'ipn', 'txn_id=x')`,
    )
    .run(`6MF63406U${customerId}`, customerId);
  return Number(info.lastInsertRowid);
}

export function addSupportContact(sqlite: Database.Database, licenseId: number, userId: number): void {
  sqlite.prepare('INSERT INTO license_support_contacts (license_id, user_id) VALUES (?, ?)').run(licenseId, userId);
}

export function subscribe(sqlite: Database.Database, userId: number, appId: string, kind: string): void {
  sqlite
    .prepare('INSERT INTO user_app_notifications (user_id, app_id, app_notification_kind_id) SELECT ?, ?, id FROM app_notification_kinds WHERE kind = ?')
    .run(userId, appId, kind);
}

export function auditRows(sqlite: Database.Database, targetType: string, targetId: string | number) {
  return (
    sqlite
      .prepare('SELECT actor, action, details FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY id')
      .all(targetType, String(targetId)) as Array<{ actor: string; action: string; details: string }>
  ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
