/**
 * Encrypted backup files of chosen signing keys, and their restore. A backup has its
 * own passphrase (scrypt parameters and salt in the file), so it can be kept apart
 * from the store and restored into another KeyHub.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { privateKeys, vendors } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import { KeyHubError, invalidField } from '../../api/errors';
import { publicKeyFromSeed } from '../../license/ed25519';
import { fromBase64 } from '../../license/verifier/encoding';
import { fingerprintOf } from '../../license/verifier/key-id';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { deriveKey, kdfParamsSchema, newKdfParams, open, seal } from './sealing';
import { getKeyRow, insertKey } from './keys';
import type { KeyBackupFile, RestoreResult } from './types';
import { MIN_PASSPHRASE_LENGTH, type KeyVault } from './vault';

const BACKUP_FORMAT = 'keyhub-key-backup';
export const MAX_BACKUP_BYTES = 1024 * 1024;

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  kdf: kdfParamsSchema,
  keys: z
    .array(
      z.object({
        vendor: z.string(),
        displayName: z.string().min(1).max(256),
        fingerprint: z.string(),
        publicKey: z.string(),
        createdAt: z.string(),
        retiredAt: z.string().nullable(),
        nonce: z.string(),
        box: z.string(),
      }),
    )
    .min(1),
});

const wrongBackupPassphrase = () =>
  new KeyHubError('WRONG_PASSPHRASE', 'That passphrase does not open this backup. Nothing was restored.', {
    fields: { backupPassphrase: 'Wrong passphrase for this backup.' },
  });

export async function backupKeys(
  db: Db,
  vault: KeyVault,
  actor: string,
  input: ParsedInput<'key.backup'>,
): Promise<KeyBackupFile> {
  if (input.backupPassphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw invalidField('backupPassphrase', `Use a backup passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const ids = [...new Set(input.ids)];
  const rows = ids.map((id) => getKeyRow(db, id));
  if (!vault.isUnlocked()) throw new KeyHubError('LOCKED', 'Unlock the signing keys to back them up.');
  const kdf = newKdfParams(vault.kdfCost);
  const backupKey = await deriveKey(input.backupPassphrase, kdf);
  try {
    const keys = [];
    for (const row of rows) {
      const sealed = await vault.withSeed(db, row.id, (seed) => seal(seed, backupKey, kdf));
      keys.push({
        vendor: row.vendorName,
        displayName: row.displayName,
        fingerprint: row.fingerprint,
        publicKey: row.publicKey,
        createdAt: row.createdAt,
        retiredAt: row.retiredAt,
        nonce: sealed.nonce,
        box: sealed.box,
      });
    }
    const createdAt = nowUtc();
    const content = `${JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt, kdf, keys }, null, 2)}\n`;
    recordAudit(db, { actor, targetType: 'private_key', targetId: ids.join(','), action: 'key.backup', details: { fingerprints: rows.map((r) => r.fingerprint) } });
    return { fileName: `keyhub-keys-${createdAt.slice(0, 10)}.json`, content, keyCount: keys.length };
  } finally {
    backupKey.fill(0);
  }
}

function readBackup(content: string) {
  if (Buffer.byteLength(content, 'utf8') > MAX_BACKUP_BYTES) {
    throw invalidField('content', 'This file is too large to be a KeyHub key backup.');
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw invalidField('content', 'This is not a KeyHub key backup (it is not JSON).');
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) throw invalidField('content', 'This is not a KeyHub key backup, or it is damaged.');
  return parsed.data;
}

/** Restores every key of a backup that this store lacks, all or nothing. */
export async function restoreKeys(db: Db, vault: KeyVault, actor: string, input: ParsedInput<'key.restore'>): Promise<RestoreResult> {
  const backup = readBackup(input.content);
  if (!vault.isUnlocked()) throw new KeyHubError('LOCKED', 'Unlock the signing keys first: restored keys are sealed under this store\'s passphrase.');
  const backupKey = await deriveKey(input.backupPassphrase, backup.kdf);
  const seeds: Uint8Array[] = [];
  try {
    for (const entry of backup.keys) {
      const seed = open({ v: 1, kdf: backup.kdf, nonce: entry.nonce, box: entry.box }, backupKey);
      if (!seed) throw wrongBackupPassphrase();
      seeds.push(seed);
      const publicKey = publicKeyFromSeed(seed);
      if (fingerprintOf(publicKey) !== entry.fingerprint || fromBase64(entry.publicKey)?.join() !== publicKey.join()) {
        throw invalidField('content', `The backup's key "${entry.displayName}" does not match its public key: the file is damaged.`);
      }
    }
    return db.transaction((tx) => {
      const restored: number[] = [];
      const skipped: string[] = [];
      backup.keys.forEach((entry, i) => {
        const have = tx.select({ id: privateKeys.id }).from(privateKeys).where(eq(privateKeys.fingerprint, entry.fingerprint)).get();
        if (have) {
          skipped.push(entry.fingerprint);
          return;
        }
        const vendorId = input.vendorId ?? vendorNamed(tx, entry.vendor);
        const id = insertKey(tx, vault, vendorId, entry.displayName, seeds[i]);
        tx.update(privateKeys).set({ createdAt: entry.createdAt, retiredAt: entry.retiredAt }).where(eq(privateKeys.id, id)).run();
        restored.push(id);
      });
      recordAudit(tx, { actor, targetType: 'private_key', targetId: restored.join(',') || '-', action: 'key.restore', details: { restored: restored.length, skipped } });
      const rows = restored.length ? restored.map((id) => getKeyRow(tx, id)) : [];
      return { restored: rows, skipped };
    });
  } finally {
    backupKey.fill(0);
    for (const seed of seeds) seed.fill(0);
  }
}

function vendorNamed(db: Db, name: string): number {
  const vendor = db.select({ id: vendors.id }).from(vendors).where(sql`${vendors.name} = ${name} COLLATE NOCASE`).get();
  if (!vendor) {
    throw invalidField('vendorId', `This store has no vendor named "${name}". Create it, or choose the vendor to restore the keys to.`);
  }
  return vendor.id;
}
