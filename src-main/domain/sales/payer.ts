/**
 * The customer behind a payer: found by email first (case-insensitive, the oldest
 * customer with it), then by the provider's payer id; created when neither finds one.
 * The payer id is linked to the customer either way, so the next sync finds it.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../store/statements';
import { recordAuditFast } from '../audit/audit';
import type { Payer } from './types';

const MAX_NAME = 1024;

/** "Fretz Photography", else "Kathrin Fretz", else the email, else the payer id. */
export function payerName(payer: Payer): string | null {
  const person = [payer.firstName, payer.lastName].filter((p) => p && p.trim()).join(' ').trim();
  return payer.businessName?.trim() || person || payer.email || payer.payerId || null;
}

/**
 * The license owner for a purchase: the business name, else the payer's own name, else
 * the customer's name, else the email or payer id. OWNER_NAME_SQL is the same order for
 * purchases read back from the store (a pending one completed later, a mapping, a retry).
 */
export function ownerNameOf(payer: Payer, customerName: () => string | null): string {
  const person = [payer.firstName, payer.lastName].filter((p) => p && p.trim()).join(' ').trim();
  return payer.businessName?.trim() || person || customerName() || payer.email || payer.payerId || 'Unknown buyer';
}

/** ownerNameOf over `transactions t LEFT JOIN customers c`. */
export const OWNER_NAME_SQL = `coalesce(nullif(trim(t.payer_business_name), ''), nullif(trim(coalesce(t.payer_first_name, '') || ' ' || coalesce(t.payer_last_name, '')), ''), c.name, t.payer_email, t.payer_id, 'Unknown buyer')`;

export function findOrCreateCustomer(sqlite: Database.Database, actor: string, provider: string, payer: Payer): number | null {
  let id: number | undefined;
  if (payer.email) {
    id = (statement(sqlite, 'SELECT id FROM customers WHERE lower(email) = lower(?) ORDER BY id LIMIT 1').get(payer.email) as { id: number } | undefined)?.id;
  }
  if (id === undefined && payer.payerId) {
    id = (
      statement(sqlite, 'SELECT customer_id AS id FROM provider_customers WHERE provider = ? AND provider_customer_id = ?').get(provider, payer.payerId) as
        | { id: number }
        | undefined
    )?.id;
  }
  if (id === undefined) {
    const name = payerName(payer);
    if (name === null) return null;
    const kind = payer.businessName?.trim() ? 'organization' : 'person';
    id = Number(
      statement(sqlite, 'INSERT INTO customers (kind, name, email, country) VALUES (?, ?, ?, ?)').run(kind, name.slice(0, MAX_NAME), payer.email, payer.country)
        .lastInsertRowid,
    );
    recordAuditFast(sqlite, { actor, targetType: 'customer', targetId: id, action: 'customer.create', details: { name, kind, from: { provider, payerId: payer.payerId } } });
  }
  if (payer.payerId) {
    statement(sqlite, 'INSERT OR IGNORE INTO provider_customers (customer_id, provider, provider_customer_id) VALUES (?, ?, ?)').run(id, provider, payer.payerId);
  }
  return id;
}
