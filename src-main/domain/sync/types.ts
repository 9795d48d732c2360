/**
 * Provider sync (Stripe today): what the sync, connection, subscription and price-mapping
 * methods return. Plain data: it crosses IPC and HTTP, and the renderer imports it.
 */
import type { Page } from '../catalog/types';
import type { CappedPage } from '../licenses/types';
import type { TransactionLicense, TransactionRow } from '../sales/types';

export type SyncMode = 'backfill' | 'incremental' | 'relist';
export type SyncTrigger = 'schedule' | 'manual' | 'cli';
export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** What a run did, object by object. */
export interface SyncCounts {
  /** Objects read from the provider (list pages, re-fetches). */
  fetched: number;
  /** Objects stored for the first time. */
  created: number;
  /** Objects whose stored state changed. */
  updated: number;
  /** Objects read again exactly as stored: nothing written. */
  unchanged: number;
  /** Licenses issued. */
  fulfilled: number;
  /** Licenses revoked (full refund, lost dispute). */
  revoked: number;
  /** Objects that could not be applied (see the run's errors). */
  errors: number;
}

export interface SyncRun extends SyncCounts {
  id: number;
  provider: string;
  mode: SyncMode;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  /** What it is doing now, or did last ("Invoices, page 3"). */
  stage: string | null;
  /** What happened, for a person: the failure, a fallback to re-listing. */
  message: string | null;
}

export interface SyncErrorEntry {
  id: number;
  runId: number;
  objectType: string | null;
  objectId: string | null;
  reason: string;
  createdAt: string;
}

export interface SyncRunDetail extends SyncRun {
  /** The first 500 errors, oldest first. */
  errorList: SyncErrorEntry[];
}

/** Live progress of a running sync (the job's `result` while running is null; poll `stripe.status`). */
export interface SyncProgress extends SyncCounts {
  runId: number;
  mode: SyncMode;
  stage: string;
}

export interface StripeSettings {
  /** Sync every this many minutes while KeyHub runs; 0: only on demand. */
  scheduleMinutes: number;
  /** Stripe's API address: `https://api.stripe.com`, or a local test server. */
  apiBase: string;
  /** Requests a second at most (Stripe allows 100 live, 25 in test mode). */
  requestsPerSecond: number;
}

export interface StripeConnection {
  connected: boolean;
  /** Where the key is sealed: with the signing keys' passphrase, or by the OS keychain. */
  sealing: 'vault' | 'os' | null;
  /** "rk_live_…a1B2". */
  keyHint: string | null;
  livemode: boolean | null;
  accountId: string | null;
  accountName: string | null;
  connectedAt: string | null;
  /** The key can be read now (the keys are unlocked, or the OS keychain is there). */
  usable: boolean;
  /** Why it cannot, in words, when not usable. */
  unusableReason: string | null;
  /** This host can keep a key in the OS keychain (the desktop app, with a keyring). */
  osKeychainAvailable: boolean;
}

export interface StripeStatus {
  connection: StripeConnection;
  settings: StripeSettings;
  /** The run in progress, in this process or another (a CLI sync). */
  running: SyncRun | null;
  lastRun: SyncRun | null;
  /** When the schedule runs next (null: schedule off, not connected, or no host timer). */
  nextRunAt: string | null;
  /** The first backfill has finished; later runs poll events. */
  backfillDone: boolean;
  /** The newest event applied (ISO), or null before the first. */
  eventsCursor: string | null;
  /**
   * Only in the answer of stripe.connect / stripe.settings when the new key dropped the
   * sync's cursors (another account or mode, or one KeyHub cannot tell): why, for people.
   */
  backfillRestarted?: string;
}

/** One resource the sync reads, and whether the key may read it. */
export interface StripeCheck {
  resource: string;
  label: string;
  ok: boolean;
  message: string | null;
}

export interface StripeTestResult {
  ok: boolean;
  /** One sentence: what works, or what to fix. */
  message: string;
  livemode: boolean | null;
  accountId: string | null;
  accountName: string | null;
  checks: StripeCheck[];
}

// ---------------------------------------------------------------- subscriptions

export type SubscriptionStatus = 'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused';

export interface SubscriptionRow {
  id: number;
  provider: string;
  providerSubscriptionId: string;
  status: SubscriptionStatus;
  customerId: number | null;
  customerName: string | null;
  providerCustomerId: string | null;
  currency: string | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  endedAt: string | null;
  /** When its licenses stopped following it; null while they do. */
  renewalEndedAt: string | null;
  startedAt: string;
  /** SKU codes of its items ("R3Pro ×3"), unmapped ones by their price id. */
  itemsSummary: string;
  licenseCount: number;
  updatedAt: string;
}

export interface SubscriptionItemDetail {
  id: number;
  providerItemId: string;
  providerPriceId: string | null;
  providerProductId: string | null;
  productName: string | null;
  skuId: number | null;
  sku: string | null;
  quantity: number;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  /** The licenses this item issued (the ledger's rows for its id). */
  licenses: TransactionLicense[];
}

export interface SubscriptionDetail extends SubscriptionRow {
  cancelAt: string | null;
  trialStart: string | null;
  trialEnd: string | null;
  /** The SKU's grace: days the licenses run past the paid period. */
  graceDays: number;
  items: SubscriptionItemDetail[];
  /** Its paid invoices, as transactions, newest first. */
  transactions: TransactionRow[];
  /** Stripe's object as last synced (JSON). */
  raw: string;
}

export type SubscriptionPage = CappedPage<SubscriptionRow>;

// ---------------------------------------------------------------- prices to SKUs

/** How a price finds its SKU: `keyhub_sku` metadata (price, else product), a mapping made on screen, or not at all. */
export type PriceMatch = 'metadata' | 'mapping' | 'none' | 'ambiguous' | 'unknown_sku';

export interface StripePriceRow {
  priceId: string;
  productId: string | null;
  productName: string | null;
  nickname: string | null;
  active: boolean;
  currency: string;
  /** Minor units; null for tiered or custom prices. */
  unitAmount: number | null;
  /** one_time, or the recurring interval. */
  interval: 'one_time' | 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
  /** The `keyhub_sku` metadata it carries (the price's, else its product's). */
  metadataSku: string | null;
  match: PriceMatch;
  /** The mapping made on screen (an item mapping by item number = the price id), if any. */
  mappingId: number | null;
  skuId: number | null;
  sku: string | null;
  skuName: string | null;
  /** Units of paid purchases of this price still waiting for a SKU. */
  waitingUnits: number;
}

export type StripePricePage = Page<StripePriceRow>;
