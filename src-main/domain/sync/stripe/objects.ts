/**
 * `stripe_objects`: Stripe's objects as last read, whole, beside the columns the sync
 * and its effects look them up by. A page is compared with what is stored in one read;
 * an object whose JSON text is unchanged is not written, and an update applies only
 * when its version (the local time it was read) is newer than the stored one.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../store/statements';
import { currencyOf, idOf, str } from './effects/json';
import type { ChangedObject, StripeJson, StripeObjectType } from './types';

/** The columns extracted from an object. */
export interface ObjectColumns {
  customer: string | null;
  paymentIntent: string | null;
  parent: string | null;
  status: string | null;
  amount: number | null;
  currency: string | null;
}

/** An object read from Stripe, ready to compare and store. */
export interface ReadObject {
  type: StripeObjectType;
  json: StripeJson;
  /** `JSON.stringify(json)`: what is compared and stored. */
  raw: string;
  deleted: boolean;
  /** When it was read (ms, only rising). */
  version: number;
}

const integer = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** The payment intent an invoice was paid with: its paid invoice payment's (else the first one naming one). */
function invoicePaymentIntent(invoice: StripeJson): string | null {
  const payments = (invoice.payments as { data?: Array<Record<string, unknown>> } | null | undefined)?.data ?? [];
  let any: string | null = null;
  for (const payment of payments) {
    const intent = idOf((payment.payment as Record<string, unknown> | undefined)?.payment_intent);
    if (!intent) continue;
    if (payment.status === 'paid') return intent;
    any ??= intent;
  }
  return any ?? idOf(invoice.payment_intent);
}

function invoiceSubscription(invoice: StripeJson): string | null {
  const parent = invoice.parent as { subscription_details?: { subscription?: unknown } | null } | null | undefined;
  return idOf(parent?.subscription_details?.subscription) ?? idOf(invoice.subscription);
}

function amountOf(type: StripeObjectType, o: StripeJson): number | null {
  switch (type) {
    case 'price':
      return integer(o.unit_amount);
    case 'invoice':
      return integer(o.total);
    case 'checkout.session':
      return integer(o.amount_total);
    case 'payment_intent':
    case 'charge':
    case 'refund':
    case 'dispute':
      return integer(o.amount);
    default:
      return null;
  }
}

function parentOf(type: StripeObjectType, o: StripeJson): string | null {
  switch (type) {
    case 'price':
      return idOf(o.product);
    case 'refund':
    case 'dispute':
      return idOf(o.charge);
    case 'invoice':
      return invoiceSubscription(o);
    case 'checkout.session':
      return idOf(o.subscription) ?? idOf(o.invoice);
    default:
      return null;
  }
}

function paymentIntentOf(type: StripeObjectType, o: StripeJson): string | null {
  switch (type) {
    case 'checkout.session':
    case 'charge':
    case 'refund':
    case 'dispute':
      return idOf(o.payment_intent);
    case 'invoice':
      return invoicePaymentIntent(o);
    default:
      return null;
  }
}

export function objectColumns(type: StripeObjectType, o: StripeJson): ObjectColumns {
  return {
    customer: type === 'customer' ? null : idOf(o.customer),
    paymentIntent: paymentIntentOf(type, o),
    parent: parentOf(type, o),
    status: str(o.status),
    amount: amountOf(type, o),
    currency: currencyOf(o.currency),
  };
}

/** What is stored of each object, read for a page at once. */
interface StoredState {
  version: number;
  raw: string;
  deleted: number;
}

function storedStates(sqlite: Database.Database, ids: string[]): Map<string, StoredState> {
  const rows = statement(sqlite, 'SELECT o.id, o.version, o.raw, o.deleted FROM json_each(?) j JOIN stripe_objects o ON o.id = j.value').all(JSON.stringify(ids)) as Array<
    StoredState & { id: string }
  >;
  return new Map(rows.map((r) => [r.id, r]));
}

export interface PageDiff {
  /** New or changed, and newer than what is stored: to write. */
  changed: ChangedObject[];
  /** Their stored forms, in the same order as `changed`. */
  reads: ReadObject[];
  /** Read exactly as stored, or older than it: nothing to write. */
  unchanged: number;
}

/** Sorts a page into what must be written and what is already stored (one read of the store). */
export function diffObjects(sqlite: Database.Database, objects: ReadObject[]): PageDiff {
  const stored = storedStates(sqlite, objects.map((o) => o.json.id));
  const diff: PageDiff = { changed: [], reads: [], unchanged: 0 };
  for (const read of objects) {
    const was = stored.get(read.json.id);
    if (was && ((was.raw === read.raw && Boolean(was.deleted) === read.deleted) || was.version >= read.version)) {
      diff.unchanged++;
      continue;
    }
    diff.changed.push({ type: read.type, id: read.json.id, json: read.json, deleted: read.deleted, change: was ? 'updated' : 'created' });
    diff.reads.push(read);
  }
  return diff;
}

/** Writes one object; false when a newer version is stored (nothing written). */
export function upsertObject(sqlite: Database.Database, read: ReadObject, syncedAt: string): boolean {
  const c = objectColumns(read.type, read.json);
  const livemode = read.json.livemode === true ? 1 : 0;
  const created = integer(read.json.created) ?? 0;
  return (
    statement(
      sqlite,
      `INSERT INTO stripe_objects (id, type, created, customer, payment_intent, parent, status, amount, currency, livemode, deleted, version, raw, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, created = excluded.created, customer = excluded.customer,
         payment_intent = excluded.payment_intent, parent = excluded.parent, status = excluded.status, amount = excluded.amount,
         currency = excluded.currency, livemode = excluded.livemode, deleted = excluded.deleted, version = excluded.version,
         raw = excluded.raw, synced_at = excluded.synced_at
       WHERE excluded.version > stripe_objects.version`,
    ).run(read.json.id, read.type, created, c.customer, c.paymentIntent, c.parent, c.status, c.amount, c.currency, livemode, read.deleted ? 1 : 0, read.version, read.raw, syncedAt)
      .changes > 0
  );
}

let lastVersion = 0;

/** The version of an object read now: the local time in ms, never the same or lower twice in this process. */
export function nextVersion(): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  return lastVersion;
}

/** The SDK's decimal values (`unit_amount_decimal`, …) are objects with these; Stripe sent strings. */
const isSdkDecimal = (value: object): value is { toString(): string } =>
  typeof (value as { toFixed?: unknown }).toFixed === 'function' && typeof (value as { isZero?: unknown }).isZero === 'function';

/** Puts back the decimal strings the SDK turned into objects, in place, so effects see what is stored. */
function plainDecimals(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = plainDecimals(item);
    }
    return value;
  }
  if (isSdkDecimal(value)) return value.toString();
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = plainDecimals(item);
  }
  return value;
}

/** An object as read: plain JSON (decimals as strings), its text made once. */
export function readObject(type: StripeObjectType, json: StripeJson, version: number, deleted = false): ReadObject {
  plainDecimals(json);
  return { type, json, raw: JSON.stringify(json), deleted: deleted || json.deleted === true, version };
}
