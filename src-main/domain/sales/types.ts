/**
 * Sales: what payment providers report (purchases and the events that follow them) in
 * one shape whatever the feed (IPN today, Stripe and PayPal sync next), and what the
 * transaction, fulfilment and settings methods return. Plain data: it crosses IPC and HTTP.
 */
import type { PAYMENT_STATUSES } from '../../../db/schema';
import type { Page } from '../catalog/types';
import type { CappedPage, LicenseState } from '../licenses/types';
import type { StripeSettings } from '../sync/types';

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The statuses a purchase message can carry; refunds and reversals arrive as events. */
export type PurchaseStatus = 'waiting' | 'preauthorized' | 'confirmed' | 'rejected' | 'error';

export interface PurchaseItem {
  /** The provider's id for this line, unique per provider (`<txn id>#<n>` for IPN, `li_…` for Stripe). */
  providerItemId: string;
  name: string | null;
  number: string | null;
  /** A SKU code the provider named outright (e-junkie's `sku`, Stripe metadata `keyhub_sku`). */
  skuCode: string | null;
  quantity: number;
  /** Minor units, for the whole line (price × quantity). */
  gross: number;
  /** Up to three option name/selection pairs. */
  options: Array<{ name: string; selection: string }>;
  /**
   * When its licenses expire, if the provider decides (a subscription's paid period
   * plus grace); absent: the SKU's `license_duration` from the payment date.
   */
  expires?: string | null;
  /**
   * The id recurs across purchases (a subscription item, billed by every invoice of its
   * subscription): units it issued before are looked up, and only the missing ones issued.
   */
  recurs?: boolean;
}

export interface Payer {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  /** The provider's id for the payer (PayPal payer_id, Stripe `cus_…`). */
  payerId: string | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
}

/** A purchase as its provider reports it: new, or a later status of the same transaction. */
export interface PurchaseMessage {
  kind: 'purchase';
  provider: string;
  providerTxnId: string;
  txnType: string | null;
  status: PurchaseStatus;
  /** The provider's own word for the status ("Pending (echeck)"), for the payment log. */
  providerStatus: string;
  payer: Payer;
  /** Who was paid (the vendor's PayPal account). */
  business: string | null;
  /** ISO 4217, upper case. */
  currency: string;
  /** Minor units of `currency`. */
  gross: number;
  fee: number;
  tax: number;
  shipping: number;
  /** UTC ISO time. */
  paymentDate: string;
  items: PurchaseItem[];
  rawFormat: 'ipn' | 'json';
  raw: string;
}

/** Something that happened to a recorded purchase: money going back, or coming back. */
export interface PaymentEventMessage {
  kind: 'event';
  provider: string;
  /** The purchase it is about. */
  providerTxnId: string;
  /** The event's own id (a refund's transaction id, `re_…`, `dp_…`): recorded once. */
  eventId: string;
  event: 'refund' | 'reversal' | 'reversal_cancelled';
  /** Minor units, positive: how much went back (for a cancelled reversal, how much came back). */
  amount: number;
  currency: string;
  /** The provider's reason ("chargeback", "buyer_complaint"), if any. */
  reason: string | null;
  providerStatus: string;
  occurredAt: string;
  rawFormat: 'ipn' | 'json';
  raw: string;
}

export type ProviderMessage = PurchaseMessage | PaymentEventMessage;

/** What became of one message. */
export type MessageOutcome =
  /** A purchase seen for the first time. */
  | 'recorded'
  /** A new status or event for a purchase already recorded. */
  | 'updated'
  /** Already recorded exactly so (or older than what is stored): nothing changed. */
  | 'duplicate';

export interface MessageResult {
  outcome: MessageOutcome;
  transactionId: number;
  issued: number;
  revoked: number;
  restored: number;
  /** Units of confirmed items that could not be fulfilled yet (unmapped SKU, no key). */
  waiting: number;
}

/** A message turned away, with nothing written: where it was and why. */
export interface RejectedMessage {
  /** The line its text starts on (1-based), in the file or the pasted text. */
  line: number;
  txnId: string | null;
  reason: string;
}

export interface ImportTally {
  messages: number;
  /** New purchases. */
  recorded: number;
  /** Status changes and events on purchases already recorded. */
  updated: number;
  duplicates: number;
  issued: number;
  revoked: number;
  restored: number;
  /** Units waiting for a SKU mapping or a signing key. */
  waiting: number;
  rejected: RejectedMessage[];
}

// ---------------------------------------------------------------- transactions

export interface TransactionRow {
  id: number;
  provider: string;
  providerTxnId: string;
  txnType: string | null;
  status: PaymentStatus;
  customerId: number | null;
  customerName: string | null;
  payerEmail: string | null;
  /** The business name, else "first last", else the email. */
  payerName: string | null;
  currency: string;
  gross: number;
  refunded: number;
  paymentDate: string;
  /** SKU codes of the items ("R3Bundle1Ent ×2"), unmapped ones by their item name. */
  itemsSummary: string;
  licenseCount: number;
  /** Units of confirmed items still waiting for a SKU or a key. */
  waitingUnits: number;
  pendingDecision: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransactionLicense {
  id: number;
  sku: string;
  ownerName: string;
  state: LicenseState;
  expires: string | null;
  /** Which unit of its item this license is (1-based). */
  unit: number;
}

export type WaitingReason = 'unmapped' | 'ambiguous' | 'no_signing_key' | 'key_retired' | 'not_confirmed';

export interface TransactionItemDetail {
  id: number;
  providerItemId: string;
  name: string | null;
  number: string | null;
  skuCode: string | null;
  skuId: number | null;
  sku: string | null;
  quantity: number;
  gross: number;
  options: Array<{ name: string; selection: string }>;
  licenses: TransactionLicense[];
  /** Why units are still unfulfilled, in words; null when every unit has its license (or none is due). */
  waiting: { reason: WaitingReason; message: string; units: number } | null;
}

export interface PaymentLogEntry {
  id: number;
  eventType: string;
  providerEventId: string | null;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus | null;
  message: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface TransactionDetail extends Omit<TransactionRow, 'itemsSummary'> {
  payerFirstName: string | null;
  payerLastName: string | null;
  payerBusinessName: string | null;
  payerId: string | null;
  residenceCountry: string | null;
  business: string | null;
  fee: number;
  tax: number;
  shipping: number;
  rawFormat: 'ipn' | 'json';
  raw: string;
  /** The raw message's fields in order, decoded, for reading (IPN); empty for JSON. */
  rawFields: Array<{ key: string; value: string }>;
  items: TransactionItemDetail[];
  log: PaymentLogEntry[];
}

export type TransactionPage = CappedPage<TransactionRow>;

/** A customer's purchases, each with the licenses it issued. */
export interface CustomerPurchase {
  transaction: TransactionRow;
  licenses: TransactionLicense[];
}

// ---------------------------------------------------------------- fulfilment queue and mappings

/** Items that wait for a SKU, grouped by what they are called. */
export interface WaitingGroup {
  /** Stable key for the group: its match field and lower-cased value. */
  key: string;
  reason: WaitingReason;
  message: string;
  itemNumber: string | null;
  itemName: string | null;
  skuCode: string | null;
  /** Purchases (confirmed transactions) that wait on this group. */
  purchases: number;
  units: number;
  /** Sums per currency of the waiting items' gross, minor units. */
  gross: Array<{ currency: string; amount: number }>;
  oldestPaymentDate: string;
  newestPaymentDate: string;
  /** For unmapped items, a SKU whose code or name looks like the item (a suggestion only). */
  suggestedSkuId: number | null;
  /** The SKU the items are (or now match), or null while none does. */
  skuId: number | null;
  sku: string | null;
  /** Nothing stands in the way any more (a SKU or key added since): a retry fulfils them. */
  ready: boolean;
}

export interface ItemMapping {
  id: number;
  matchField: 'item_number' | 'item_name';
  matchValue: string;
  skuId: number;
  sku: string;
  skuName: string;
  vendorName: string;
  createdBy: string;
  createdAt: string;
}

export interface FulfilResult {
  /** Transactions that issued at least one license now. */
  transactions: number;
  issued: number;
  /** Units still waiting after this (another SKU unmapped, a key missing). */
  stillWaiting: number;
}

export interface MappingResult extends FulfilResult {
  mapping: ItemMapping;
}

export type WaitingPage = Page<WaitingGroup>;

// ---------------------------------------------------------------- settings

export interface IpnSettings {
  /** Post each message back to PayPal (`cmd=_notify-validate`) before importing it. */
  validate: boolean;
  /** Where to post back; PayPal's live endpoint unless changed (a sandbox, a local test server). */
  validateUrl: string;
}

export interface KeyHubSettings {
  ipn: IpnSettings;
  stripe: StripeSettings;
}
