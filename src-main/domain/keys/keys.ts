/** Signing keys: per vendor, sealed at rest, public parts shown freely. */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { privateKeys, skus, vendors } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import { publicKeyFromSeed, SEED_BYTES } from '../../license/ed25519';
import { toBase64, toHex, fromBase64 } from '../../license/verifier/encoding';
import { fingerprintOf } from '../../license/verifier/key-id';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { countCorrelated } from '../catalog/common';
import { skuRefColumns } from '../catalog/skus';
import { requireVendor } from '../catalog/vendors';
import type { Deleted } from '../catalog/types';
import { parseSecretKey } from './key-material';
import { publicKeySnippets } from './public-forms';
import type { SigningKeyDetail, SigningKeyRow } from './types';
import type { KeyVault } from './vault';

const signedCount = sql<number>`${sql.raw(
  '((SELECT count(*) FROM licenses WHERE licenses.signing_key_id = private_keys.id)' +
    ' + (SELECT count(*) FROM domain_licenses WHERE domain_licenses.signing_key_id = private_keys.id))',
)}`;

const rowColumns = {
  id: privateKeys.id,
  vendorId: privateKeys.vendorId,
  vendorName: vendors.name,
  displayName: privateKeys.displayName,
  fingerprint: privateKeys.fingerprint,
  publicKey: privateKeys.publicKey,
  createdAt: privateKeys.createdAt,
  retiredAt: privateKeys.retiredAt,
  skuCount: countCorrelated('skus', 'skus.private_key_id', 'private_keys.id'),
  signedCount,
};

function selectRows(db: Db) {
  return db.select(rowColumns).from(privateKeys).innerJoin(vendors, eq(vendors.id, privateKeys.vendorId));
}

export function listKeys(db: Db, input: ParsedInput<'key.list'>): SigningKeyRow[] {
  return selectRows(db)
    .where(
      and(
        input.vendorId ? eq(privateKeys.vendorId, input.vendorId) : undefined,
        input.includeRetired ? undefined : isNull(privateKeys.retiredAt),
      ),
    )
    .orderBy(asc(sql`${vendors.name} COLLATE NOCASE`), asc(privateKeys.retiredAt), asc(privateKeys.id))
    .all();
}

export function getKeyRow(db: Db, id: number): SigningKeyRow {
  const row = selectRows(db).where(eq(privateKeys.id, id)).get();
  if (!row) throw notFound('Signing key', id);
  return row;
}

export function getKey(db: Db, id: number): SigningKeyDetail {
  const row = getKeyRow(db, id);
  const usedBy = db.select(skuRefColumns(nowUtc())).from(skus).where(eq(skus.privateKeyId, id)).orderBy(asc(skus.sku)).all();
  return {
    ...row,
    publicKeyHex: toHex(fromBase64(row.publicKey)!),
    skus: usedBy,
    snippets: publicKeySnippets(row.publicKey, row.fingerprint),
  };
}

/** Stores a seed sealed under the vault; refuses a key this store already holds. */
export function insertKey(db: Db, vault: KeyVault, vendorId: number, displayName: string, seed: Uint8Array): number {
  const publicKey = publicKeyFromSeed(seed);
  const fingerprint = fingerprintOf(publicKey);
  const existing = db.select({ id: privateKeys.id, displayName: privateKeys.displayName }).from(privateKeys).where(eq(privateKeys.fingerprint, fingerprint)).get();
  if (existing) {
    throw new KeyHubError('CONFLICT', `This key is already here as "${existing.displayName}" (key ${existing.id}, id ${fingerprint}).`, {
      id: existing.id,
      fields: { secret: 'This key is already in KeyHub.' },
    });
  }
  return db
    .insert(privateKeys)
    .values({ vendorId, displayName, privateKeyBytes: vault.seal(seed), publicKey: toBase64(publicKey), fingerprint })
    .returning({ id: privateKeys.id })
    .get().id;
}

export function generateKey(db: Db, vault: KeyVault, actor: string, input: ParsedInput<'key.generate'>): SigningKeyDetail {
  const seed = new Uint8Array(randomBytes(SEED_BYTES));
  try {
    return addKey(db, vault, actor, input.vendorId, input.displayName, seed, 'key.generate');
  } finally {
    seed.fill(0);
  }
}

export function importKey(db: Db, vault: KeyVault, actor: string, input: ParsedInput<'key.import'>): SigningKeyDetail {
  const seed = parseSecretKey(input.secret);
  try {
    return addKey(db, vault, actor, input.vendorId, input.displayName, seed, 'key.import');
  } finally {
    seed.fill(0);
  }
}

function addKey(db: Db, vault: KeyVault, actor: string, vendorId: number, displayName: string, seed: Uint8Array, action: string) {
  return db.transaction((tx) => {
    requireVendor(tx, vendorId);
    const id = insertKey(tx, vault, vendorId, displayName, seed);
    const key = getKey(tx, id);
    recordAudit(tx, { actor, targetType: 'private_key', targetId: id, action, details: { vendorId, displayName, fingerprint: key.fingerprint } });
    return key;
  });
}

export function renameKey(db: Db, actor: string, input: ParsedInput<'key.update'>): SigningKeyDetail {
  return db.transaction((tx) => {
    const before = getKeyRow(tx, input.id);
    tx.update(privateKeys).set({ displayName: input.displayName }).where(eq(privateKeys.id, input.id)).run();
    recordAudit(tx, { actor, targetType: 'private_key', targetId: input.id, action: 'key.rename', details: { before: before.displayName, after: input.displayName } });
    return getKey(tx, input.id);
  });
}

/** Only a key that signed nothing and no SKU uses: anything else is kept for verifying. */
export function deleteKey(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const key = getKeyRow(tx, id);
    if (key.skuCount > 0 || key.signedCount > 0) {
      throw new KeyHubError(
        'IN_USE',
        `Key "${key.displayName}" is used by ${key.skuCount} SKU(s) and signed ${key.signedCount} license file(s); it is kept so those files can still be verified. Rotate the SKUs to another key instead.`,
      );
    }
    tx.delete(privateKeys).where(eq(privateKeys.id, id)).run();
    recordAudit(tx, { actor, targetType: 'private_key', targetId: id, action: 'key.delete', details: { fingerprint: key.fingerprint, displayName: key.displayName } });
    return { id, deleted: true as const };
  });
}

/** Marks a key retired once nothing issues with it any more. */
export function retireIfUnused(db: Db, actor: string, id: number): boolean {
  const key = getKeyRow(db, id);
  if (key.retiredAt || key.skuCount > 0) return false;
  db.update(privateKeys).set({ retiredAt: nowUtc() }).where(eq(privateKeys.id, id)).run();
  recordAudit(db, { actor, targetType: 'private_key', targetId: id, action: 'key.retire', details: { fingerprint: key.fingerprint } });
  return true;
}

export function requireVendorKey(db: Db, vendorId: number, keyId: number, field: string) {
  const key = getKeyRow(db, keyId);
  if (key.vendorId !== vendorId) throw invalidField(field, `Signing key "${key.displayName}" belongs to ${key.vendorName}, not this SKU's vendor.`);
  if (key.retiredAt) throw invalidField(field, `Signing key "${key.displayName}" is retired; choose a current key.`);
  return key;
}
