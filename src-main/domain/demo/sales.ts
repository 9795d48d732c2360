/**
 * The demo's sales: PayPal IPN and e-junkie messages like the seed's sample, imported
 * through `transaction.importIpn` as a file would be, so the purchases, licenses,
 * payment logs and audit entries are what a real import writes. Over the last twelve
 * months, in USD and EUR: Kathrin Fretz's R3Bundle1Ent purchase (the seed's message,
 * its date moved to recent weeks), a purchase a month, a payment still pending, a
 * purchase refunded in full (its license revoked), three seats with one refunded (a
 * decision for staff) and an item no SKU matches (waiting for a mapping).
 */
import { KeyHubError } from '../../api/errors';
import type { ApiContext } from '../../api/dispatch';
import { splitIpnText } from '../sales/ipn/split';
import { DAY_MS } from '../../shared/time';
import type { DemoCall } from './licensing';

export interface DemoSalesSummary {
  /** Purchases recorded (transactions). */
  purchases: number;
  /** Messages imported: the purchases, a later completion and the refunds. */
  messages: number;
  /** Customers created from new payers (returning ones were found by email). */
  customers: number;
  issued: number;
  revoked: number;
  currencies: string[];
  pending: number;
  decisions: number;
  waitingUnits: number;
}

type Charset = 'utf-8' | 'windows-1252';

interface DemoPayer {
  first: string;
  last: string;
  business?: string;
  email: string;
  payerId: string;
  country: string;
  charset: Charset;
}

interface DemoItem {
  name: string;
  /** As the provider sends it: a SKU code, `NNN||SKU` (e-junkie) or a number KeyHub does not know. */
  number: string;
  sku?: string;
  quantity: number;
  /** Minor units for one unit. */
  unit: number;
}

interface DemoPurchase {
  txnId: string;
  payer: DemoPayer;
  currency: 'USD' | 'EUR';
  items: DemoItem[];
  paidAt: number;
  form: 'paypal' | 'ejunkie';
  pending?: boolean;
  /** A refund later: its own txn id, the amount (minor units) and when. */
  refund?: { txnId: string; amount: number; at: number };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** PayPal's `HH:MM:SS Mon DD, YYYY ZONE` for an instant, in a fixed-offset zone. */
function paypalDate(at: number, zone: 'PST' | 'PDT' | 'MST'): string {
  const offset = { PST: -8, PDT: -7, MST: -7 }[zone];
  const local = new Date(at + offset * 3_600_000);
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${MONTHS[local.getUTCMonth()]} ${two(local.getUTCDate())}, ${local.getUTCFullYear()} ${zone}`;
}

/** Pacific time as PayPal writes it (daylight time from April to October: close enough for sample data). */
const pacific = (at: number) => paypalDate(at, new Date(at).getUTCMonth() >= 3 && new Date(at).getUTCMonth() <= 9 ? 'PDT' : 'PST');

/** A form-urlencoded value: `+` for spaces, %XX for the charset's bytes. */
function formValue(text: string, charset: Charset): string {
  if (charset === 'utf-8') return encodeURIComponent(text).replace(/%20/g, '+');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // windows-1252 is Latin-1 from 0xA0 up; the demo's names stay within it.
    out += code < 0x80 ? (ch === ' ' ? '+' : encodeURIComponent(ch)) : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const amount = (minor: number) => (minor / 100).toFixed(2);
const feeOf = (gross: number) => Math.round(gross * 0.029) + 30;
const grossOf = (p: DemoPurchase) => p.items.reduce((sum, i) => sum + i.unit * i.quantity, 0);

/**
 * The seed's sample (004_*.txt, Transactions) line for line, e-junkie's form: only the
 * payment date is moved, so the purchase shows among recent sales.
 */
function seedMessage(paidAt: number): string {
  return [
    `payment_date=${formValue(paypalDate(paidAt, 'MST'), 'utf-8')}`,
    'payer_email=angelagube%40photometer.com',
    'address_name=',
    'address_state=',
    'address_country=',
    'address_city=',
    'address_zip=',
    'address_street=',
    'address_country_code=',
    'first_name=Kathrin',
    'last_name=Fretz',
    'payer_id=XH947JE7P6KRJ',
    'residence_country=CH',
    'payer_status=unverified',
    'invoice=wc8dv152xb70684oguh3n7ds0scsg0oc0okko0',
    'address_status=',
    'payer_business_name=',
    'payer_phone=',
    'custom=',
    'mc_currency=USD',
    'business=billing%40imazen.co',
    'mc_gross=249',
    'mc_shipping=0.00',
    'tax=0.00',
    'item_name1=Resizer+3',
    'item_number1=929356%7C%7CR3Bundle1Ent',
    'mc_gross_1=249',
    'quantity1=1',
    'num_cart_items=1',
    'pending_reason=None',
    'txn_id=6MF63406U4306732Y',
    'payment_status=Completed',
    'txn_type=expresscheckout',
    'payment_type=instant',
    'mc_fee=9.02',
    'mailing_list_status=true',
    'client_id=41912',
    'item_name=Resizer+3',
    'item_number=929356%7C%7CR3Bundle1Ent',
    'quantity=1',
    'option_name1=',
    'option_selection1=',
    'option_name2=',
    'option_selection2=',
    'option_name3=',
    'option_selection3=',
    'charset=utf-8',
    'charset_assumed=true',
    'buyer_ip=195.65.234.10',
    'handshake=ff35a320762dcec799d9c0bb9831577c',
    'discount_codes=',
    'from_name=Imazen',
    'from_email=billing%40imazen.co',
    'mailing_list_status=true',
    'client_shipping_method_id=0',
    'item_cart_position=1',
    'sku=R3Bundle1Ent',
    '',
    'ej_txn_id=14521369',
  ].join('\n');
}

/** PayPal's own message: form-urlencoded on one line, as PayPal posts it. */
function paypalMessage(p: DemoPurchase, status: 'Completed' | 'Pending', at: number): string {
  const v = (text: string) => formValue(text, p.payer.charset);
  const gross = grossOf(p);
  const cart = p.items.length > 1;
  const fields: Array<[string, string]> = [
    ['mc_gross', amount(gross)],
    ['protection_eligibility', 'Eligible'],
    ['payer_id', p.payer.payerId],
    ['tax', '0.00'],
    ['payment_date', v(pacific(at))],
    ['payment_status', status],
    ['charset', p.payer.charset],
    ['first_name', v(p.payer.first)],
    ['last_name', v(p.payer.last)],
    ['mc_fee', amount(feeOf(gross))],
    ['notify_version', '3.9'],
    ['custom', ''],
    ['payer_status', 'verified'],
    ['business', v('billing@imazen.example')],
    ['payer_email', v(p.payer.email)],
    ['txn_id', p.txnId],
    ['payment_type', status === 'Pending' ? 'echeck' : 'instant'],
    ['receiver_email', v('billing@imazen.example')],
    ['txn_type', cart ? 'cart' : 'web_accept'],
    ['mc_currency', p.currency],
    ['residence_country', p.payer.country],
  ];
  if (p.payer.business) fields.push(['payer_business_name', v(p.payer.business)]);
  if (status === 'Pending') fields.push(['pending_reason', 'echeck']);
  if (cart) {
    fields.push(['num_cart_items', String(p.items.length)]);
    p.items.forEach((item, i) => {
      fields.push([`item_name${i + 1}`, v(item.name)], [`item_number${i + 1}`, v(item.number)], [`quantity${i + 1}`, String(item.quantity)], [`mc_gross_${i + 1}`, amount(item.unit * item.quantity)]);
    });
  } else {
    const [item] = p.items;
    fields.push(['item_name', v(item.name)], ['item_number', v(item.number)], ['quantity', String(item.quantity)]);
  }
  return fields.map(([key, value]) => `${key}=${value}`).join('&');
}

/** e-junkie's message for a one-item purchase, one `key=value` a line like the seed's. */
function ejunkieMessage(p: DemoPurchase, ejTxnId: number): string {
  const v = (text: string) => formValue(text, p.payer.charset);
  const [item] = p.items;
  const gross = amount(item.unit * item.quantity);
  return [
    `payment_date=${v(pacific(p.paidAt))}`,
    `payer_email=${v(p.payer.email)}`,
    `first_name=${v(p.payer.first)}`,
    `last_name=${v(p.payer.last)}`,
    `payer_id=${p.payer.payerId}`,
    `residence_country=${p.payer.country}`,
    `payer_business_name=${p.payer.business ? v(p.payer.business) : ''}`,
    `mc_currency=${p.currency}`,
    `business=${v('billing@imazen.example')}`,
    `mc_gross=${gross}`,
    'mc_shipping=0.00',
    'tax=0.00',
    `item_name1=${v(item.name)}`,
    `item_number1=${v(item.number)}`,
    `mc_gross_1=${gross}`,
    `quantity1=${item.quantity}`,
    'num_cart_items=1',
    'pending_reason=None',
    `txn_id=${p.txnId}`,
    'payment_status=Completed',
    'txn_type=expresscheckout',
    'payment_type=instant',
    `mc_fee=${amount(feeOf(item.unit * item.quantity))}`,
    `item_name=${v(item.name)}`,
    `item_number=${v(item.number)}`,
    `quantity=${item.quantity}`,
    `charset=${p.payer.charset}`,
    'from_name=Imazen',
    'item_cart_position=1',
    `sku=${item.sku ?? ''}`,
    '',
    `ej_txn_id=${ejTxnId}`,
  ].join('\n');
}

/** PayPal's refund: its own txn id, the purchase in parent_txn_id, negative amounts. */
function refundMessage(p: DemoPurchase): string {
  const refund = p.refund!;
  const v = (text: string) => formValue(text, p.payer.charset);
  const fields: Array<[string, string]> = [
    ['mc_gross', `-${amount(refund.amount)}`],
    ['payer_id', p.payer.payerId],
    ['payment_date', v(pacific(refund.at))],
    ['payment_status', 'Refunded'],
    ['charset', p.payer.charset],
    ['first_name', v(p.payer.first)],
    ['last_name', v(p.payer.last)],
    ['mc_fee', `-${amount(Math.round((feeOf(grossOf(p)) * refund.amount) / grossOf(p)))}`],
    ['notify_version', '3.9'],
    ['reason_code', 'refund'],
    ['business', v('billing@imazen.example')],
    ['payer_email', v(p.payer.email)],
    ['parent_txn_id', p.txnId],
    ['txn_id', refund.txnId],
    ['payment_type', 'instant'],
    ['mc_currency', p.currency],
    ['residence_country', p.payer.country],
  ];
  return fields.map(([key, value]) => `${key}=${value}`).join('&');
}

const payer = (first: string, last: string, email: string, payerId: string, country: string, more: Partial<DemoPayer> = {}): DemoPayer => ({
  first,
  last,
  email,
  payerId,
  country,
  charset: 'utf-8',
  ...more,
});

/** Payers: the licensing books' customers (found again by email) and new buyers. */
const PAYERS = {
  bluewater: payer('Dana', 'Whitfield', 'it@bluewater.example', 'BW7Q2KD9X4M1P', 'US', { business: 'Bluewater Outfitters' }),
  galleryNord: payer('Jonas', 'Weber', 'web@gallery-nord.example', 'GN3F8Z1R6T2WQ', 'DE', { business: 'Gallery Nord GmbH', charset: 'windows-1252' }),
  priya: payer('Priya', 'Raman', 'priya@raman.example', 'PR5M2N7C1K8VA', 'IN'),
  harbor: payer('Tom', 'Ashby', 'accounts@harbor.example', 'HA9D4L2S7P3XE', 'GB', { business: 'Harbor Analytics Ltd' }),
  photometer: payer('Lena', 'Brunner', 'billing@photometer.example', 'PM6T1B8W3Q5ZR', 'CH', { business: 'Photometer AG' }),
  koehler: payer('Jürgen', 'Köhler', 'jk@koehler-medien.example', 'KM2X7V4N9D1LS', 'DE', { business: 'Köhler Medien GmbH' }),
  elodie: payer('Élodie', 'Brunet', 'elodie.brunet@orange.example', 'EB8R3Q6Z2M7TK', 'FR', { charset: 'windows-1252' }),
  oliver: payer('Oliver', 'Bennett', 'oliver@bennett-design.example', 'OB4K9W1F5X2NH', 'US'),
  aiko: payer('Aiko', 'Tanaka', 'aiko.tanaka@studio-kumo.example', 'AT7C3J8L1V6QP', 'JP'),
  sofia: payer('Sofía', 'Martínez', 'sofia@martinez-foto.example', 'SM1N6H4T9B3WD', 'ES', { charset: 'windows-1252' }),
  lars: payer('Lars', 'Nørgaard', 'lars@norgaard.example', 'LN5P2X8K4R7ZC', 'DK'),
  marta: payer('Marta', 'Kowalczyk', 'marta.kowalczyk@pixelwerk.example', 'MK3V9Q2D6T1LX', 'PL'),
  ethan: payer('Ethan', 'Cole', 'ethan.cole@coleprints.example', 'EC6W1R7M3N8FJ', 'US'),
  tomasz: payer('Tomasz', 'Wiśniewski', 'tomasz@wisniewski.example', 'TW2L8F5Z9K4QB', 'PL'),
};

const item = (sku: string, name: string, unit: number, quantity = 1): DemoItem => ({ name, number: sku, sku, quantity, unit });
/** e-junkie's item number names the SKU after `||`. */
const ejunkieItem = (productNumber: string, sku: string, name: string, unit: number): DemoItem => ({ name, number: `${productNumber}||${sku}`, sku, quantity: 1, unit });

/**
 * When, for `monthsAgo` calendar months before `today`: mid-month for past months, and
 * half-way through the current month so far (never in the future).
 */
function inMonth(today: Date, monthsAgo: number): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, 1);
  if (monthsAgo === 0) return start + Math.floor((today.getTime() - start) / 2);
  return start + 11 * DAY_MS + 15 * 3_600_000 + monthsAgo * 7 * 60_000;
}

function demoPurchases(today: Date): DemoPurchase[] {
  const daysAgo = (days: number, hour = 14) => today.getTime() - days * DAY_MS - (today.getUTCHours() - hour) * 3_600_000;
  const month = (n: number) => inMonth(today, n);
  return [
    // A purchase a month for a year, in two currencies: the dashboard's revenue chart.
    { txnId: '2RB61734KX5520911', payer: PAYERS.bluewater, currency: 'USD', items: [item('R4Elite', 'ImageResizer 4 Elite', 84900)], paidAt: month(11), form: 'paypal' },
    { txnId: '7HC20455MD3387402', payer: PAYERS.koehler, currency: 'EUR', items: [item('R4EliteAnnual', 'ImageResizer 4 Elite, yearly subscription', 27900)], paidAt: month(10), form: 'paypal' },
    { txnId: '5UE93382TP1164833', payer: PAYERS.elodie, currency: 'EUR', items: [ejunkieItem('512002', 'KSansWebVariable', 'Kestrel Sans Variable, web licence', 18500)], paidAt: month(9), form: 'ejunkie' },
    { txnId: '9KW48821BN6602174', payer: PAYERS.oliver, currency: 'USD', items: [item('R4Performance', 'ImageResizer 4 Performance', 24900)], paidAt: month(8), form: 'paypal' },
    { txnId: '3LA77019CV4438215', payer: PAYERS.galleryNord, currency: 'EUR', items: [ejunkieItem('512001', 'KSansWeb', 'Kestrel Sans, web licence (2 sites)', 9200)], paidAt: month(7), form: 'ejunkie' },
    { txnId: '1GJ55906HR8871346', payer: PAYERS.aiko, currency: 'USD', items: [item('R4Creative', 'ImageResizer 4 Creative', 44900)], paidAt: month(6), form: 'paypal' },
    { txnId: '6NP30287WE2295557', payer: PAYERS.sofia, currency: 'EUR', items: [item('R4Performance', 'ImageResizer 4 Performance', 22900)], paidAt: month(5), form: 'paypal' },
    { txnId: '8DS14673QZ9953068', payer: PAYERS.priya, currency: 'USD', items: [item('NWCompareStd', 'Northwind Compare Standard (1 seat, 1 year)', 12900)], paidAt: month(4), form: 'paypal' },
    { txnId: '4FT82148YU7719279', payer: PAYERS.lars, currency: 'EUR', items: [item('R4Elite', 'ImageResizer 4 Elite', 78900)], paidAt: month(3), form: 'paypal' },
    { txnId: '0VM69532AJ3386480', payer: PAYERS.harbor, currency: 'USD', items: [item('NWComparePro', 'Northwind Compare Pro (1 seat, 1 year)', 34900)], paidAt: month(2), form: 'paypal' },
    {
      txnId: '2XQ07764LB5548691',
      payer: PAYERS.photometer,
      currency: 'USD',
      items: [item('R4Performance', 'ImageResizer 4 Performance', 24900), item('KSansWeb', 'Kestrel Sans, web licence (2 sites)', 9900)],
      paidAt: month(1),
      form: 'paypal',
    },
    { txnId: '7CY41290GH1124702', payer: PAYERS.marta, currency: 'EUR', items: [item('KSansWeb', 'Kestrel Sans, web licence (2 sites)', 9200)], paidAt: month(0), form: 'paypal' },
    // The seed's own purchase, moved to recent weeks (R3Bundle1Ent is retired: issued anyway, the audit says so).
    { txnId: '6MF63406U4306732Y', payer: payer('Kathrin', 'Fretz', 'angelagube@photometer.com', 'XH947JE7P6KRJ', 'CH'), currency: 'USD', items: [ejunkieItem('929356', 'R3Bundle1Ent', 'Resizer 3', 24900)], paidAt: daysAgo(38, 9), form: 'ejunkie' },
    // Refunded in full ten days later: its license is revoked.
    {
      txnId: '3PH26618RK7730913',
      payer: PAYERS.ethan,
      currency: 'USD',
      items: [item('R4Creative', 'ImageResizer 4 Creative', 44900)],
      paidAt: daysAgo(150),
      form: 'paypal',
      refund: { txnId: '5TR90015EW2261184', amount: 44900, at: daysAgo(140) },
    },
    // Three seats, one refunded: staff decide which license (if any) to revoke.
    {
      txnId: '8EB33457NS6607025',
      payer: PAYERS.harbor,
      currency: 'USD',
      items: [item('NWCompareStd', 'Northwind Compare Standard (1 seat, 1 year)', 12900, 3)],
      paidAt: daysAgo(20),
      form: 'paypal',
      refund: { txnId: '1WK78804DF3349576', amount: 12900, at: daysAgo(6) },
    },
    // An old product no SKU matches: it waits in the fulfilment queue for a mapping.
    { txnId: '9AZ50321VC8815437', payer: PAYERS.tomasz, currency: 'USD', items: [{ name: 'ImageResizer 2 Legacy', number: '700100', quantity: 1, unit: 9900 }], paidAt: daysAgo(9), form: 'paypal' },
    // An eCheck not cleared yet: recorded as waiting, nothing issued until PayPal says Completed.
    { txnId: '4QD87263XM2290158', payer: PAYERS.bluewater, currency: 'USD', items: [item('KSansWebVariable', 'Kestrel Sans Variable, web licence', 19900)], paidAt: daysAgo(2), form: 'paypal', pending: true },
  ];
}

/** The demo's messages as one IPN file would hold them, oldest first. */
export function demoIpnFile(today: Date): string {
  const messages: Array<{ at: number; text: string; block: boolean }> = [];
  let ejTxnId = 14_521_370;
  for (const p of demoPurchases(today)) {
    if (p.txnId === '6MF63406U4306732Y') messages.push({ at: p.paidAt, text: seedMessage(p.paidAt), block: true });
    else if (p.form === 'ejunkie') messages.push({ at: p.paidAt, text: ejunkieMessage(p, ejTxnId++), block: true });
    else messages.push({ at: p.paidAt, text: paypalMessage(p, p.pending ? 'Pending' : 'Completed', p.paidAt), block: false });
    if (p.refund) messages.push({ at: p.refund.at, text: refundMessage(p), block: false });
  }
  messages.sort((a, b) => a.at - b.at);
  // A key=value message ends with a blank line; a form-urlencoded one is its own line.
  return messages.map((m) => (m.block ? `${m.text}\n\n` : `${m.text}\n`)).join('');
}

/** Imports the demo's sales; the keys must be unlocked (purchases are signed as they import). */
export async function loadDemoSales(ctx: ApiContext, call: DemoCall, today: Date): Promise<DemoSalesSummary> {
  const customersBefore = (await call(ctx, 'customer.list', { limit: 1 })).total;
  const summary: DemoSalesSummary = { purchases: 0, messages: 0, customers: 0, issued: 0, revoked: 0, currencies: [], pending: 0, decisions: 0, waitingUnits: 0 };
  for (const batch of splitIpnText(demoIpnFile(today))) {
    const tally = await call(ctx, 'transaction.importIpn', { messages: batch.messages });
    const [rejected] = [...batch.rejected, ...tally.rejected];
    if (rejected) throw new KeyHubError('INTERNAL', `The demo sales could not be imported: line ${rejected.line}: ${rejected.reason}`);
    summary.messages += tally.messages;
    summary.purchases += tally.recorded;
    summary.issued += tally.issued;
    summary.revoked += tally.revoked;
    summary.waitingUnits += tally.waiting;
  }
  summary.customers = (await call(ctx, 'customer.list', { limit: 1 })).total - customersBefore;
  summary.currencies = [...new Set(demoPurchases(today).map((p) => p.currency))];
  summary.pending = demoPurchases(today).filter((p) => p.pending).length;
  summary.decisions = (await call(ctx, 'transaction.list', { status: 'decision', limit: 1 })).total;
  return summary;
}
