/**
 * Recording what providers report. A purchase is upserted with its items and customer
 * and, once confirmed, fulfilled through the ledger in the same write transaction; an
 * event (refund, reversal, cancelled reversal) changes the purchase it names and the
 * licenses it issued. Every status change writes a payment log entry. Each message runs
 * in its own savepoint: one that fails is rolled back whole and reported, the rest stay.
 */
import type Database from 'better-sqlite3';
import type { ApiContext } from '../../api/dispatch';
import { toErrorBody } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import { LicenseTermsError } from '../../license/signer';
import { nowUtc } from '../../shared/time';
import { statement } from '../../store/statements';
import { restoreWithin, revokeWithin } from '../licenses/status';
import { plural } from '../licenses/terms';
import { fulfilItem, type FulfilContext, type ItemFulfilment, type ItemToFulfil, type PurchaseToFulfil } from './fulfil';
import { SkuMatcher, type ItemNames } from './item-skus';
import { COVERED_FULFILMENTS } from './ledger';
import { formatMoney } from './money';
import { findOrCreateCustomer, OWNER_NAME_SQL, ownerNameOf } from './payer';
import { providerLabel } from './providers';
import { SkuBook, withSigners } from './signing';
import { addTally, emptyTally } from './tally';
import { OWED_STATUSES } from './transaction-rows';
import type { ImportTally, MessageResult, PaymentEventMessage, PaymentStatus, ProviderMessage, PurchaseMessage } from './types';

export interface LinedMessage {
  line: number;
  message: ProviderMessage;
}

/**
 * How far along a purchase is. A purchase message only moves it forward, so a late
 * "Pending" after "Completed" (or a replay) changes nothing.
 */
const RANK: Record<PaymentStatus, number> = {
  waiting: 0,
  preauthorized: 1,
  error: 1,
  confirmed: 2,
  rejected: 2,
  partially_refunded: 3,
  refunded: 3,
  reversed: 3,
};

const NO_UNITS: ReadonlySet<number> = new Set();

interface StoredPurchase {
  id: number;
  status: PaymentStatus;
  customerId: number | null;
  currency: string;
  gross: number;
  refunded: number;
  ownerName: string;
  paymentDate: string;
}

function storedPurchase(sqlite: Database.Database, provider: string, providerTxnId: string): StoredPurchase | undefined {
  return statement(
    sqlite,
    `SELECT t.id, t.status, t.customer_id AS customerId, t.currency, t.gross, t.refunded, t.payment_date AS paymentDate,
            ${OWNER_NAME_SQL} AS ownerName
     FROM transactions t LEFT JOIN customers c ON c.id = t.customer_id
     WHERE t.provider = ? AND t.provider_txn_id = ?`,
  ).get(provider, providerTxnId) as StoredPurchase | undefined;
}

function writeLog(
  sqlite: Database.Database,
  transactionId: number,
  entry: { eventType: string; providerEventId: string | null; from: PaymentStatus | null; to: PaymentStatus | null; message: string; data?: Record<string, unknown> },
): number {
  return Number(
    statement(sqlite, 'INSERT INTO payment_logs (transaction_id, event_type, provider_event_id, from_status, to_status, message, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      transactionId,
      entry.eventType,
      entry.providerEventId,
      entry.from,
      entry.to,
      entry.message,
      JSON.stringify(entry.data ?? {}),
    ).lastInsertRowid,
  );
}

/** The keys that confirmed purchases in this batch will sign with (read before the write transaction). */
export function keysToOpen(sqlite: Database.Database, entries: LinedMessage[], matcher: SkuMatcher, skus: SkuBook): Set<number> {
  const keyIds = new Set<number>();
  for (const { message } of entries) {
    if (message.kind !== 'purchase' || message.status !== 'confirmed') continue;
    // Only a key not opened yet is worth a look at the store.
    const wanted: number[] = [];
    for (const item of message.items) {
      const match = matcher.match(item);
      if (match.skuId === null) continue;
      const keyId = skus.usableKeyOf(match.skuId);
      if (keyId !== null && !keyIds.has(keyId)) wanted.push(keyId);
    }
    if (wanted.length === 0) continue;
    const stored = storedPurchase(sqlite, message.provider, message.providerTxnId);
    if (stored && RANK[stored.status] >= RANK.confirmed) continue;
    for (const keyId of wanted) keyIds.add(keyId);
  }
  return keyIds;
}

/** Fulfils an item stored earlier, matching it to a SKU first if it had none (a mapping or SKU added since). */
export function fulfilStoredItem(ctx: FulfilContext, matcher: SkuMatcher, purchase: PurchaseToFulfil, item: ItemToFulfil & ItemNames) {
  if (item.skuId === null) {
    const skuId = matcher.match(item).skuId;
    if (skuId !== null) {
      statement(ctx.sqlite, 'UPDATE transaction_items SET sku_id = ? WHERE id = ?').run(skuId, item.itemId);
      item.skuId = skuId;
    }
  }
  return fulfilItem(ctx, purchase, item);
}

/**
 * Fulfils one item of a purchase recorded earlier again, when the purchase is owed (paid,
 * not wholly given back): units that became licensable since (its subscription item shows
 * the seats it billed now). Nothing when the purchase or the item is not recorded.
 */
export function fulfilPurchaseItem(ctx: FulfilContext, matcher: SkuMatcher, provider: string, providerTxnId: string, providerItemId: string): ItemFulfilment {
  const t = storedPurchase(ctx.sqlite, provider, providerTxnId);
  if (!t || !OWED_STATUSES.includes(t.status)) return { issued: 0, waiting: 0 };
  const item = statement(
    ctx.sqlite,
    `SELECT id AS itemId, sku_id AS skuId, provider_item_id AS providerItemId, quantity, e_item_number AS number, e_item_name AS name, sku_code AS skuCode
     FROM transaction_items WHERE transaction_id = ? AND provider_item_id = ?`,
  ).get(t.id, providerItemId) as (ItemToFulfil & ItemNames) | undefined;
  if (!item) return { issued: 0, waiting: 0 };
  const purchase: PurchaseToFulfil = { transactionId: t.id, provider, providerTxnId, customerId: t.customerId, ownerName: t.ownerName, paymentDate: t.paymentDate };
  return fulfilStoredItem(ctx, matcher, purchase, item);
}

/**
 * Fulfils every item of a purchase stored earlier (its status has just become confirmed);
 * `expiries`: the expiry the confirming message sets for an item (a subscription's period).
 */
function fulfilStoredPurchase(ctx: FulfilContext, purchase: PurchaseToFulfil, matcher: SkuMatcher, expiries: ReadonlyMap<string, string | null>): { issued: number; waiting: number } {
  const items = statement(
    ctx.sqlite,
    `SELECT id AS itemId, sku_id AS skuId, provider_item_id AS providerItemId, quantity, e_item_number AS number, e_item_name AS name, sku_code AS skuCode
     FROM transaction_items WHERE transaction_id = ? ORDER BY id`,
  ).all(purchase.transactionId) as Array<ItemToFulfil & ItemNames>;
  let issued = 0;
  let waiting = 0;
  for (const item of items) {
    if (expiries.has(item.providerItemId)) item.expires = expiries.get(item.providerItemId);
    const result = fulfilStoredItem(ctx, matcher, purchase, item);
    issued += result.issued;
    waiting += result.waiting;
  }
  return { issued, waiting };
}

function recordPurchase(ctx: FulfilContext, matcher: SkuMatcher, m: PurchaseMessage): MessageResult {
  const { sqlite } = ctx;
  const stored = storedPurchase(sqlite, m.provider, m.providerTxnId);
  const label = providerLabel(m.provider);
  if (stored) {
    if (RANK[m.status] <= RANK[stored.status]) return { outcome: 'duplicate', transactionId: stored.id, issued: 0, revoked: 0, restored: 0, waiting: 0 };
    statement(sqlite, 'UPDATE transactions SET status = ?, fee = ?, tax = ?, shipping = ?, updated_at = ? WHERE id = ?').run(m.status, m.fee, m.tax, m.shipping, nowUtc(), stored.id);
    writeLog(sqlite, stored.id, {
      eventType: 'status',
      providerEventId: `status:${m.status}`,
      from: stored.status,
      to: m.status,
      message: `${label} says ${m.providerStatus}.`,
      data: { rawFormat: m.rawFormat, raw: m.raw },
    });
    const fulfilled =
      m.status === 'confirmed'
        ? fulfilStoredPurchase(
            ctx,
            { transactionId: stored.id, provider: m.provider, providerTxnId: m.providerTxnId, customerId: stored.customerId, ownerName: stored.ownerName, paymentDate: stored.paymentDate },
            matcher,
            new Map(m.items.filter((i) => i.expires !== undefined).map((i) => [i.providerItemId, i.expires ?? null])),
          )
        : { issued: 0, waiting: 0 };
    return { outcome: 'updated', transactionId: stored.id, revoked: 0, restored: 0, ...fulfilled };
  }

  const customerId = findOrCreateCustomer(sqlite, ctx.actor, m.provider, m.payer);
  // Read only when the payer gives no name of their own.
  const customerName = () => (customerId === null ? null : (statement(sqlite, 'SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string }).name);
  const transactionId = Number(
    statement(
      sqlite,
      `INSERT INTO transactions (provider, provider_txn_id, txn_type, status, customer_id, payer_email, payer_first_name, payer_last_name, payer_business_name,
         payer_id, residence_country, business, currency, gross, fee, tax, shipping, payment_date, raw_format, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      m.provider,
      m.providerTxnId,
      m.txnType,
      m.status,
      customerId,
      m.payer.email,
      m.payer.firstName,
      m.payer.lastName,
      m.payer.businessName,
      m.payer.payerId,
      m.payer.country,
      m.business,
      m.currency,
      m.gross,
      m.fee,
      m.tax,
      m.shipping,
      m.paymentDate,
      m.rawFormat,
      m.raw,
    ).lastInsertRowid,
  );
  const insertItem = statement(
    sqlite,
    `INSERT INTO transaction_items (transaction_id, sku_id, provider_item_id, quantity, e_item_name, e_item_number, sku_code, gross,
       option_name1, option_selection1, option_name2, option_selection2, option_name3, option_selection3)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const items: ItemToFulfil[] = m.items.map((item) => {
    const skuId = matcher.match(item).skuId;
    const [o1, o2, o3] = item.options;
    const itemId = Number(
      insertItem.run(transactionId, skuId, item.providerItemId, item.quantity, item.name, item.number, item.skuCode, item.gross, o1?.name ?? null, o1?.selection ?? null, o2?.name ?? null, o2?.selection ?? null, o3?.name ?? null, o3?.selection ?? null)
        .lastInsertRowid,
    );
    return { itemId, skuId, providerItemId: item.providerItemId, quantity: item.quantity, ...(item.expires !== undefined && { expires: item.expires }) };
  });
  writeLog(sqlite, transactionId, {
    eventType: 'received',
    providerEventId: `status:${m.status}`,
    from: null,
    to: m.status,
    message: `${label} says ${m.providerStatus}.`,
  });
  let issued = 0;
  let waiting = 0;
  if (m.status === 'confirmed') {
    const purchase: PurchaseToFulfil = { transactionId, provider: m.provider, providerTxnId: m.providerTxnId, customerId, ownerName: ownerNameOf(m.payer, customerName), paymentDate: m.paymentDate };
    items.forEach((item, i) => {
      // A new item has issued nothing, unless its id recurs across purchases (a subscription item).
      const result = fulfilItem(ctx, purchase, item, m.items[i].recurs ? undefined : NO_UNITS);
      issued += result.issued;
      waiting += result.waiting;
    });
  }
  return { outcome: 'recorded', transactionId, issued, waiting, revoked: 0, restored: 0 };
}

interface LedgerLicense {
  fulfilmentId: number;
  licenseId: number;
  revokedByLogId: number | null;
}

/**
 * The licenses the purchase covers (ledger.ts): a renewal's refund reaches the seats an
 * earlier invoice issued. A seat another payment of the same item still pays for (any
 * other invoice of the subscription, earlier or later, not refunded or reversed) stays:
 * money taken back from one invoice leaves the seats the others pay for. Item ids
 * unique to their purchase (IPN, Checkout) have no other payment.
 */
function ledgerLicenses(sqlite: Database.Database, transactionId: number): { licenses: LedgerLicense[]; paidElsewhere: number } {
  const rows = statement(
    sqlite,
    `SELECT f.id AS fulfilmentId, f.license_id AS licenseId, f.revoked_by_log_id AS revokedByLogId,
            EXISTS (SELECT 1 FROM transaction_items other INDEXED BY transaction_items_provider_item_idx
                    JOIN transactions ot ON ot.id = other.transaction_id
                    WHERE other.provider_item_id = ti.provider_item_id AND other.transaction_id <> t.id AND ot.provider = t.provider
                      AND ot.status IN (${OWED_STATUSES.map((status) => `'${status}'`).join(', ')})
                      AND f.unit <= other.quantity) AS paidElsewhere
     FROM transactions t JOIN transaction_items ti ON ti.transaction_id = t.id ${COVERED_FULFILMENTS}
     WHERE t.id = ? ORDER BY f.license_id`,
  ).all(transactionId) as Array<LedgerLicense & { paidElsewhere: 0 | 1 }>;
  const licenses = rows.filter((r) => !r.paidElsewhere).map(({ paidElsewhere: _, ...license }) => license);
  return { licenses, paidElsewhere: rows.length - licenses.length };
}

/** The question a partial refund asks staff, or null when there is nothing to decide. */
export function partialRefundQuestion(refunded: number, gross: number, currency: string, licenseCount: number): string | null {
  if (licenseCount === 0 || refunded <= 0 || refunded >= gross) return null;
  return `Partial refund of ${formatMoney(refunded, currency)} of ${formatMoney(gross, currency)}: decide which of the ${plural(licenseCount, 'license')} to revoke, or keep them all.`;
}

/** Licenses issued after a partial refund (units that waited) raise its question now, if none is open. */
export function askAfterPartialRefund(sqlite: Database.Database, transactionId: number): void {
  const t = statement(
    sqlite,
    `SELECT t.status, t.refunded, t.gross, t.currency, t.pending_decision AS pendingDecision,
            (SELECT count(*) FROM transaction_items ti ${COVERED_FULFILMENTS} WHERE ti.transaction_id = t.id) AS licenses
     FROM transactions t WHERE t.id = ?`,
  ).get(transactionId) as { status: PaymentStatus; refunded: number; gross: number; currency: string; pendingDecision: string | null; licenses: number };
  if (t.status !== 'partially_refunded' || t.pendingDecision !== null) return;
  const question = partialRefundQuestion(t.refunded, t.gross, t.currency, t.licenses);
  if (question) statement(sqlite, 'UPDATE transactions SET pending_decision = ? WHERE id = ?').run(question, transactionId);
}

/** The status before the last reversal (a purchase reversed while still pending goes back to pending). */
function previousStatus(sqlite: Database.Database, transactionId: number): PaymentStatus | null {
  const row = statement(sqlite, "SELECT from_status AS status FROM payment_logs WHERE transaction_id = ? AND event_type = 'reversal' ORDER BY id DESC LIMIT 1").get(transactionId) as
    | { status: PaymentStatus | null }
    | undefined;
  return row?.status ?? null;
}

function recordEvent(ctx: FulfilContext, m: PaymentEventMessage, now: string): MessageResult {
  const { sqlite } = ctx;
  const label = providerLabel(m.provider);
  const t = storedPurchase(sqlite, m.provider, m.providerTxnId);
  const what = m.event === 'refund' ? 'refund' : m.event === 'reversal' ? 'reversal' : 'cancelled reversal';
  if (!t) throw new KeyHubError('NOT_FOUND', `No ${label} purchase ${m.providerTxnId} is recorded yet, so this ${what} has nothing to apply to; import the purchase first.`);
  const seen = statement(sqlite, 'SELECT 1 FROM payment_logs WHERE transaction_id = ? AND provider_event_id = ?').get(t.id, m.eventId);
  if (seen) return { outcome: 'duplicate', transactionId: t.id, issued: 0, revoked: 0, restored: 0, waiting: 0 };
  if (m.amount > 0 && m.currency !== t.currency) {
    throw new KeyHubError('VALIDATION', `The ${what} is in ${m.currency} but purchase ${m.providerTxnId} was paid in ${t.currency}.`);
  }
  const { licenses, paidElsewhere } = ledgerLicenses(sqlite, t.id);
  const keptNote =
    paidElsewhere > 0
      ? ` ${plural(paidElsewhere, 'license')} stay${paidElsewhere === 1 ? 's' : ''}: another payment of the same subscription covers ${paidElsewhere === 1 ? 'it' : 'them'}.`
      : '';
  const because = m.reason ? ` (${m.reason})` : '';
  // Staff decide about every license the purchase covers (as askAfterPartialRefund counts), those other payments cover too.
  const partialQuestion = (refundedSoFar: number) => partialRefundQuestion(refundedSoFar, t.gross, t.currency, licenses.length + paidElsewhere);
  let to: PaymentStatus = t.status;
  let refunded = t.refunded;
  let decision: string | null | undefined; // undefined: unchanged
  let message: string;
  let revoke: LedgerLicense[] = [];
  let restore: LedgerLicense[] = [];
  let reason = '';

  if (m.event === 'refund') {
    refunded = t.refunded + m.amount;
    const full = refunded >= t.gross;
    message = `${label} refunded ${formatMoney(m.amount, m.currency)}${because}: ${full ? 'in full' : `${formatMoney(refunded, t.currency)} of ${formatMoney(t.gross, t.currency)} so far`}.`;
    reason = `Refunded at ${label} (${m.eventId.split('/')[0]})${because}.`;
    if (t.status === 'reversed') {
      // The reversal already took the money and the licenses; the refund is noted for when it is cancelled.
      to = 'reversed';
      if (full) revoke = licenses;
    } else if (full) {
      to = 'refunded';
      revoke = licenses;
      decision = null;
    } else {
      to = 'partially_refunded';
      decision = partialQuestion(refunded);
    }
  } else if (m.event === 'reversal') {
    to = 'reversed';
    message = `${label} reversed the payment${because}${m.amount ? `: ${formatMoney(m.amount, m.currency)}` : ''}.`;
    reason = `Payment reversed at ${label}${because}.`;
    revoke = licenses;
    decision = null;
  } else {
    message = `${label} cancelled the reversal${because}; the payment stands.`;
    reason = `Reversal cancelled at ${label}${because}: the payment stands.`;
    if (t.status === 'reversed') {
      const before = previousStatus(sqlite, t.id);
      to = t.refunded >= t.gross ? 'refunded' : t.refunded > 0 ? 'partially_refunded' : before === null || before === 'reversed' ? 'confirmed' : before;
      decision = to === 'partially_refunded' ? partialQuestion(t.refunded) : null;
      if (to !== 'refunded') {
        const reversals = new Set(
          (statement(sqlite, "SELECT id FROM payment_logs WHERE transaction_id = ? AND event_type = 'reversal'").all(t.id) as Array<{ id: number }>).map((r) => r.id),
        );
        restore = licenses.filter((l) => l.revokedByLogId !== null && reversals.has(l.revokedByLogId));
      }
    }
  }

  const logId = writeLog(sqlite, t.id, {
    eventType: m.event,
    providerEventId: m.eventId,
    from: t.status,
    to,
    message: m.event === 'reversal' || (m.event === 'refund' && refunded >= t.gross) ? message + keptNote : message,
    data: { amount: m.amount, currency: m.currency, reason: m.reason, occurredAt: m.occurredAt, rawFormat: m.rawFormat, raw: m.raw },
  });
  const purchase = { transactionId: t.id, provider: m.provider, providerTxnId: m.providerTxnId, paymentLogId: logId };
  const markRevoked = statement(sqlite, 'UPDATE fulfilments SET revoked_by_log_id = ? WHERE id = ?');
  let revoked = 0;
  for (const l of revoke) {
    if (revokeWithin(sqlite, ctx.actor, l.licenseId, reason, { purchase }, now)) {
      markRevoked.run(logId, l.fulfilmentId);
      revoked++;
    } else if (l.revokedByLogId !== null) {
      // Already revoked by an earlier event: this one now holds it, so cancelling that event does not bring it back.
      markRevoked.run(logId, l.fulfilmentId);
    }
  }
  let restored = 0;
  for (const l of restore) {
    if (restoreWithin(sqlite, ctx.actor, l.licenseId, reason, { purchase }, now)) restored++;
    markRevoked.run(null, l.fulfilmentId);
  }
  if (decision === undefined) {
    statement(sqlite, 'UPDATE transactions SET status = ?, refunded = ?, updated_at = ? WHERE id = ?').run(to, refunded, now, t.id);
  } else {
    statement(sqlite, 'UPDATE transactions SET status = ?, refunded = ?, pending_decision = ?, updated_at = ? WHERE id = ?').run(to, refunded, decision, now, t.id);
  }
  return { outcome: 'updated', transactionId: t.id, issued: 0, revoked, restored, waiting: 0 };
}

/**
 * Records one message inside the caller's write transaction (a sync page's). The signers
 * in `fulfil` must hold the keys its confirmed items sign with (`keysToOpen`); when a
 * savepoint may roll back, `fulfil.ids` must be unset.
 */
export function recordMessage(fulfil: FulfilContext, matcher: SkuMatcher, message: ProviderMessage, now: string): MessageResult {
  return message.kind === 'purchase' ? recordPurchase(fulfil, matcher, message) : recordEvent(fulfil, message, now);
}

/**
 * Records a batch of parsed messages into `tally`. Needs the keys unlocked when a
 * confirmed purchase will issue (LOCKED is raised before anything is written).
 */
export async function recordMessages(ctx: ApiContext, entries: LinedMessage[], tally: ImportTally): Promise<void> {
  const { sqlite, db } = ctx.store;
  const matcher = new SkuMatcher(sqlite);
  const skus = new SkuBook(db);
  const keyIds = keysToOpen(sqlite, entries, matcher, skus);
  const now = nowUtc();
  await withSigners(ctx, keyIds, (signers) => {
    const fulfil: FulfilContext = { sqlite, actor: ctx.actor, skus, signers, ids: { next: null } };
    const apply = (message: ProviderMessage) => recordMessage(fulfil, matcher, message, now);
    const count = (into: ImportTally, result: MessageResult) => {
      if (result.outcome === 'duplicate') into.duplicates++;
      else into[result.outcome]++;
      into.issued += result.issued;
      into.revoked += result.revoked;
      into.restored += result.restored;
      into.waiting += result.waiting;
    };
    // Fast path: the whole batch in one transaction without a savepoint a message (they
    // cost about a tenth of the time). If any message fails, all of it is rolled back
    // and the batch runs again, each message in its own savepoint.
    const batch = emptyTally();
    try {
      // IMMEDIATE: the write lock is taken (waiting out busy_timeout) before the first read.
      sqlite.transaction(() => {
        for (const { message } of entries) count(batch, apply(message));
      }).immediate();
      batch.messages = entries.length;
      addTally(tally, batch);
      return;
    } catch (error) {
      if (!isMessageFailure(error)) throw error;
    }
    // Savepoints roll ids back: each license id is read again from the store.
    fulfil.ids = undefined;
    const one = sqlite.transaction(apply);
    sqlite.transaction(() => {
      for (const { line, message } of entries) {
        tally.messages++;
        try {
          count(tally, one(message));
        } catch (error) {
          if (!isMessageFailure(error)) throw error;
          tally.rejected.push({ line, txnId: message.providerTxnId, reason: toErrorBody(error).message });
        }
      }
    }).immediate();
  });
}

/**
 * A message's own fault (a refusal, a constraint it breaks, terms a file cannot hold),
 * as opposed to the store failing (busy, I/O, read-only), which stops the batch.
 */
export function isMessageFailure(error: unknown): boolean {
  if (error instanceof LicenseTermsError) return true;
  if (error instanceof KeyHubError) return error.code !== 'LOCKED' && error.code !== 'INTERNAL';
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
