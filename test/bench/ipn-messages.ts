/**
 * Realistic PayPal IPN / e-junkie messages for the import bench, modelled field for
 * field on the seed's sample (004_*.txt, Transactions) and PayPal's IPN variables:
 * - payers: about a third of purchases come from a returning payer, one in ten has a
 *   business name; names with accents, sent in utf-8 or windows-1252;
 * - PayPal's own messages (four in five): form-urlencoded, one whole message a line as
 *   PayPal posts it, single items (`web_accept`, `item_number` = the SKU code) or carts
 *   of 1–3 items (`cart`, `item_numberN`);
 * - e-junkie's (one in five): one `key=value` a line like the seed (`item_numberN =
 *   NNN||SKU`, `sku=`, the trailing `ej_txn_id` after a blank line), posted once per
 *   cart item (the later ones are duplicates of the first);
 * - USD, EUR, GBP and JPY (no decimals); quantities mostly 1;
 * - a small share Pending (eCheck) then Completed later in the file, Refunded in full
 *   (parent_txn_id) later, a partial refund of a multi-unit line, and an item no SKU
 *   matches (it waits for a mapping).
 * Seeded, so every run writes the same file; written in chunks, never whole in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface BenchSku {
  sku: string;
  name: string;
  /** e-junkie's product number, before `||`. */
  number: string;
  /** Price in US cents. */
  usd: number;
  vendor: 'Imazen' | 'Kestrel Type Foundry';
  licenseDays: number | null;
}

export const BENCH_SKUS: BenchSku[] = [
  { sku: 'R3Bundle1Ent', name: 'Resizer 3', number: '929356', usd: 24900, vendor: 'Imazen', licenseDays: null },
  { sku: 'R3Elite', name: 'Resizer 3 Elite', number: '929357', usd: 84900, vendor: 'Imazen', licenseDays: null },
  { sku: 'R4Performance', name: 'ImageResizer 4 Performance', number: '930101', usd: 24900, vendor: 'Imazen', licenseDays: null },
  { sku: 'R4Creative', name: 'ImageResizer 4 Creative', number: '930102', usd: 44900, vendor: 'Imazen', licenseDays: null },
  { sku: 'R4Elite', name: 'ImageResizer 4 Elite', number: '930103', usd: 84900, vendor: 'Imazen', licenseDays: null },
  { sku: 'R4EliteAnnual', name: 'ImageResizer 4 Elite (1 year)', number: '930104', usd: 29900, vendor: 'Imazen', licenseDays: 365 },
  { sku: 'ImageflowPro', name: 'Imageflow Server Pro (1 year)', number: '940001', usd: 59900, vendor: 'Imazen', licenseDays: 365 },
  { sku: 'KSansWeb', name: 'Kestrel Sans, web licence (2 sites)', number: '512001', usd: 9900, vendor: 'Kestrel Type Foundry', licenseDays: null },
  { sku: 'KSansWebVariable', name: 'Kestrel Sans Variable, web licence', number: '512002', usd: 19900, vendor: 'Kestrel Type Foundry', licenseDays: null },
];

/** An item no SKU matches: its units wait for a mapping. */
const UNMAPPED = { name: 'ImageResizer 2 Legacy', number: '700100', usd: 9900 };

const CURRENCIES: Array<{ code: string; rate: number; digits: number; share: number }> = [
  { code: 'USD', rate: 1, digits: 2, share: 0.6 },
  { code: 'EUR', rate: 0.92, digits: 2, share: 0.2 },
  { code: 'GBP', rate: 0.79, digits: 2, share: 0.12 },
  { code: 'JPY', rate: 150, digits: 0, share: 0.08 },
];

const FIRST = ['Kathrin', 'Anna', 'Lukas', 'Jürgen', 'Mia', 'Noah', 'Emma', 'Léa', 'Sofía', 'Elías', 'Inès', 'Raphaël', 'Zoë', 'Björn', 'Åsa', 'Søren', 'Olivia', 'James', 'Amelia', 'Oliver', 'George', 'Chloé', 'Matteo', 'Giulia', 'Hugo', 'Camille', 'Álvaro', 'Lucía', 'Yuki', 'Haruto', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Ingrid', 'Lars', 'François', 'Hélène', 'João', 'Conceição'];
const LAST = ['Fretz', 'Müller', 'Schröder', 'Weiß', 'Fischer', 'Weber', 'Köhler', 'Hoffmann', 'Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', "O'Brien", 'Rossi', 'Ferrari', 'Esposito', 'Dubois', 'Lefèvre', 'Moreau', 'García', 'Fernández', 'González', 'Rodríguez', 'Sánchez', 'Pérez', 'Sato', 'Tanaka', 'Patel', 'Sharma', 'Hansen', 'Ångström', 'Nørgaard', 'Gonçalves', 'Novak', 'Brännström'];
const COMPANY = ['Photometer', 'Bluewater', 'Gallery Nord', 'Harbor Analytics', 'Alpine Média', 'Café Pixel', 'Summit Print', 'Nordlicht Studio', 'Rivière Design', 'Zenith Labs', 'Falcon Works', 'Öresund Data'];
const SUFFIX = ['AG', 'GmbH', 'Ltd', 'Inc.', 'LLC', 'S.A.', 'SARL', 'BV', 'Oy'];
const MAIL = ['gmail.com', 'outlook.com', 'gmx.de', 'yahoo.com', 'icloud.com', 'proton.me', 'bluewin.ch', 'orange.fr'];
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'CH', 'FR', 'ES', 'IT', 'NL', 'SE', 'DK', 'JP', 'IN', 'CA', 'AU', 'BR', 'PT'];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** mulberry32: a small seeded generator, so every run writes the same file. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  const chars = (n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, chars };
}

type Rng = ReturnType<typeof random>;

/** A form-urlencoded value in a charset: `+` for spaces, %XX for the charset's bytes. */
function formValue(text: string, charset: 'utf-8' | 'windows-1252'): string {
  if (charset === 'utf-8') return encodeURIComponent(text).replace(/%20/g, '+');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out += ch === ' ' ? '+' : encodeURIComponent(ch);
    else if (code <= 0xff) out += `%${code.toString(16).toUpperCase()}`; // windows-1252 is Latin-1 from 0xA0 up
    else throw new Error(`${ch} has no windows-1252 byte`);
  }
  return out;
}

/** PayPal's `HH:MM:SS Mon DD, YYYY PDT`, in Pacific time as PayPal writes it. */
function paypalDate(utcMs: number): string {
  const month = new Date(utcMs).getUTCMonth();
  const summer = month >= 3 && month <= 9; // close enough to US daylight time for a bench
  const local = new Date(utcMs + (summer ? -7 : -8) * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${MONTHS[local.getUTCMonth()]} ${two(local.getUTCDate())}, ${local.getUTCFullYear()} ${summer ? 'PDT' : 'PST'}`;
}

interface Payer {
  first: string;
  last: string;
  business: string | null;
  email: string;
  payerId: string;
  country: string;
}

interface Line {
  name: string;
  number: string;
  sku: string | null;
  quantity: number;
  /** Minor units of the purchase's currency, for the whole line. */
  gross: number;
  mapped: boolean;
}

interface Purchase {
  txnId: string;
  payer: Payer;
  currency: (typeof CURRENCIES)[number];
  charset: 'utf-8' | 'windows-1252';
  lines: Line[];
  gross: number;
  fee: number;
  ejunkie: boolean;
  cart: boolean;
  invoice: string;
  ejTxnId: number;
  clientId: number;
}

const amountText = (minor: number, digits: number) => (digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits));

/** A PayPal message: form-urlencoded on one line, keys in PayPal's own (unordered) order. */
function paypalMessage(rng: Rng, p: Purchase, status: 'Completed' | 'Pending', atMs: number): string {
  const v = (text: string) => formValue(text, p.charset);
  const money = (minor: number) => amountText(minor, p.currency.digits);
  const usd = p.currency.code === 'USD';
  const fields: Array<[string, string]> = [
    ['mc_gross', money(p.gross)],
    ['protection_eligibility', 'Eligible'],
    ['address_status', 'confirmed'],
    ['payer_id', p.payer.payerId],
    ['tax', money(0)],
    ['address_street', v(`${1 + rng.int(200)} ${rng.pick(['Main St', 'Bahnhofstrasse', 'Rue de Rivoli', 'High Street', 'Calle Mayor'])}`)],
    ['payment_date', v(paypalDate(atMs))],
    ['payment_status', status],
    ['charset', p.charset],
    ['address_zip', String(10000 + rng.int(89999))],
    ['first_name', v(p.payer.first)],
    ['mc_fee', money(p.fee)],
    ['address_country_code', p.payer.country],
    ['address_name', v(`${p.payer.first} ${p.payer.last}`)],
    ['notify_version', '3.9'],
    ['custom', ''],
    ['payer_status', rng.next() < 0.7 ? 'verified' : 'unverified'],
    ['business', v('billing@imazen.example')],
    ['address_country', p.payer.country],
    ['address_city', v(rng.pick(['Zürich', 'Seattle', 'München', 'Lyon', 'Leeds', 'Sevilla', 'Osaka']))],
    ['verify_sign', rng.chars(56, `${ALNUM}abcdefghijklmnopqrstuvwxyz-.`)],
    ['payer_email', v(p.payer.email)],
    ['txn_id', p.txnId],
    ['payment_type', status === 'Pending' ? 'echeck' : 'instant'],
    ['last_name', v(p.payer.last)],
    ['address_state', ''],
    ['receiver_email', v('billing@imazen.example')],
    ['receiver_id', 'S8XGHLYDW9T3S'],
    ['txn_type', p.cart ? 'cart' : 'web_accept'],
    ['mc_currency', p.currency.code],
    ['residence_country', p.payer.country],
    ['transaction_subject', ''],
    ['ipn_track_id', rng.chars(13, '0123456789abcdef')],
  ];
  if (p.payer.business) fields.push(['payer_business_name', v(p.payer.business)]);
  if (status === 'Pending') fields.push(['pending_reason', 'echeck']);
  if (usd) fields.push(['payment_gross', money(p.gross)], ['payment_fee', money(p.fee)]);
  if (p.cart) {
    fields.push(['num_cart_items', String(p.lines.length)], ['mc_handling', money(0)], ['mc_shipping', money(0)]);
    p.lines.forEach((line, i) => {
      const n = i + 1;
      fields.push([`item_name${n}`, v(line.name)], [`item_number${n}`, v(line.number)], [`quantity${n}`, String(line.quantity)], [`mc_gross_${n}`, money(line.gross)], [`mc_handling${n}`, money(0)], [`mc_shipping${n}`, money(0)], [`tax${n}`, money(0)]);
    });
  } else {
    const line = p.lines[0];
    fields.push(['item_name', v(line.name)], ['item_number', v(line.number)], ['quantity', String(line.quantity)], ['shipping', money(0)], ['handling_amount', money(0)]);
  }
  return fields.map(([k, value]) => `${k}=${value}`).join('&');
}

/** An e-junkie message for cart position `position`, one `key=value` a line as in the seed. */
function ejunkieMessage(rng: Rng, p: Purchase, position: number, atMs: number): string {
  const v = (text: string) => formValue(text, p.charset);
  const money = (minor: number) => amountText(minor, p.currency.digits);
  const at = p.lines[position - 1];
  const lines = [
    `payment_date=${v(paypalDate(atMs))}`,
    `payer_email=${v(p.payer.email)}`,
    'address_name=',
    'address_state=',
    'address_country=',
    'address_city=',
    'address_zip=',
    'address_street=',
    'address_country_code=',
    `first_name=${v(p.payer.first)}`,
    `last_name=${v(p.payer.last)}`,
    `payer_id=${p.payer.payerId}`,
    `residence_country=${p.payer.country}`,
    `payer_status=${rng.next() < 0.5 ? 'verified' : 'unverified'}`,
    `invoice=${p.invoice}`,
    'address_status=',
    `payer_business_name=${p.payer.business ? v(p.payer.business) : ''}`,
    'payer_phone=',
    'custom=',
    `mc_currency=${p.currency.code}`,
    `business=${v('billing@imazen.example')}`,
    `mc_gross=${money(p.gross)}`,
    `mc_shipping=${money(0)}`,
    `tax=${money(0)}`,
  ];
  p.lines.forEach((line, i) => {
    const n = i + 1;
    lines.push(`item_name${n}=${v(line.name)}`, `item_number${n}=${v(line.number)}`, `mc_gross_${n}=${money(line.gross)}`, `quantity${n}=${line.quantity}`);
  });
  lines.push(
    `num_cart_items=${p.lines.length}`,
    'pending_reason=None',
    `txn_id=${p.txnId}`,
    'payment_status=Completed',
    'txn_type=expresscheckout',
    'payment_type=instant',
    `mc_fee=${money(p.fee)}`,
    'mailing_list_status=true',
    `client_id=${p.clientId}`,
    `item_name=${v(at.name)}`,
    `item_number=${v(at.number)}`,
    `quantity=${at.quantity}`,
    'option_name1=',
    'option_selection1=',
    'option_name2=',
    'option_selection2=',
    'option_name3=',
    'option_selection3=',
    `charset=${p.charset}`,
    'charset_assumed=true',
    `buyer_ip=${1 + rng.int(223)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`,
    `handshake=${rng.chars(32, '0123456789abcdef')}`,
    'discount_codes=',
    'from_name=Imazen',
    `from_email=${v('billing@imazen.example')}`,
    'mailing_list_status=true',
    'client_shipping_method_id=0',
    `item_cart_position=${position}`,
    `sku=${at.sku ?? ''}`,
    '',
    `ej_txn_id=${p.ejTxnId}`,
  );
  return lines.join('\n');
}

/** PayPal's refund: a new txn_id naming the purchase in parent_txn_id, negative amounts. */
function refundMessage(rng: Rng, p: Purchase, amount: number, atMs: number): string {
  const v = (text: string) => formValue(text, p.charset);
  const money = (minor: number) => amountText(minor, p.currency.digits);
  const fields: Array<[string, string]> = [
    ['mc_gross', `-${money(amount)}`],
    ['payer_id', p.payer.payerId],
    ['payment_date', v(paypalDate(atMs))],
    ['payment_status', 'Refunded'],
    ['charset', p.charset],
    ['first_name', v(p.payer.first)],
    ['mc_fee', `-${money(Math.round((p.fee * amount) / p.gross))}`],
    ['notify_version', '3.9'],
    ['reason_code', 'refund'],
    ['payer_status', 'verified'],
    ['business', v('billing@imazen.example')],
    ['verify_sign', rng.chars(56, `${ALNUM}abcdefghijklmnopqrstuvwxyz-.`)],
    ['payer_email', v(p.payer.email)],
    ['parent_txn_id', p.txnId],
    ['txn_id', rng.chars(17, ALNUM)],
    ['payment_type', 'instant'],
    ['last_name', v(p.payer.last)],
    ['receiver_email', v('billing@imazen.example')],
    ['receiver_id', 'S8XGHLYDW9T3S'],
    ['mc_currency', p.currency.code],
    ['residence_country', p.payer.country],
    ['ipn_track_id', rng.chars(13, '0123456789abcdef')],
  ];
  return fields.map(([k, value]) => `${k}=${value}`).join('&');
}

/** What the file holds, and what a first import of it must do. */
export interface IpnFileStats {
  path: string;
  messages: number;
  bytes: number;
  /** Distinct transactions (first import: `recorded`). */
  purchases: number;
  payers: number;
  returningPurchases: number;
  /** Later messages about a recorded purchase: Completed after Pending, refunds. */
  updates: number;
  /** e-junkie's repeats of a cart for its later positions. */
  duplicates: number;
  pending: number;
  fullRefunds: number;
  partialRefunds: number;
  /** Licenses a first import issues (one per unit of a mapped, completed item). */
  licenses: number;
  /** Licenses the full refunds revoke. */
  revoked: number;
  /** Units of unmapped items (waiting for a mapping). */
  waitingUnits: number;
}

interface Deferred {
  due: number;
  kind: 'complete' | 'refund' | 'partial';
  purchase: Purchase;
}

/** Writes `count` messages to `path` over the year before `endMs`; returns what it holds. */
export function writeIpnFile(path: string, count: number, options: { seed?: number; endMs?: number } = {}): IpnFileStats {
  const rng = random(options.seed ?? 20120718);
  const endMs = options.endMs ?? Date.UTC(2026, 10, 1);
  const startMs = endMs - 365 * 86_400_000;
  const fd = openSync(path, 'w');
  let buffer: string[] = [];
  let buffered = 0;
  const stats: IpnFileStats = { path, messages: 0, bytes: 0, purchases: 0, payers: 0, returningPurchases: 0, updates: 0, duplicates: 0, pending: 0, fullRefunds: 0, partialRefunds: 0, licenses: 0, revoked: 0, waitingUnits: 0 };

  const flush = () => {
    if (buffer.length === 0) return;
    const bytes = Buffer.from(buffer.join(''), 'utf8');
    writeSync(fd, bytes);
    stats.bytes += bytes.length;
    buffer = [];
    buffered = 0;
  };
  const emit = (text: string, block: boolean) => {
    // A key=value block ends with a blank line; a urlencoded message is its line.
    const piece = block ? `${text}\n\n` : `${text}\n`;
    buffer.push(piece);
    buffered += piece.length;
    stats.messages++;
    if (buffered > 1 << 20) flush();
  };

  const payers: Payer[] = [];
  const newPayer = (): Payer => {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const business = rng.next() < 0.1 ? `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}` : null;
    const local = `${first}.${last}`.normalize('NFKD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    const payer = { first, last, business, email: `${local}${payers.length}@${rng.pick(MAIL)}`, payerId: rng.chars(13, ALNUM), country: rng.pick(COUNTRIES) };
    payers.push(payer);
    stats.payers++;
    return payer;
  };
  const pickCurrency = () => {
    let r = rng.next();
    for (const c of CURRENCIES) {
      if ((r -= c.share) < 0) return c;
    }
    return CURRENCIES[0];
  };

  const newPurchase = (): Purchase => {
    const returning = payers.length > 0 && rng.next() < 1 / 3;
    if (returning) stats.returningPurchases++;
    const payer = returning ? payers[rng.int(payers.length)] : newPayer();
    const currency = pickCurrency();
    const ejunkie = rng.next() < 0.2;
    const cart = ejunkie || rng.next() < 0.5;
    const items = cart ? 1 + (rng.next() < 0.25 ? 1 + rng.int(2) : 0) : 1;
    const lines: Line[] = [];
    const used = new Set<string>();
    for (let i = 0; i < items; i++) {
      const unmapped = rng.next() < 0.005;
      let sku = rng.pick(BENCH_SKUS);
      while (used.has(sku.sku)) sku = rng.pick(BENCH_SKUS);
      used.add(sku.sku);
      const quantity = rng.next() < 0.9 ? 1 : 2 + rng.int(4);
      const unit = Math.round(((unmapped ? UNMAPPED.usd : sku.usd) / 100) * currency.rate * 10 ** currency.digits);
      const name = unmapped ? UNMAPPED.name : sku.name;
      const number = unmapped ? UNMAPPED.number : ejunkie ? `${sku.number}||${sku.sku}` : sku.sku;
      lines.push({ name, number, sku: unmapped ? null : sku.sku, quantity, gross: unit * quantity, mapped: !unmapped });
    }
    const gross = lines.reduce((sum, l) => sum + l.gross, 0);
    const fee = Math.round(gross * 0.029 + 0.3 * currency.rate * 10 ** currency.digits);
    stats.purchases++;
    return {
      txnId: rng.chars(17, ALNUM),
      payer,
      currency,
      charset: rng.next() < 0.35 ? 'windows-1252' : 'utf-8',
      lines,
      gross,
      fee,
      ejunkie,
      cart,
      invoice: rng.chars(38, '0123456789abcdefghijklmnopqrstuvwxyz'),
      ejTxnId: 14_521_369 + stats.purchases,
      clientId: 41912,
    };
  };

  const units = (p: Purchase) => p.lines.reduce((sum, l) => sum + (l.mapped ? l.quantity : 0), 0);
  const completed = (p: Purchase) => {
    stats.licenses += units(p);
    stats.waitingUnits += p.lines.reduce((sum, l) => sum + (l.mapped ? 0 : l.quantity), 0);
  };

  const deferred: Deferred[] = [];
  const defer = (entry: Deferred) => {
    let at = deferred.length;
    while (at > 0 && deferred[at - 1].due > entry.due) at--;
    deferred.splice(at, 0, entry);
  };
  /** After a purchase completes: maybe a refund later (only of fully mapped purchases, so the tally is exact). */
  const maybeRefund = (p: Purchase, index: number) => {
    if (p.lines.some((l) => !l.mapped)) return;
    const r = rng.next();
    if (r < 0.02) defer({ due: index + 50 + rng.int(2000), kind: 'refund', purchase: p });
    else if (r < 0.03 && p.lines.some((l) => l.quantity > 1)) defer({ due: index + 50 + rng.int(2000), kind: 'partial', purchase: p });
  };

  const timeAt = (index: number) => startMs + Math.floor(((endMs - startMs) * index) / count);
  let index = 0;
  while (index < count) {
    const left = count - index;
    const due = deferred.length > 0 && (deferred[0].due <= index || left <= deferred.length);
    if (due) {
      const { kind, purchase: p } = deferred.shift()!;
      if (kind === 'complete') {
        emit(paypalMessage(rng, p, 'Completed', timeAt(index)), false);
        stats.updates++;
        completed(p);
        if (left - 1 > deferred.length) maybeRefund(p, index);
      } else if (kind === 'refund') {
        emit(refundMessage(rng, p, p.gross, timeAt(index)), false);
        stats.updates++;
        stats.fullRefunds++;
        stats.revoked += units(p);
      } else {
        const line = p.lines.find((l) => l.quantity > 1)!;
        emit(refundMessage(rng, p, line.gross / line.quantity, timeAt(index)), false);
        stats.updates++;
        stats.partialRefunds++;
      }
      index++;
      continue;
    }
    const p = newPurchase();
    // e-junkie posts once per cart item; keep the repeats inside the file's count.
    const posts = p.ejunkie ? Math.min(p.lines.length, left - deferred.length) : 1;
    if (!p.ejunkie && left - deferred.length > 1 && rng.next() < 0.02) {
      emit(paypalMessage(rng, p, 'Pending', timeAt(index)), false);
      stats.pending++;
      defer({ due: index + 20 + rng.int(400), kind: 'complete', purchase: p });
      index++;
      continue;
    }
    if (p.ejunkie) {
      for (let position = 1; position <= posts; position++) emit(ejunkieMessage(rng, p, position, timeAt(index)), true);
      stats.duplicates += posts - 1;
      index += posts;
    } else {
      emit(paypalMessage(rng, p, 'Completed', timeAt(index)), false);
      index++;
    }
    completed(p);
    if (count - index > deferred.length + 1) maybeRefund(p, index);
  }
  flush();
  closeSync(fd);
  return stats;
}
