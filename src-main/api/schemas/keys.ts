/** Input schemas of the signing keys, the vault, license signing and jobs. */
import { z } from 'zod';
import { id, optionalText, trimmed, utcDateTime } from './common';

// ---------------------------------------------------------------- signing keys

/** Passphrases are never trimmed: every character counts. */
const passphrase = (label: string) => z.string({ error: `${label} is required.` }).min(1, `${label} is required.`).max(1024);
export const UNLOCK_MINUTES = [5, 15, 60, 240, 480] as const;
const unlockMinutes = z.number().int().min(1).max(480, 'Keys stay unlocked for at most 8 hours.').optional();

export const vaultSetup = z.object({ passphrase: passphrase('A passphrase'), minutes: unlockMinutes });
export const vaultUnlock = z.object({ passphrase: passphrase('The passphrase'), minutes: unlockMinutes });
export const vaultChangePassphrase = z.object({
  current: passphrase('The current passphrase'),
  next: passphrase('A new passphrase'),
});

const keyName = trimmed(256, 'Display name');
export const keyList = z.object({ vendorId: id.optional(), includeRetired: z.boolean().optional() });
export const keyGenerate = z.object({ vendorId: id, displayName: keyName });
export const keyImport = z.object({
  vendorId: id,
  displayName: keyName,
  secret: z.string({ error: 'Paste the secret key.' }).min(1, 'Paste the secret key.').max(8192),
});
export const keyUpdate = z.object({ id, displayName: keyName });
export const keyBackup = z.object({
  ids: z.array(id).min(1, 'Choose at least one key to back up.'),
  backupPassphrase: passphrase('A backup passphrase'),
});
export const keyRestore = z.object({
  content: z.string().min(1, 'Choose a backup file.'),
  backupPassphrase: passphrase("The backup's passphrase"),
  /** Restore every key to this vendor instead of the vendor named in the backup. */
  vendorId: id.optional(),
});
export const keyRotate = z
  .object({
    skuId: id,
    /** An existing key of the SKU's vendor, or leave out and give `newKeyName` to generate one. */
    keyId: id.optional(),
    newKeyName: trimmed(256, 'New key name').optional(),
  })
  .refine((v) => (v.keyId === undefined) !== (v.newKeyName === undefined), {
    message: 'Choose an existing key, or name a new one to generate.',
    path: ['keyId'],
  });
export const jobGet = z.object({ id: z.string().min(1) });

// ---------------------------------------------------------------- license signing

const featureCodeList = z.array(z.string().trim().min(1).max(256)).max(500);
const domainList = z.array(z.string().trim().min(1, 'A domain is empty.').max(1024)).max(1000);

export const licenseSign = z.object({
  skuId: id,
  owner: trimmed(256, 'Owner name'),
  /** Feature codes for the file; left out: the SKU's features. */
  features: featureCodeList.optional(),
  /** Domain licenses to issue with it (manual). */
  domains: domainList.default([]),
  /** Left out: from the SKU's license duration; null: never. */
  expires: utcDateTime('Expiry').nullable().optional(),
  message: optionalText(1024, 'Message'),
});
export const licenseSignBatch = z.object({
  rows: z.array(licenseSign.extend({ line: z.number().int().positive().optional() })).min(1, 'The batch is empty.').max(100_000),
});
export const licenseFile = z.object({ licenseId: id, domain: z.string().trim().min(1).optional() });
