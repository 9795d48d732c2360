/** What the catalog methods return. Plain data: it crosses IPC and HTTP as JSON. */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Vendor {
  id: number;
  name: string;
  street: string | null;
  city: string | null;
  region: string | null;
  postal: string | null;
  country: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VendorRow extends Vendor {
  skuCount: number;
  featureCount: number;
  packageCount: number;
}

export interface VendorDetail extends VendorRow {
  keyCount: number;
  licenseCount: number;
}

/** Where a SKU stands on its release/expiration window, now. */
export type SkuAvailability = 'upcoming' | 'on_sale' | 'retired';

export interface Sku {
  id: number;
  vendorId: number;
  privateKeyId: number | null;
  sku: string;
  name: string | null;
  maxDomains: number | null;
  editOwnershipDuration: number | null;
  maxSupportContacts: number | null;
  changeSupportContactsDuration: number | null;
  licenseDuration: number | null;
  autoDomainDuration: number | null;
  manualDomainDuration: number | null;
  /** Days a subscription's licenses run past its paid period; null: none. */
  subscriptionGraceDays: number | null;
  canDeleteManualDomains: boolean;
  canDeleteAutoDomains: boolean;
  releaseDate: string | null;
  expirationDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SkuRow extends Sku {
  vendorName: string;
  featureCount: number;
  licenseCount: number;
  availability: SkuAvailability;
}

export interface FeatureRef {
  id: number;
  code: string;
  description: string | null;
}

export interface PackageRef {
  id: number;
  displayName: string;
}

export interface SkuRef {
  id: number;
  sku: string;
  name: string | null;
  availability: SkuAvailability;
}

export interface SkuDetail extends SkuRow {
  features: FeatureRef[];
  packages: PackageRef[];
}

export interface Feature {
  id: number;
  vendorId: number;
  code: string;
  description: string | null;
  createdAt: string;
}

export interface FeatureRow extends Feature {
  vendorName: string;
  skuCount: number;
}

export interface FeatureDetail extends FeatureRow {
  skus: SkuRef[];
}

export interface Package {
  id: number;
  vendorId: number;
  displayName: string;
  createdAt: string;
}

export interface PackageRow extends Package {
  vendorName: string;
  releaseCount: number;
  latestVersion: string | null;
  latestRelease: string | null;
  skuCount: number;
}

export interface Release {
  id: number;
  packageId: number;
  displayName: string;
  version: string;
  /** 0 stable, 1 RC, 2 beta, 3 alpha, 4 preview. */
  stability: number;
  notesUrl: string | null;
  downloadUrl: string | null;
  releaseDate: string;
  createdAt: string;
}

export interface PackageDetail extends PackageRow {
  releases: Release[];
  skus: SkuRef[];
}

export interface Deleted {
  id: number;
  deleted: true;
}
