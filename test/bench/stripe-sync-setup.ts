/**
 * The Stripe sync bench's store: a vendor with an unlocked signing key and the SKUs the
 * bench account's `keyhub_sku` metadata names (stripe-account.ts), as a vendor selling
 * through Stripe would have; what the store holds after a sync; and per-table write
 * counts for one connection (temporary triggers: they see only that connection's writes).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import type { ApiContext } from '../../src-main/api/dispatch';
import { BENCH_GRACE_DAYS, BENCH_STRIPE_SKUS } from './stripe-account';
import { BENCH_PASSPHRASE, call } from './ipn-setup';

export async function prepareStripeStore(ctx: ApiContext): Promise<void> {
  await call(ctx, 'vault.setup', { passphrase: BENCH_PASSPHRASE });
  const vendorId = (await call(ctx, 'vendor.create', { name: 'Northwind Software' })).id;
  const privateKeyId = (await call(ctx, 'key.generate', { vendorId, displayName: 'Main signing key' })).id;
  for (const sku of BENCH_STRIPE_SKUS.filter((s) => s.mappedOn)) {
    await call(ctx, 'sku.create', { vendorId, sku: sku.sku, name: sku.name, privateKeyId, maxDomains: 3 });
    await call(ctx, 'sku.create', { vendorId, sku: `${sku.sku}-M`, name: `${sku.name} (monthly)`, privateKeyId, maxDomains: 3, subscriptionGraceDays: BENCH_GRACE_DAYS });
  }
}

export interface StoreTotals {
  stripeObjects: Record<string, number>;
  transactions: number;
  licenses: number;
  revokedLicenses: number;
  subscriptions: number;
  /** Of the run. */
  syncErrors: number;
  firstSyncError: string | null;
}

/** What a sync left in the store, and the errors of its run (read-only, beside the sync's process). */
export function storeTotals(dataDir: string, runId: number): StoreTotals {
  const db = new Database(path.join(dataDir, 'keyhub.db'), { readonly: true });
  try {
    const number = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    const byType = db.prepare('SELECT type, count(*) AS n FROM stripe_objects GROUP BY type').all() as Array<{ type: string; n: number }>;
    const firstError = db.prepare('SELECT object_id AS id, reason FROM sync_errors WHERE run_id = ? ORDER BY id LIMIT 1').get(runId) as { id: string | null; reason: string } | undefined;
    return {
      stripeObjects: Object.fromEntries(byType.map((row) => [row.type, row.n])),
      transactions: number("SELECT count(*) AS n FROM transactions WHERE provider = 'stripe'"),
      licenses: number('SELECT count(*) AS n FROM licenses'),
      revokedLicenses: number("SELECT count(*) AS n FROM licenses WHERE status = 'revoked'"),
      subscriptions: number('SELECT count(*) AS n FROM subscriptions'),
      syncErrors: number('SELECT count(*) AS n FROM sync_errors WHERE run_id = ?', runId),
      firstSyncError: firstError ? `${firstError.id ?? '?'}: ${firstError.reason}` : null,
    };
  } finally {
    db.close();
  }
}

/**
 * Counts the rows each table gets inserted, updated or deleted on this connection from
 * now on (TEMP triggers, so other connections and the file are untouched).
 */
export function countTableWrites(sqlite: Database.Database): { read(): Record<string, number> } {
  const tables = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string; sql: string | null }>;
  const virtual = tables.filter((t) => /^CREATE VIRTUAL/i.test(t.sql ?? '')).map((t) => t.name);
  const counted = tables.map((t) => t.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  sqlite.exec('CREATE TEMP TABLE bench_table_writes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  for (const name of counted) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const bump = `INSERT INTO temp.bench_table_writes (tbl, n) VALUES ('${name}', 1) ON CONFLICT (tbl) DO UPDATE SET n = n + 1;`;
      sqlite.exec(`CREATE TEMP TRIGGER "bench_${name}_${op.toLowerCase()}" AFTER ${op} ON main."${name}" BEGIN ${bump} END`);
    }
  }
  return {
    read: () => Object.fromEntries((sqlite.prepare('SELECT tbl, n FROM temp.bench_table_writes ORDER BY tbl').all() as Array<{ tbl: string; n: number }>).map((r) => [r.tbl, r.n])),
  };
}
