/** Input schemas of the catalog: vendors, SKUs, features, packages, releases. */
import { z } from 'zod';
import { id, listQuery, optionalCount, optionalDate, optionalDays, optionalText, trimmed, url, utcDateTime } from './common';

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
    /** Days a subscription's licenses run past its paid period (Stripe retrying a card); null: none. */
    subscriptionGraceDays: optionalDays('Subscription grace'),
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
