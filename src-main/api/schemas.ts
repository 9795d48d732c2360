/**
 * Input schemas for the API contract. Pure zod, no Node: the renderer imports these
 * too, so a form shows the same message the API would give.
 */
import { z } from 'zod';
import { parseUtc } from '../shared/time';

const trimmed = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

const dateMessage = (label: string) =>
  `${label} must be a real date like 2026-01-31, or an ISO time like 2026-01-31T09:00:00Z.`;

/** A date (`YYYY-MM-DD`, taken as midnight UTC) or an ISO date-time with a zone. */
export const utcDateTime = (label: string) =>
  z.string().transform((v, ctx) => {
    const iso = parseUtc(v);
    if (iso === null) {
      ctx.addIssue({
        code: 'custom',
        message: dateMessage(label),
      });
      return z.NEVER;
    }
    return iso;
  });

const optionalDate = (label: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const iso = parseUtc(v);
      if (iso === null) {
        ctx.addIssue({ code: 'custom', message: dateMessage(label) });
        return z.NEVER;
      }
      return iso;
    });

/** Days; null or empty means "no limit". */
const optionalDays = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of days.` })
    .int(`${label} must be a whole number of days.`)
    .min(0, `${label} cannot be negative.`)
    .max(36_500, `${label} cannot exceed 100 years.`)
    .nullish()
    .transform((v) => (v === undefined ? null : v));

const optionalCount = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(0, `${label} cannot be negative.`)
    .max(1_000_000, `${label} is too large.`)
    .nullish()
    .transform((v) => (v === undefined ? null : v));

const url = (label: string) =>
  z
    .string()
    .trim()
    .max(4096, `${label} must be at most 4096 characters.`)
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), `${label} must be an http(s) URL.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const id = z.number().int().positive();
export const empty = z.object({}).strict().optional().transform(() => ({}));
export const byId = z.object({ id });

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** Every list: text search, one sort column, and a page. Sorting and paging happen in SQL. */
export const listQuery = <S extends readonly [string, ...string[]]>(sortable: S) =>
  z.object({
    search: z.string().trim().max(256).optional(),
    sort: z.enum(sortable).optional(),
    dir: z.enum(SORT_DIRECTIONS).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  });

// ---------------------------------------------------------------- vendors

export const vendorFields = z.object({
  name: trimmed(1024, 'Name'),
  street: optionalText(256, 'Street'),
  city: optionalText(256, 'City'),
  region: optionalText(256, 'Region'),
  postal: optionalText(64, 'Postal code'),
  country: optionalText(256, 'Country'),
});
export const VENDOR_SORT = ['name', 'country', 'createdAt'] as const;
export const vendorList = listQuery(VENDOR_SORT);
/** Updates are patches: a field left out keeps its value; null (or '') clears it. */
export const vendorUpdate = vendorFields.partial().extend({ id });

// ---------------------------------------------------------------- SKUs

const skuCode = z
  .string()
  .trim()
  .min(1, 'SKU code is required.')
  .max(256, 'SKU code must be at most 256 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'SKU code may hold letters, digits, dot, dash and underscore, and starts with a letter or digit.');

/** SKU fields with no defaults: the shape of a patch. */
const skuBase = z.object({
    vendorId: id,
    sku: skuCode,
    name: optionalText(256, 'Name'),
    privateKeyId: id.nullish().transform((v) => v ?? null),
    maxDomains: optionalCount('Max domains'),
    editOwnershipDuration: optionalDays('Ownership edit window'),
    maxSupportContacts: optionalCount('Max support contacts'),
    changeSupportContactsDuration: optionalDays('Support-contact change window'),
    licenseDuration: optionalDays('License duration'),
    autoDomainDuration: optionalDays('Automatic domain duration'),
    manualDomainDuration: optionalDays('Manual domain duration'),
    canDeleteManualDomains: z.boolean(),
    canDeleteAutoDomains: z.boolean(),
    releaseDate: optionalDate('Release date'),
    expirationDate: optionalDate('Expiration date'),
    featureIds: z.array(id).max(1000),
    packageIds: z.array(id).max(1000),
  });

/** A new SKU: leaving out a permission means "no", leaving out links means none. */
const skuObject = skuBase.extend({
  canDeleteManualDomains: z.boolean().default(false),
  canDeleteAutoDomains: z.boolean().default(false),
  featureIds: z.array(id).max(1000).default([]),
  packageIds: z.array(id).max(1000).default([]),
});

export const SALE_WINDOW_MESSAGE = 'Expiration date must be after the release date.';

/** The one sale-window rule, shared by the schemas and by updates that merge stored values. */
export function saleWindowValid(releaseDate: string | null | undefined, expirationDate: string | null | undefined) {
  return !releaseDate || !expirationDate || expirationDate > releaseDate;
}

const checkSaleWindow = (v: { releaseDate?: string | null; expirationDate?: string | null }, ctx: z.RefinementCtx) => {
  if (!saleWindowValid(v.releaseDate, v.expirationDate)) {
    ctx.addIssue({ code: 'custom', path: ['expirationDate'], message: SALE_WINDOW_MESSAGE });
  }
};

export const skuFields = skuObject.superRefine(checkSaleWindow);
export const SKU_SORT = ['sku', 'name', 'vendor', 'releaseDate', 'expirationDate', 'createdAt'] as const;
export const SKU_AVAILABILITY = ['upcoming', 'on_sale', 'retired'] as const;
export const skuList = listQuery(SKU_SORT).extend({
  vendorId: id.optional(),
  availability: z.enum(SKU_AVAILABILITY).optional(),
});
export const skuUpdate = skuBase.partial().extend({ id }).superRefine(checkSaleWindow);
export const skuRetire = z.object({ id, at: utcDateTime('Retirement date').optional() });

// ---------------------------------------------------------------- features

const featureCode = z
  .string()
  .trim()
  .min(1, 'Feature code is required.')
  .max(256, 'Feature code must be at most 256 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'Feature code may hold letters, digits, dot, colon, dash and underscore.');

export const featureFields = z.object({
  vendorId: id,
  code: featureCode,
  description: optionalText(4096, 'Description'),
});
export const FEATURE_SORT = ['code', 'vendor', 'createdAt'] as const;
export const featureList = listQuery(FEATURE_SORT).extend({ vendorId: id.optional() });
export const featureUpdate = featureFields.omit({ vendorId: true }).partial().extend({ id });

// ---------------------------------------------------------------- packages and releases

const packageBase = z.object({
  vendorId: id,
  displayName: trimmed(256, 'Name'),
  skuIds: z.array(id).max(1000),
});
export const packageFields = packageBase.extend({ skuIds: packageBase.shape.skuIds.default([]) });
export const PACKAGE_SORT = ['displayName', 'vendor', 'latestRelease', 'createdAt'] as const;
export const packageList = listQuery(PACKAGE_SORT).extend({ vendorId: id.optional() });
export const packageUpdate = packageBase.omit({ vendorId: true }).partial().extend({ id });

export const STABILITY_LABELS = ['stable', 'RC', 'beta', 'alpha', 'preview'] as const;

export const releaseFields = z.object({
  packageId: id,
  displayName: trimmed(256, 'Name'),
  version: trimmed(256, 'Version'),
  stability: z
    .number({ error: 'Stability is required.' })
    .int('Stability is a whole number: 0 (stable) to 4 (preview).')
    .min(0, 'Stability is 0 (stable) to 4 (preview).')
    .max(4, 'Stability is 0 (stable) to 4 (preview).'),
  notesUrl: url('Release notes URL'),
  downloadUrl: url('Download URL'),
  releaseDate: utcDateTime('Release date'),
});
export const releaseUpdate = releaseFields.omit({ packageId: true }).partial().extend({ id });

export type VendorFields = z.input<typeof vendorFields>;
export type SkuFields = z.input<typeof skuFields>;
export type FeatureFields = z.input<typeof featureFields>;
export type PackageFields = z.input<typeof packageFields>;
export type ReleaseFields = z.input<typeof releaseFields>;

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
