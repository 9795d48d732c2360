/**
 * Shared setup for the license lifecycle and domain-license tests: a vendor with an
 * unlocked signing key and a SKU with chosen rules; customers, users and apps written
 * straight into the store (their own methods are tested elsewhere).
 */
import { randomUUID } from 'node:crypto';
import type { MethodInput } from '../../src-main/api/contract';
import { readArmor, readFields, type LicenseClaims } from '../../src-main/license/verifier';
import { addDays, nowUtc } from '../../src-main/shared/time';
import type { TempStore } from '../support/temp-store';

export const PASS = 'correct horse battery';

export interface Licensing {
  vendorId: number;
  key: { id: number; publicKey: string; fingerprint: string };
  featureId: number;
  /** A SKU of this vendor with the key and the feature, plus these rules. */
  sku(rules?: Partial<MethodInput<'sku.create'>>): Promise<number>;
}

export async function licensing(t: TempStore): Promise<Licensing> {
  const vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
  await t.call('vault.setup', { passphrase: PASS });
  const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
  const featureId = (await t.call('feature.create', { vendorId, code: 'R_Elite' })).id;
  let n = 0;
  return {
    vendorId,
    key,
    featureId,
    sku: async (rules = {}) => (await t.call('sku.create', { vendorId, sku: `R${++n}`, privateKeyId: key.id, featureIds: [featureId], ...rules })).id,
  };
}

export const rows = (t: TempStore, sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).all(...params) as Array<Record<string, unknown>>;
export const one = (t: TempStore, sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).get(...params) as Record<string, unknown>;
export const run = (t: TempStore, sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).run(...params);

export function addCustomer(t: TempStore, name: string): number {
  return Number(run(t, "INSERT INTO customers (kind, name) VALUES ('organization', ?)", name).lastInsertRowid);
}

export function addUser(t: TempStore, name: string): number {
  return Number(run(t, 'INSERT INTO users (name, email) VALUES (?, ?)', name, `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`).lastInsertRowid);
}

export function addApp(t: TempStore, name: string): string {
  const id = randomUUID();
  run(t, 'INSERT INTO apps (id, display_name) VALUES (?, ?)', id, name);
  return id;
}

/** The claims of a stored or returned file (read without the slow signature check). */
export function claimsOf(file: string | Buffer | Uint8Array): LicenseClaims {
  const armor = readArmor(typeof file === 'string' ? file : new Uint8Array(file));
  if (!armor.ok) throw new Error(armor.message);
  const fields = readFields(armor.armored.fields);
  if (!fields.ok) throw new Error(fields.message);
  return fields.claims;
}

export const licenseFileOf = (t: TempStore, id: number) => claimsOf(one(t, 'SELECT license_bytes AS b FROM licenses WHERE id = ?', id).b as Buffer);
export const domainFileOf = (t: TempStore, id: number) => claimsOf(one(t, 'SELECT license_bytes AS b FROM domain_licenses WHERE id = ?', id).b as Buffer);

/** Moves a license's issue (and expiry, when given) into the past or future, as if time had passed. */
export function setLicenseDates(t: TempStore, id: number, dates: { issued?: string; expires?: string | null }): void {
  if (dates.issued !== undefined) run(t, 'UPDATE licenses SET issued = ? WHERE id = ?', dates.issued, id);
  if (dates.expires !== undefined) run(t, 'UPDATE licenses SET expires = ? WHERE id = ?', dates.expires, id);
}

export function setDomainDates(t: TempStore, id: number, dates: { issued?: string; expires?: string | null }): void {
  if (dates.issued !== undefined) run(t, 'UPDATE domain_licenses SET issued = ? WHERE id = ?', dates.issued, id);
  if (dates.expires !== undefined) run(t, 'UPDATE domain_licenses SET expires = ? WHERE id = ?', dates.expires, id);
}

export const daysFromNow = (days: number) => addDays(nowUtc(), days);
export const DAY = 86_400_000;

/** Every row of every table this area writes, to prove a refusal changed nothing. */
export function snapshot(t: TempStore): string {
  return JSON.stringify(
    ['licenses', 'domain_licenses', 'license_support_contacts', 'app_licenses', 'audit_log'].map((table) =>
      rows(t, `SELECT * FROM ${table} ORDER BY rowid`).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v]))),
    ),
  );
}
