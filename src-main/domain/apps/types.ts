/** What the app methods return: the seed's Apps, AppKeys, AppLicenses, AppIssues, AppStats. */
import type { LicenseState } from '../licenses/types';
import type { NotificationSubscription } from '../people/types';

export interface App {
  /** A GUID (lower case). */
  id: string;
  displayName: string;
  createdAt: string;
}

export interface AppRow extends App {
  licenseCount: number;
  keyCount: number;
  issueCount: number;
}

/** Created and deleted, never edited. */
export interface AppKey {
  id: string;
  appId: string;
  createdAt: string;
}

export interface AppIssue {
  id: number;
  appId: string;
  severity: string;
  message: string;
  details: string | null;
  time: string;
}

export interface AppDetail extends AppRow {
  licenses: Array<{ id: number; ownerName: string; sku: string; state: LicenseState }>;
  keys: AppKey[];
  recentIssues: AppIssue[];
  statKinds: Array<{ kind: number; label: string; count: number }>;
  subscriptions: NotificationSubscription[];
}

export interface AppStatSeries {
  kind: number;
  label: string;
  /** One point a bucket (hour, day or month, UTC); `value` is the sum of the bucket's reports. */
  points: Array<{ t: string; value: number }>;
}

export interface AppReportResult {
  issues: number;
  stats: number;
  /** Lines that were not kept, numbered from 1, with why (the first 1000). The good lines are kept. */
  rejected: Array<{ line: number; reason: string }>;
  /** Every line not kept; more than `rejected.length` when the list was cut short. */
  rejectedCount: number;
}

export interface NotificationKind {
  id: number;
  kind: string;
}

export interface DeletedApp {
  id: string;
  deleted: true;
}
