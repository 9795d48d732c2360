/** What the audit, dashboard and export methods return. */
import type { DomainLicenseRow, LicenseRow } from '../licenses/types';

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actorUserId: number | null;
  targetType: string;
  targetId: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AuditFacets {
  actors: string[];
  actions: string[];
  targetTypes: string[];
}

export interface DashboardSummary {
  now: string;
  expiringWithinDays: number;
  licenses: { total: number; active: number; expired: number; suspended: number; revoked: number; expiringSoon: number };
  /** `expiringSoon`: live domain licenses within the window that will not renew by themselves (as `expiringDomains`). */
  domains: { live: number; expired: number; stopped: number; expiringSoon: number };
  customers: number;
  apps: number;
  /** The last 12 months, oldest first, months with none included. */
  issuedPerMonth: Array<{ month: string; count: number }>;
  /**
   * Sales by payment month over the same 12 months, one row per month for each currency
   * with sales in them (the currency with the most gross first). Paid purchases count
   * (confirmed, partially refunded, refunded, reversed); `refunded` is the money that
   * went back on them (refunds, and the whole gross of a reversal), counted in the
   * purchase's month; `net` = gross − refunded. Minor units of `currency`.
   */
  revenuePerMonth: RevenueMonth[];
  /** Active licenses expiring soonest (within the window), at most 20. */
  expiringLicenses: LicenseRow[];
  /** Live domain licenses expiring soonest that will not renew by themselves, at most 20. */
  expiringDomains: DomainLicenseRow[];
}

export interface RevenueMonth {
  /** `YYYY-MM`, UTC. */
  month: string;
  currency: string;
  gross: number;
  refunded: number;
  net: number;
  purchases: number;
}

export interface CsvExport {
  filename: string;
  csv: string;
  rows: number;
  /** True when the list had more rows than an export holds. */
  truncated: boolean;
}
