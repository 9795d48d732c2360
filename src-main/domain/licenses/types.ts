/** What the license and domain-license methods return. Plain data: it crosses IPC and HTTP as JSON. */
import type { Page } from '../catalog/types';

/**
 * Where a license stands now. `status` is stored (active, suspended, revoked); `expired`
 * is derived from `expires`, so nothing has to run at midnight for it to be true.
 */
export type LicenseState = 'active' | 'suspended' | 'revoked' | 'expired';

/** A list page that may have stopped counting: `total` is then "at least". */
export interface CappedPage<T> extends Page<T> {
  totalIsLowerBound: boolean;
}

export interface LicenseRow {
  id: number;
  skuId: number;
  sku: string;
  vendorId: number;
  vendorName: string;
  ownerName: string;
  owningEntityId: number | null;
  owningEntityName: string | null;
  purchasingEntityId: number | null;
  purchasingEntityName: string | null;
  issued: string;
  expires: string | null;
  status: 'active' | 'suspended' | 'revoked';
  state: LicenseState;
  statusReason: string | null;
  /** Domain licenses that are not expired. */
  liveDomainCount: number;
  appCount: number;
  transactionItemId: number | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A domain license's state: `live` (valid now), `expired`, or `stopped` (its license is
 * suspended, revoked or expired, so it no longer renews and is shown as such).
 */
export type DomainState = 'live' | 'expired' | 'stopped';

export interface DomainLicenseRow {
  id: number;
  licenseId: number;
  domainName: string;
  issued: string;
  expires: string | null;
  isAutomatic: boolean;
  state: DomainState;
  /**
   * Automatic, its license is active and unexpired, and the license outlives it: the
   * renewal sweep keeps it alive. (One that ends with its license does not renew.)
   */
  renewsAutomatically: boolean;
  ownerName: string;
  sku: string;
  hasFile: boolean;
}

export interface LicenseLimits {
  maxDomains: number | null;
  liveDomains: number;
  maxSupportContacts: number | null;
  /** Null: editable forever (the SKU sets no window). */
  ownershipEditableUntil: string | null;
  supportContactsEditableUntil: string | null;
  canDeleteManualDomains: boolean;
  canDeleteAutoDomains: boolean;
  manualDomainDuration: number | null;
  autoDomainDuration: number | null;
  licenseDuration: number | null;
}

export interface SupportContact {
  userId: number;
  name: string;
  email: string;
}

export interface LicenseDetail extends LicenseRow {
  /** From the signed file (what the customer's software sees). */
  features: string[];
  message: string | null;
  keyFingerprint: string | null;
  hasFile: boolean;
  limits: LicenseLimits;
  domains: DomainLicenseRow[];
  apps: Array<{ id: string; displayName: string }>;
  supportContacts: SupportContact[];
}

export interface TimelineEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  /** One sentence for a person: "Added domain example.com (manual, expires 2027-01-01)." */
  summary: string;
  details: Record<string, unknown>;
}

export interface DomainRenewal {
  renewed: number;
  /** Automatic domains left to lapse because their license is no longer valid. */
  stopped: number;
  /** Domains that could not be re-signed (locked keys, unreadable file), with why. */
  failed: Array<{ id: number; domainName: string; reason: string }>;
}
