/**
 * One PayPal IPN / e-junkie message → a ProviderMessage, or the reason it is refused.
 * Payments (Completed, Pending, Denied…) are purchases; Refunded, Reversed and
 * Canceled_Reversal are events on the purchase named by `parent_txn_id`. e-junkie
 * forwards PayPal's message with its own fields added (`ej_txn_id`, `handshake`, `sku`):
 * it is recorded as PayPal's, those fields kept in the raw message only.
 *
 * A refusal names the field, its line and the value, in words: "line 12: mc_gross is
 * “12,50”, not an amount in USD (like 249 or 9.02)". No Node imports: the renderer may
 * use it.
 */
import { currencyDigits, isKnownCurrency, parseAmount } from '../money';
import type { Payer, PaymentEventMessage, ProviderMessage, PurchaseItem, PurchaseMessage, PurchaseStatus, RejectedMessage } from '../types';
import { KNOWN_ZONES, readPaymentDate } from './dates';
import { charsetOf, decodeFormValue, decoderFor, isProblem, readPairs, type RawPair } from './fields';

export { ipnFields } from './fields';

export const IPN_PROVIDER = 'paypal';
/** KeyHub issues one license per unit; more than this in one line is surely a mistake. */
export const MAX_QUANTITY = 1000;
const MAX_CART_ITEMS = 1000;

export type ParsedIpn = { ok: true; message: ProviderMessage } | { ok: false; rejected: RejectedMessage };

const REQUIRED = ['txn_id', 'payment_status', 'mc_gross', 'mc_currency', 'payment_date'] as const;

const PURCHASE_STATUSES: Record<string, PurchaseStatus> = {
  completed: 'confirmed',
  processed: 'confirmed',
  pending: 'waiting',
  created: 'waiting',
  denied: 'rejected',
  failed: 'rejected',
  expired: 'rejected',
  voided: 'rejected',
};

const EVENTS: Record<string, PaymentEventMessage['event']> = {
  refunded: 'refund',
  reversed: 'reversal',
  canceled_reversal: 'reversal_cancelled',
};

/** Pending reasons that mean the money is authorised, not yet captured. */
const AUTHORIZED = new Set(['authorization', 'order']);

const KNOWN_STATUS_WORDS = 'Completed, Processed, Pending, Created, Denied, Failed, Expired, Voided, Refunded, Reversed or Canceled_Reversal';

/** A value quoted in a reason, cut short so the reason stays one readable line. */
const quote = (value: string) => `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

class Refusal extends Error {
  constructor(
    readonly at: number | null,
    message: string,
  ) {
    super(message);
  }
}

interface DecodedPair {
  key: string;
  value: string;
  line: number;
}

/** The decoded fields of one message; reading a key given twice with different values refuses the message. */
class Fields {
  private readonly values = new Map<string, string>();
  /** Keys given again with another value (rare): the second value. */
  private conflicts: Map<string, string> | null = null;

  constructor(private readonly pairs: DecodedPair[]) {
    for (const { key, value } of pairs) {
      const seen = this.values.get(key);
      if (seen === undefined) this.values.set(key, value);
      else if (seen !== value && !this.conflicts?.has(key)) (this.conflicts ??= new Map()).set(key, value);
    }
  }

  /** The value as given, or undefined when absent. */
  raw(key: string): string | undefined {
    const value = this.values.get(key);
    if (value !== undefined && this.conflicts?.has(key)) {
      const other = this.conflicts.get(key)!;
      const first = this.lineOf(key)!;
      const second = this.pairs.find((p) => p.key === key && p.value === other)!.line;
      const where = first === second ? '' : ` on lines ${first} and ${second}`;
      throw new Refusal(second, `${key} is given twice with different values${where} (${quote(value)} and ${quote(other)}), so KeyHub cannot tell which is right`);
    }
    return value;
  }

  /** The trimmed value, or null when absent or empty. */
  text(key: string): string | null {
    const value = this.raw(key);
    if (value === undefined) return null;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }

  /** The line a key is (first) given on, for a refusal. */
  lineOf(key: string): number | null {
    return this.pairs.find((p) => p.key === key)?.line ?? null;
  }

  has(key: string): boolean {
    return this.text(key) !== null;
  }
}

function amountHint(currency: string): string {
  const digits = currencyDigits(currency);
  return digits === 0 ? 'like 249 or 1200' : `like 249 or 9.${'025'.slice(0, digits).padStart(digits, '0')}`;
}

/** Reads a message; `line` is where its text starts in the file or pasted text. */
export function parseIpnMessage(text: string, line: number): ParsedIpn {
  const seen: { txnId: string | null } = { txnId: null };
  try {
    return { ok: true, message: readMessage(text, line, seen) };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const where = error.at !== null && error.at !== line ? `line ${error.at}: ` : '';
    return { ok: false, rejected: { line, txnId: seen.txnId, reason: `${where}${error.message}.` } };
  }
}

/** `seen.txnId` is set as soon as the transaction id is known, so a refusal can name it. */
function readMessage(text: string, firstLine: number, seen: { txnId: string | null }): ProviderMessage {
  const written = readPairs(text, firstLine);
  // Named in a refusal even when the message cannot be read.
  const writtenTxnId = written.pairs.find((p) => p.key === 'txn_id')?.value.trim();
  if (writtenTxnId) seen.txnId = writtenTxnId;
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    const at = firstLine + (text.slice(0, replacement).match(/\n/g)?.length ?? 0);
    throw new Refusal(at, 'the text is not valid UTF-8 (saved in another encoding?): save the file as UTF-8, or keep PayPal’s %-escapes');
  }
  if (written.stray.length > 0) {
    const stray = written.stray[0];
    if (written.pairs.length === 0) throw new Refusal(stray.line, `${quote(stray.text)} is not an IPN message (no key=value pairs)`);
    throw new Refusal(stray.line, `${quote(stray.text)} is not a key=value pair: the message is cut off or damaged`);
  }
  if (written.pairs.length === 0) throw new Refusal(firstLine, 'the message is empty');

  const fields = new Fields(decodePairs(written.pairs));
  seen.txnId = fields.text('txn_id') ?? seen.txnId;
  checkRequired(fields, firstLine);
  const id = fields.text('txn_id')!;

  const statusWord = fields.text('payment_status')!;
  const statusKey = statusWord.toLowerCase();
  const event = EVENTS[statusKey];
  const purchaseStatus = PURCHASE_STATUSES[statusKey];
  if (!event && !purchaseStatus) {
    throw new Refusal(fields.lineOf('payment_status'), `payment_status is ${quote(statusWord)}, not one KeyHub knows (${KNOWN_STATUS_WORDS})`);
  }

  const currency = readCurrency(fields);
  const gross = readAmount(fields, 'mc_gross', currency)!;
  const date = readDate(fields);
  const raw = written.form === 'urlencoded' ? text.trim() : text;

  if (event) {
    const parent = fields.text('parent_txn_id');
    if (!parent) {
      throw new Refusal(fields.lineOf('payment_status'), `payment_status ${statusWord} needs parent_txn_id (the purchase it is about), and the message has none: it is cut short`);
    }
    return {
      kind: 'event',
      provider: IPN_PROVIDER,
      providerTxnId: parent,
      eventId: `${id}/${statusWord}`,
      event,
      amount: Math.abs(gross),
      currency,
      reason: fields.text('reason_code'),
      providerStatus: statusWord,
      occurredAt: date,
      rawFormat: 'ipn',
      raw,
    };
  }

  if (gross < 0) {
    throw new Refusal(fields.lineOf('mc_gross'), `mc_gross is ${quote(fields.text('mc_gross')!)}, a negative amount, but payment_status ${statusWord} is a payment (refunds say Refunded)`);
  }
  const pendingReason = fields.text('pending_reason');
  const pending = purchaseStatus === 'waiting' && pendingReason !== null && pendingReason.toLowerCase() !== 'none';
  const status: PurchaseStatus = pending && AUTHORIZED.has(pendingReason.toLowerCase()) ? 'preauthorized' : purchaseStatus;
  const tax = readAmount(fields, 'tax', currency, { nonNegative: true }) ?? 0;
  const shipping = readAmount(fields, 'mc_shipping', currency, { nonNegative: true }) ?? 0;
  const purchase: PurchaseMessage = {
    kind: 'purchase',
    provider: IPN_PROVIDER,
    providerTxnId: id,
    txnType: fields.text('txn_type'),
    status,
    providerStatus: pending ? `${statusWord} (${pendingReason})` : statusWord,
    payer: readPayer(fields),
    business: fields.text('business') ?? fields.text('receiver_email'),
    currency,
    gross,
    fee: readAmount(fields, 'mc_fee', currency, { nonNegative: true }) ?? 0,
    tax,
    shipping,
    paymentDate: date,
    // A single item's line is the payment less tax and shipping.
    items: readItems(fields, id, currency, Math.max(0, gross - tax - shipping)),
    rawFormat: 'ipn',
    raw,
  };
  return purchase;
}

/** Decodes the pairs in place (they are this message's own) and returns them. */
function decodePairs(pairs: RawPair[]): DecodedPair[] {
  const charset = charsetOf(pairs);
  if (charset?.conflict) {
    throw new Refusal(charset.line, `charset is given twice, as ${quote(charset.value)} and ${quote(charset.conflict)}: bad encoding`);
  }
  const label = charset?.value ?? 'utf-8';
  const decoder = decoderFor(label);
  if (!decoder) {
    throw new Refusal(charset!.line, `charset is ${quote(label)}, not a character set KeyHub can read (like UTF-8 or windows-1252): bad encoding`);
  }
  for (const pair of pairs) {
    const key = decodeFormValue(pair.key, decoder);
    if (isProblem(key)) throw new Refusal(pair.line, `the key ${quote(pair.key)} cannot be read (bad encoding)`);
    const value = decodeFormValue(pair.value, decoder);
    if (isProblem(value)) {
      if (value.kind === 'escape') throw new Refusal(pair.line, `${key} has a broken %-escape (${quote(value.escape)}; an escape is % and two hex digits): bad encoding`);
      throw new Refusal(pair.line, `${key} has bytes that are not valid ${label} text (the message’s charset): bad encoding`);
    }
    pair.key = key;
    pair.value = value;
  }
  return pairs;
}

const NOT_PAYMENTS = /^(subscr_(signup|cancel|modify|failed|eot)|recurring_payment_(profile_created|profile_cancel|suspended|expired|failed)|mp_(signup|cancel)|new_case)$/;

function checkRequired(fields: Fields, firstLine: number): void {
  const missing = REQUIRED.filter((key) => !fields.has(key));
  if (missing.length === 0) return;
  const txnType = fields.text('txn_type');
  if (txnType && NOT_PAYMENTS.test(txnType) && !fields.has('payment_status')) {
    throw new Refusal(fields.lineOf('txn_type'), `a ${txnType} message is not a payment: KeyHub imports payments (nothing to record)`);
  }
  if (missing.length === 1 && missing[0] === 'txn_id') {
    throw new Refusal(firstLine, 'the message has no txn_id (PayPal’s transaction id), so it cannot be recorded exactly once: missing txn id');
  }
  const verb = missing.length === 1 ? 'is' : 'are';
  throw new Refusal(firstLine, `the message is cut short (truncated): ${list(missing)} ${verb} missing`);
}

function readCurrency(fields: Fields): string {
  const written = fields.text('mc_currency')!;
  const code = written.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code)) {
    throw new Refusal(fields.lineOf('mc_currency'), `mc_currency is ${quote(written)}, not a currency KeyHub knows (an ISO 4217 code like USD or EUR)`);
  }
  return code;
}

/** Minor units, or null when the field is absent or empty. */
function readAmount(fields: Fields, key: string, currency: string, options: { nonNegative?: boolean } = {}): number | null {
  const written = fields.text(key);
  if (written === null) return null;
  const amount = parseAmount(written, currency);
  if (amount === null) throw new Refusal(fields.lineOf(key), `${key} is ${quote(written)}, not an amount in ${currency} (${amountHint(currency)})`);
  if (options.nonNegative && amount < 0) throw new Refusal(fields.lineOf(key), `${key} is ${quote(written)}, a negative amount, which a payment cannot have`);
  return amount;
}

function readDate(fields: Fields): string {
  const written = fields.text('payment_date')!;
  const reading = readPaymentDate(written);
  if ('iso' in reading) return reading.iso;
  const at = fields.lineOf('payment_date');
  if (reading.problem === 'zone') {
    throw new Refusal(at, `payment_date is ${quote(written)}, in a time zone KeyHub does not know (${quote(reading.zone ?? '')}; it reads ${KNOWN_ZONES.join(', ')} and offsets like +0200)`);
  }
  throw new Refusal(at, `payment_date is ${quote(written)}, not a date like “02:51:26 Jul 18, 2012 MST”`);
}

function readPayer(fields: Fields): Payer {
  const country = fields.text('residence_country')?.toUpperCase() ?? null;
  return {
    email: fields.text('payer_email'),
    firstName: fields.text('first_name'),
    lastName: fields.text('last_name'),
    businessName: fields.text('payer_business_name'),
    payerId: fields.text('payer_id'),
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
  };
}

function readQuantity(fields: Fields, key: string): number {
  const written = fields.text(key);
  if (written === null) return 1;
  const quantity = /^\d{1,7}$/.test(written) ? Number(written) : NaN;
  if (!(quantity >= 1 && quantity <= MAX_QUANTITY)) {
    const negative = /^-\s*\d/.test(written) ? ', a negative quantity' : '';
    throw new Refusal(fields.lineOf(key), `${key} is ${quote(written)}${negative}, not a number of units (a whole number from 1 to ${MAX_QUANTITY}; KeyHub issues one license per unit)`);
  }
  return quantity;
}

function readOptions(fields: Fields, nameKey: (i: number) => string, selectionKey: (i: number) => string): PurchaseItem['options'] {
  const options: PurchaseItem['options'] = [];
  for (let i = 1; i <= 3; i++) {
    const name = fields.text(nameKey(i));
    const selection = fields.text(selectionKey(i));
    if (name !== null || selection !== null) options.push({ name: name ?? '', selection: selection ?? '' });
  }
  return options;
}

function readItems(fields: Fields, txnId: string, currency: string, singleGross: number): PurchaseItem[] {
  const cartSize = fields.text('num_cart_items');
  if (cartSize !== null) return readCart(fields, txnId, currency, cartSize);
  const name = fields.text('item_name');
  const number = fields.text('item_number');
  const skuCode = fields.text('sku');
  if (name === null && number === null && skuCode === null) return [];
  return [
    {
      providerItemId: `${txnId}#1`,
      name,
      number,
      skuCode,
      quantity: readQuantity(fields, 'quantity'),
      gross: singleGross,
      options: readOptions(fields, (i) => `option_name${i}`, (i) => `option_selection${i}`),
    },
  ];
}

function readCart(fields: Fields, txnId: string, currency: string, written: string): PurchaseItem[] {
  const at = fields.lineOf('num_cart_items');
  const count = /^\d{1,7}$/.test(written) ? Number(written) : NaN;
  if (!(count >= 0 && count <= MAX_CART_ITEMS)) throw new Refusal(at, `num_cart_items is ${quote(written)}, not a number of cart items (0 to ${MAX_CART_ITEMS})`);
  // e-junkie names the SKU of the item at item_cart_position (the only one in a one-item cart).
  const skuCode = fields.text('sku');
  const positionText = fields.text('item_cart_position');
  const skuPosition = positionText !== null && /^\d+$/.test(positionText) ? Number(positionText) : count === 1 ? 1 : null;
  const items: PurchaseItem[] = [];
  for (let n = 1; n <= count; n++) {
    const name = fields.text(`item_name${n}`);
    const number = fields.text(`item_number${n}`);
    if (name === null && number === null) {
      throw new Refusal(at, `num_cart_items is ${count} but item ${n} is not there (no item_name${n} or item_number${n}): the message is cut short (truncated)`);
    }
    const grossKey = fields.has(`mc_gross_${n}`) ? `mc_gross_${n}` : `mc_gross${n}`;
    const gross = readAmount(fields, grossKey, currency, { nonNegative: true }) ?? 0;
    const single = fields.text('item_number');
    const sku = skuCode !== null && skuPosition === n && (single === null || single === number) ? skuCode : null;
    items.push({
      providerItemId: `${txnId}#${n}`,
      name,
      number,
      skuCode: sku,
      quantity: readQuantity(fields, `quantity${n}`),
      gross,
      options: readOptions(fields, (i) => `option_name${i}_${n}`, (i) => `option_selection${i}_${n}`),
    });
  }
  return items;
}
