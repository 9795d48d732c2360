/**
 * What a subscription item's invoices say it was paid for: each invoice line of the item
 * bills a period (`period.end`), and the lines that charge (amount ≥ 0: a trial's zero
 * line too, a proration credit not) of invoices Stripe marks paid are the periods paid.
 * Read from the invoices as stored in `stripe_objects`. Money taken back is no longer
 * paid for: an invoice whose KeyHub transaction is refunded in full or reversed (a lost
 * dispute) pays for nothing, though Stripe still marks it paid.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../../store/statements';
import { STRIPE_PROVIDER } from '../api-version';
import { objectColumns } from '../objects';
import type { StripeJson } from '../types';
import { idOf, isoOf, listData, num, path, str, storedObject, type Json } from './json';

/** The subscription item a line bills (`si_…`), or null for a one-off line. */
export function lineSubscriptionItem(line: Json): string | null {
  const si = str(path(line, 'parent', 'subscription_item_details', 'subscription_item')) ?? idOf(line.subscription_item);
  return si && si.startsWith('si_') ? si : null;
}

/** The subscription an invoice bills (as `stripe_objects.parent` has it), or null. */
export const invoiceSubscription = (invoice: StripeJson): string | null => objectColumns('invoice', invoice).parent;

/** The invoice's transaction had its money taken back (the SQL reads `o.id`). */
const TAKEN_BACK = `EXISTS (SELECT 1 FROM transactions t WHERE t.provider = '${STRIPE_PROVIDER}' AND t.provider_txn_id = o.id AND t.status IN ('refunded', 'reversed'))`;

const PAID_INVOICES = `SELECT o.id, o.version FROM stripe_objects o WHERE o.parent = ? AND o.type = 'invoice' AND o.status = 'paid' AND o.deleted = 0 AND NOT ${TAKEN_BACK}`;

/** Whether the invoice's KeyHub transaction is refunded in full or reversed. */
export function moneyTakenBack(sqlite: Database.Database, invoiceId: string): boolean {
  return statement(sqlite, `SELECT ${TAKEN_BACK} FROM (SELECT ? AS id) o`).pluck().get(invoiceId) === 1;
}

type PaidEnds = Map<string, number>;

/** The periods a paid invoice pays for, by item (unix seconds). */
function paidEndsOf(invoice: StripeJson): PaidEnds {
  const ends: PaidEnds = new Map();
  if (invoice.status !== 'paid' || invoice.deleted === true) return ends;
  for (const line of listData(invoice.lines)) {
    const si = lineSubscriptionItem(line);
    const end = num(path(line, 'period', 'end'));
    if (si === null || end === null || (num(line.amount) ?? 0) < 0) continue;
    if (end > (ends.get(si) ?? -Infinity)) ends.set(si, end);
  }
  return ends;
}

/**
 * What each stored paid invoice pays for, per connection, by id and stored version
 * (versions only rise; a rolled-back write takes its version with it): every invoice of
 * a subscription asks about all of them, and each is read once.
 */
const endsCache = new WeakMap<Database.Database, Map<string, { version: number; ends: PaidEnds }>>();
const ENDS_CACHE_SIZE = 50_000;

function cacheOf(sqlite: Database.Database): Map<string, { version: number; ends: PaidEnds }> {
  let cache = endsCache.get(sqlite);
  if (!cache) endsCache.set(sqlite, (cache = new Map()));
  if (cache.size >= ENDS_CACHE_SIZE) cache.clear();
  return cache;
}

/** An invoice just stored (its effects about to run): what it pays for is known without reading it back. */
export function noteInvoice(sqlite: Database.Database, invoice: StripeJson): void {
  const version = statement(sqlite, 'SELECT version FROM stripe_objects WHERE id = ?').pluck().get(invoice.id) as number | undefined;
  if (version !== undefined) cacheOf(sqlite).set(invoice.id, { version, ends: paidEndsOf(invoice) });
}

function storedPaidEnds(sqlite: Database.Database, providerSubscriptionId: string, except: string | null = null): PaidEnds[] {
  const cache = cacheOf(sqlite);
  const all: PaidEnds[] = [];
  for (const { id, version } of statement(sqlite, PAID_INVOICES).all(providerSubscriptionId) as Array<{ id: string; version: number }>) {
    if (id === except) continue;
    let hit = cache.get(id);
    if (!hit || hit.version !== version) {
      const invoice = storedObject(sqlite, id);
      cache.set(id, (hit = { version, ends: invoice ? paidEndsOf(invoice) : new Map() }));
    }
    all.push(hit.ends);
  }
  return all;
}

/** A page's invoices by subscription, grouped once per page. */
const pageGroups = new WeakMap<readonly StripeJson[], Map<string, StripeJson[]>>();

function pageInvoicesOf(page: readonly StripeJson[], providerSubscriptionId: string): StripeJson[] {
  let groups = pageGroups.get(page);
  if (!groups) {
    groups = new Map();
    for (const json of page) {
      const subscription = json.object === 'invoice' ? invoiceSubscription(json) : null;
      if (subscription !== null) groups.set(subscription, [...(groups.get(subscription) ?? []), json]);
    }
    pageGroups.set(page, groups);
  }
  return groups.get(providerSubscriptionId) ?? [];
}

/** The page's invoices of the subscription that still pay for something. */
function pagePaidInvoicesOf(sqlite: Database.Database, page: readonly StripeJson[], providerSubscriptionId: string): StripeJson[] {
  return pageInvoicesOf(page, providerSubscriptionId).filter((invoice) => !moneyTakenBack(sqlite, invoice.id));
}

function latestEnd(all: Iterable<PaidEnds>, providerItemId: string, from: number | null = null): number | null {
  let latest = from;
  for (const ends of all) {
    const end = ends.get(providerItemId);
    if (end !== undefined && (latest === null || end > latest)) latest = end;
  }
  return latest;
}

/** The end (UTC ISO) of the latest period paid for the item, from its subscription's paid invoices as stored; null when none is paid. */
export function paidUntil(sqlite: Database.Database, providerSubscriptionId: string, providerItemId: string): string | null {
  return isoOf(latestEnd(storedPaidEnds(sqlite, providerSubscriptionId), providerItemId));
}

/** What is paid for the item as stored once `invoiceId`'s money is taken back too (UTC ISO, or null). */
export function paidUntilWithout(sqlite: Database.Database, providerSubscriptionId: string, providerItemId: string, invoiceId: string): string | null {
  return isoOf(latestEnd(storedPaidEnds(sqlite, providerSubscriptionId, invoiceId), providerItemId));
}

/**
 * What is paid for the item as stored, and with `page`'s invoices too (objects about to be
 * stored: they can only add to it, an invoice paid stays paid); one value when they agree.
 */
export function paidUntilVariants(sqlite: Database.Database, providerSubscriptionId: string, providerItemId: string, page: readonly StripeJson[]): Array<string | null> {
  const stored = latestEnd(storedPaidEnds(sqlite, providerSubscriptionId), providerItemId);
  const withPage = latestEnd(pagePaidInvoicesOf(sqlite, page, providerSubscriptionId).map(paidEndsOf), providerItemId, stored);
  return stored === withPage ? [isoOf(stored)] : [isoOf(stored), isoOf(withPage)];
}

/**
 * The items whose paid period this paid invoice extends: its period for them ends later
 * than every other paid invoice's as stored. An invoice that extends none changes nothing
 * the rule last said.
 */
export function itemsItExtends(sqlite: Database.Database, invoice: StripeJson): string[] {
  const subscriptionId = invoiceSubscription(invoice);
  if (subscriptionId === null || invoice.status !== 'paid' || moneyTakenBack(sqlite, invoice.id)) return [];
  const others = storedPaidEnds(sqlite, subscriptionId, invoice.id);
  return [...paidEndsOf(invoice)].filter(([si, end]) => end > (latestEnd(others, si) ?? -Infinity)).map(([si]) => si);
}

/** The seats a paid invoice's charging lines bill for the item (0 when none). */
export function billedSeats(invoice: StripeJson, providerItemId: string): number {
  let seats = 0;
  for (const line of listData(invoice.lines)) {
    if (lineSubscriptionItem(line) === providerItemId && (num(line.amount) ?? 0) >= 0) seats = Math.max(seats, num(line.quantity) ?? 1);
  }
  return seats;
}

/** The subscription's latest paid invoice billing the item, as stored (and among `page`'s, about to be), or null. */
export function latestPaidInvoice(sqlite: Database.Database, providerSubscriptionId: string, providerItemId: string, page: readonly StripeJson[] = []): StripeJson | null {
  let latest: { invoice: StripeJson; at: number } | null = null;
  const consider = (invoice: StripeJson | null) => {
    if (!invoice || invoice.status !== 'paid' || billedSeats(invoice, providerItemId) === 0) return;
    const at = num(path(invoice, 'status_transitions', 'paid_at')) ?? num(invoice.created) ?? 0;
    if (latest === null || at > latest.at || (at === latest.at && invoice.id > latest.invoice.id)) latest = { invoice, at };
  };
  for (const { id } of statement(sqlite, PAID_INVOICES).all(providerSubscriptionId) as Array<{ id: string }>) consider(storedObject(sqlite, id));
  for (const invoice of pagePaidInvoicesOf(sqlite, page, providerSubscriptionId)) consider(invoice);
  return (latest as { invoice: StripeJson } | null)?.invoice ?? null;
}
