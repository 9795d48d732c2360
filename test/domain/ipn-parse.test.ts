/**
 * IPN text → messages → ProviderMessage: the seed's sample byte for byte, both forms,
 * the splitter (streamed and pasted), charsets, escapes, repeated keys, PayPal dates in
 * several zones, the status model, carts, and every malformed class with its reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaymentDate } from '../../src-main/domain/sales/ipn/dates';
import { postbackBody } from '../../src-main/domain/sales/ipn/fields';
import { ipnFields, parseIpnMessage, type ParsedIpn } from '../../src-main/domain/sales/ipn/parse';
import { MAX_MESSAGE_CHARS, splitIpnStream, splitIpnText, type IpnBatch } from '../../src-main/domain/sales/ipn/split';
import type { PaymentEventMessage, PurchaseMessage } from '../../src-main/domain/sales/types';
import { asForm, asLines, eventForm, SEED_PAID, SEED_PAIRS, SEED_SAMPLE, SEED_SAMPLE_PATH, SEED_TXN, sampleForm, samplePairs } from './ipn-fixture';

const SEEDS = '/work/shared/seeds';

function purchase(parsed: ParsedIpn): PurchaseMessage {
  if (!parsed.ok) throw new Error(`rejected: ${parsed.rejected.reason}`);
  if (parsed.message.kind !== 'purchase') throw new Error('not a purchase');
  return parsed.message;
}

function event(parsed: ParsedIpn): PaymentEventMessage {
  if (!parsed.ok) throw new Error(`rejected: ${parsed.rejected.reason}`);
  if (parsed.message.kind !== 'event') throw new Error('not an event');
  return parsed.message;
}

function reasonOf(parsed: ParsedIpn): string {
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.message).slice(0, 200)}`);
  return parsed.rejected.reason;
}

const parseForm = (changes: Record<string, string | undefined>) => parseIpnMessage(sampleForm(changes), 1);
const messagesOf = (batches: IpnBatch[]) => batches.flatMap((b) => b.messages);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function streamed(bytes: Uint8Array, size: number, limits = {}): Promise<IpnBatch[]> {
  const batches: IpnBatch[] = [];
  for await (const batch of splitIpnStream(chunksOf(bytes, size), limits)) batches.push(batch);
  return batches;
}

describe("the seed's sample", () => {
  it.runIf(existsSync(SEEDS))('the fixture is the seed file’s sample byte for byte', () => {
    const seed = readFileSync(path.join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith('004_'))!));
    const fixture = readFileSync(SEED_SAMPLE_PATH);
    expect(seed.includes(fixture)).toBe(true);
    expect(fixture.toString('utf8')).toMatch(/^ {4}payment_date=02%3A51%3A26\+Jul\+18%2C\+2012\+MST\n\tpayer_email=/);
  });

  it('is one message (the ej_txn_id after the blank line belongs to it) that reads as the Completed purchase it is', () => {
    const [batch] = splitIpnText(SEED_SAMPLE);
    expect(batch.messages).toHaveLength(1);
    expect(batch.rejected).toEqual([]);
    const [message] = batch.messages;
    expect(message.line).toBe(1);
    expect(message.text).toBe(SEED_SAMPLE.replace(/\n$/, ''));
    expect(purchase(parseIpnMessage(message.text, message.line))).toEqual({
      kind: 'purchase',
      provider: 'paypal',
      providerTxnId: SEED_TXN,
      txnType: 'expresscheckout',
      status: 'confirmed',
      providerStatus: 'Completed',
      payer: { email: 'angelagube@photometer.com', firstName: 'Kathrin', lastName: 'Fretz', businessName: null, payerId: 'XH947JE7P6KRJ', country: 'CH' },
      business: 'billing@imazen.co',
      currency: 'USD',
      gross: 24900,
      fee: 902,
      tax: 0,
      shipping: 0,
      paymentDate: SEED_PAID,
      items: [{ providerItemId: `${SEED_TXN}#1`, name: 'Resizer 3', number: '929356||R3Bundle1Ent', skuCode: 'R3Bundle1Ent', quantity: 1, gross: 24900, options: [] }],
      rawFormat: 'ipn',
      raw: message.text,
    });
  });

  it.runIf(existsSync(SEEDS))('in the whole seed file, the sample is the one message that imports; the prose around it is refused line by line', () => {
    const seed = readFileSync(path.join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith('004_'))!), 'utf8');
    const parsed = messagesOf(splitIpnText(seed)).map((m) => ({ m, p: parseIpnMessage(m.text, m.line) }));
    const good = parsed.filter((x) => x.p.ok);
    expect(good).toHaveLength(1);
    expect(purchase(good[0].p).providerTxnId).toBe(SEED_TXN);
    expect(good[0].m.text.endsWith('ej_txn_id=14521369')).toBe(true);
    expect(seed.split('\n')[good[0].m.line - 1]).toBe('    payment_date=02%3A51%3A26+Jul+18%2C+2012+MST');
    for (const { p } of parsed.filter((x) => !x.p.ok)) expect(reasonOf(p)).toMatch(/is not an IPN message \(no key=value pairs\)|is not a key=value pair/);
  });

  it('the form-urlencoded body PayPal posts reads the same', () => {
    const form = asForm(SEED_PAIRS);
    const [batch] = splitIpnText(`${form}\n`);
    expect(batch.messages).toEqual([{ line: 1, text: form }]);
    const fromForm = purchase(parseIpnMessage(form, 1));
    const fromLines = purchase(parseIpnMessage(SEED_SAMPLE, 1));
    expect({ ...fromForm, raw: '' }).toEqual({ ...fromLines, raw: '' });
    expect(fromForm.raw).toBe(form);
  });

  it('ipnFields lists the decoded fields in order, repeats included, for reading', () => {
    const fields = ipnFields(SEED_SAMPLE);
    expect(fields).toHaveLength(SEED_PAIRS.length);
    expect(fields[0]).toEqual({ key: 'payment_date', value: '02:51:26 Jul 18, 2012 MST' });
    expect(fields.find((f) => f.key === 'item_number')).toEqual({ key: 'item_number', value: '929356||R3Bundle1Ent' });
    expect(fields.filter((f) => f.key === 'mailing_list_status')).toHaveLength(2);
    expect(fields[fields.length - 1]).toEqual({ key: 'ej_txn_id', value: '14521369' });
    expect(ipnFields(asForm(SEED_PAIRS))).toEqual(fields);
  });

  it('ipnFields never throws: broken escapes stay as written, bad bytes become U+FFFD, an unknown charset reads as UTF-8', () => {
    expect(ipnFields('a=%zz&b=%E9&charset=nonsense')).toEqual([
      { key: 'a', value: '%zz' },
      { key: 'b', value: '\uFFFD' },
      { key: 'charset', value: 'nonsense' },
    ]);
    expect(ipnFields('not a message at all')).toEqual([]);
    expect(ipnFields('')).toEqual([]);
  });

  it('the postback body is the pairs re-joined with & exactly as written, still escaped', () => {
    expect(postbackBody(SEED_SAMPLE)).toBe(asForm(SEED_PAIRS));
    expect(postbackBody(SEED_SAMPLE)).toContain('payment_date=02%3A51%3A26+Jul+18%2C+2012+MST&payer_email=angelagube%40photometer.com&');
    const form = sampleForm({ custom: 'a%26b' });
    expect(postbackBody(`  ${form}  `)).toBe(form);
  });
});

describe('splitting a file into messages', () => {
  // Without the sample's ej_txn_id, so a block that adds one continues the message.
  const a = asLines(samplePairs({ txn_id: 'A1', ej_txn_id: undefined }));
  const b = asLines(samplePairs({ txn_id: 'B2', ej_txn_id: undefined }));

  it('blank lines separate messages that repeat keys; a block with only new keys continues its message', () => {
    const text = `${a}\n\n\n${b}\n\nej_txn_id=2\nej_extra=abc\n\n`;
    const messages = messagesOf(splitIpnText(text));
    expect(messages.map((m) => m.line)).toEqual([1, a.split('\n').length + 3]);
    expect(messages[0].text).toBe(a);
    expect(messages[1].text).toBe(`${b}\n\nej_txn_id=2\nej_extra=abc`);
    expect(messages.map((m) => purchase(parseIpnMessage(m.text, m.line)).providerTxnId)).toEqual(['A1', 'B2']);
  });

  it('a block that repeats any key, even on its last line, starts a new message; a block of prose stands alone', () => {
    const n = a.split('\n').length;
    const text = `${a}\n\nej_note=1\ntxn_id=X\n\nSee you soon\n\n${b}`;
    const messages = messagesOf(splitIpnText(text));
    expect(messages.map((m) => m.line)).toEqual([1, n + 2, n + 5, n + 7]);
    expect(messages[1].text).toBe('ej_note=1\ntxn_id=X');
    expect(messages[2].text).toBe('See you soon');
  });

  it('form lines are whole messages, mixed with key=value blocks; # lines are comments; CRLF and a BOM are fine', () => {
    const f1 = sampleForm({ txn_id: 'F1' });
    const f2 = sampleForm({ txn_id: 'F2' });
    const text = `\uFEFF# exported 2026-01-05\r\n${f1}\r\n${a}\r\n# the next one came by e-mail\r\n${f2}\r\n`;
    const messages = messagesOf(splitIpnText(text));
    expect(messages.map((m) => m.line)).toEqual([2, 3, 3 + a.split('\n').length + 1]);
    expect(messages.map((m) => purchase(parseIpnMessage(m.text, m.line)).providerTxnId)).toEqual(['F1', 'A1', 'F2']);
    expect(messages[1].text).not.toContain('\r');
  });

  it('a comment line separates like a blank line', () => {
    const messages = messagesOf(splitIpnText(`${a}\n# next\n${b}`));
    expect(messages.map((m) => purchase(parseIpnMessage(m.text, m.line)).providerTxnId)).toEqual(['A1', 'B2']);
  });

  it('streaming gives the same messages as pasted text, whatever the chunk size (even inside a UTF-8 character)', async () => {
    const text = `${a}\n\n${sampleForm({ txn_id: 'F1', first_name: 'Jürg' })}\nfirst_name=Zoë\n\n${b}\n\nej_txn_id=9\n`;
    const expected = messagesOf(splitIpnText(text));
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(messagesOf(await streamed(bytes, size))).toEqual(expected);
    expect(expected.map((m) => m.line)).toEqual([1, a.split('\n').length + 2, a.split('\n').length + 3, a.split('\n').length + 5]);
  });

  it('batches hold at most the given number of messages and about the given bytes', async () => {
    const one = sampleForm({ txn_id: 'T' });
    const text = Array.from({ length: 25 }, () => one).join('\n');
    const byCount = await streamed(new TextEncoder().encode(text), 1000, { maxMessages: 10 });
    expect(byCount.map((b) => b.messages.length)).toEqual([10, 10, 5]);
    const byBytes = splitIpnText(text, { maxBytes: one.length * 3 + 200 });
    expect(byBytes.every((b) => b.messages.length <= 3)).toBe(true);
    expect(messagesOf(byBytes)).toHaveLength(25);
    expect(messagesOf(byBytes).map((m) => m.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('bytes that are not UTF-8 become U+FFFD, and the parser refuses the message as not valid UTF-8 text', async () => {
    const head = new TextEncoder().encode(`${a}\nfirst_name=J`);
    const bytes = new Uint8Array([...head, 0xfc, ...new TextEncoder().encode('rg\n')]);
    const [message] = messagesOf(await streamed(bytes, 5));
    expect(message.text).toContain('first_name=J\uFFFDrg');
    const parsed = parseIpnMessage(message.text, message.line);
    expect(reasonOf(parsed)).toBe(`line ${a.split('\n').length + 1}: the text is not valid UTF-8 (saved in another encoding?): save the file as UTF-8, or keep PayPal’s %-escapes.`);
    expect(parsed.ok ? null : parsed.rejected.txnId).toBe('A1');
  });

  it('a message larger than the API takes is refused by the splitter, and the next one still comes through', async () => {
    const huge = `custom=${'x'.repeat(MAX_MESSAGE_CHARS + 10)}`;
    const text = `${a}\n${huge}\n\n${b}\n`;
    const batches = await streamed(new TextEncoder().encode(text), 8192);
    expect(batches.flatMap((x) => x.rejected)).toEqual([{ line: 1, txnId: null, reason: expect.stringMatching(/^The message is larger than 256 KB/) }]);
    expect(messagesOf(batches).map((m) => m.text)).toEqual([b]);
    const pasted = splitIpnText(`${sampleForm()}&custom=${'y'.repeat(MAX_MESSAGE_CHARS)}\n${sampleForm({ txn_id: 'OK' })}`);
    expect(pasted.flatMap((x) => x.rejected).map((r) => r.line)).toEqual([1]);
    expect(messagesOf(pasted).map((m) => m.line)).toEqual([2]);
  });

  it('split and parse import no Node module (the browser import dialog uses them)', () => {
    for (const file of ['split.ts', 'fields.ts', 'parse.ts', 'dates.ts']) {
      const source = readFileSync(new URL(`../../src-main/domain/sales/ipn/${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => !i.startsWith('.')), file).toEqual([]);
    }
  });
});

describe('decoding', () => {
  it('+ is a space, %2B a plus, escapes of ASCII are read as is', () => {
    const p = purchase(parseForm({ item_name1: 'Resizer+3+%2B+Pro%21', first_name: 'Kathrin+Anna' }));
    expect(p.items[0].name).toBe('Resizer 3 + Pro!');
    expect(p.payer.firstName).toBe('Kathrin Anna');
  });

  it.each([
    ['windows-1252', 'Z%FCrich+%80', 'Zürich €'],
    ['iso-8859-1', 'Z%FCrich', 'Zürich'],
    ['utf-8', 'Z%C3%BCrich+%E2%82%AC', 'Zürich €'],
    ['UTF-8', 'Z%C3%BCrich', 'Zürich'],
    ['shift_jis', '%93%8C%8B%9E', '東京'],
  ])('escapes are bytes read in the charset field (%s)', (charset, written, read) => {
    expect(purchase(parseForm({ charset, first_name: written })).payer.firstName).toBe(read);
  });

  it('literal non-ASCII text (a pasted, already decoded message) is kept as it is', () => {
    expect(purchase(parseIpnMessage(asLines(samplePairs({ first_name: 'Jürg' })), 1)).payer.firstName).toBe('Jürg');
  });

  it('with no charset field, escapes are read as UTF-8', () => {
    expect(purchase(parseForm({ charset: undefined, first_name: 'J%C3%BCrg' })).payer.firstName).toBe('Jürg');
  });

  it('the same key twice with the same value is fine; with different values, a field KeyHub uses is refused by name', () => {
    expect(purchase(parseIpnMessage(`${sampleForm()}&txn_id=${SEED_TXN}&custom=one&custom=two`, 1)).providerTxnId).toBe(SEED_TXN);
    // The sample ends with a line break: mc_gross=250 is on the line after the last.
    const lines = `${SEED_SAMPLE}mc_gross=250`;
    const last = SEED_SAMPLE.split('\n').length;
    const reason = reasonOf(parseIpnMessage(lines, 1));
    const first = SEED_PAIRS.findIndex(([k]) => k === 'mc_gross') + 1;
    expect(reason).toBe(`line ${last}: mc_gross is given twice with different values on lines ${first} and ${last} (“249” and “250”), so KeyHub cannot tell which is right.`);
    expect(reasonOf(parseIpnMessage(`${sampleForm()}&txn_id=OTHER`, 7))).toBe(`txn_id is given twice with different values (“${SEED_TXN}” and “OTHER”), so KeyHub cannot tell which is right.`);
  });
});

describe('PayPal dates', () => {
  it.each([
    ['02:51:26 Jul 18, 2012 MST', '2012-07-18T09:51:26.000Z'],
    ['02:51:26 Jul 18, 2012 MDT', '2012-07-18T08:51:26.000Z'],
    ['23:59:59 Dec 31, 2025 PST', '2026-01-01T07:59:59.000Z'],
    ['10:00:00 Jul 20, 2012 PDT', '2012-07-20T17:00:00.000Z'],
    ['00:00:00 Mar 1, 2024 CST', '2024-03-01T06:00:00.000Z'],
    ['09:15:00 Jun 2, 2024 CDT', '2024-06-02T14:15:00.000Z'],
    ['08:30:00 Nov 3, 2024 EST', '2024-11-03T13:30:00.000Z'],
    ['08:30:00 Nov 2, 2024 EDT', '2024-11-02T12:30:00.000Z'],
    ['12:00:00 Feb 29, 2024 GMT', '2024-02-29T12:00:00.000Z'],
    ['12:00:00 Feb 28, 2023 UTC', '2023-02-28T12:00:00.000Z'],
    ['18:30:30 18 Jul 2012 PDT', '2012-07-19T01:30:30.000Z'],
    ['01:02:03 Sept 9, 2021 +0200', '2021-09-08T23:02:03.000Z'],
    ['2012-07-18T09:51:26Z', '2012-07-18T09:51:26.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(readPaymentDate(text)).toEqual({ iso });
  });

  it.each(['02:51:26 Jul 18 2012', '25:00:00 Jul 18, 2012 PST', '12:00:00 Feb 29, 2023 PST', '12:00:00 Foo 1, 2023 PST', 'yesterday', '12:00:00 Jul 32, 2012 PST'])('%s is not a date', (text) => {
    expect(readPaymentDate(text)).toEqual({ problem: 'form' });
  });

  it('an unknown zone is named', () => {
    expect(readPaymentDate('02:51:26 Jul 18, 2012 XYZ')).toEqual({ problem: 'zone', zone: 'XYZ' });
    expect(reasonOf(parseForm({ payment_date: '02%3A51%3A26+Jul+18%2C+2012+XYZ' }))).toMatch(/^payment_date is “02:51:26 Jul 18, 2012 XYZ”, in a time zone KeyHub does not know \(“XYZ”; it reads UTC, GMT, EST, EDT/);
  });
});

describe('statuses and events', () => {
  it.each([
    ['Completed', 'None', 'confirmed', 'Completed'],
    ['Processed', '', 'confirmed', 'Processed'],
    ['Pending', 'echeck', 'waiting', 'Pending (echeck)'],
    ['Created', '', 'waiting', 'Created'],
    ['Pending', 'authorization', 'preauthorized', 'Pending (authorization)'],
    ['Denied', '', 'rejected', 'Denied'],
    ['Failed', '', 'rejected', 'Failed'],
    ['Expired', '', 'rejected', 'Expired'],
    ['Voided', '', 'rejected', 'Voided'],
  ])('payment_status %s (pending_reason %s) is %s', (status, pendingReason, expected, providerStatus) => {
    const p = purchase(parseForm({ payment_status: status, pending_reason: pendingReason }));
    expect(p.status).toBe(expected);
    expect(p.providerStatus).toBe(providerStatus);
  });

  it('Refunded is a refund event on the parent transaction, with its own event id, the amount as a positive sum and the reason', () => {
    expect(event(parseIpnMessage(eventForm('Refunded', '9XR07791HL6434426'), 1))).toEqual({
      kind: 'event',
      provider: 'paypal',
      providerTxnId: SEED_TXN,
      eventId: '9XR07791HL6434426/Refunded',
      event: 'refund',
      amount: 24900,
      currency: 'USD',
      reason: 'refund',
      providerStatus: 'Refunded',
      occurredAt: '2012-07-20T17:00:00.000Z',
      rawFormat: 'ipn',
      raw: eventForm('Refunded', '9XR07791HL6434426'),
    });
  });

  it('Reversed and Canceled_Reversal are events too', () => {
    expect(event(parseIpnMessage(eventForm('Reversed', 'REV1'), 1))).toMatchObject({ event: 'reversal', eventId: 'REV1/Reversed', amount: 24900, reason: 'chargeback', providerTxnId: SEED_TXN });
    expect(event(parseIpnMessage(eventForm('Canceled_Reversal', 'CR1'), 1))).toMatchObject({ event: 'reversal_cancelled', eventId: 'CR1/Canceled_Reversal', providerTxnId: SEED_TXN });
  });

  it('an event without parent_txn_id, and an unknown payment_status, are refused', () => {
    expect(reasonOf(parseIpnMessage(eventForm('Refunded', 'R9', { parent_txn_id: '' }), 1))).toBe('payment_status Refunded needs parent_txn_id (the purchase it is about), and the message has none: it is cut short.');
    expect(reasonOf(parseForm({ payment_status: 'In-Progress' }))).toBe(
      'payment_status is “In-Progress”, not one KeyHub knows (Completed, Processed, Pending, Created, Denied, Failed, Expired, Voided, Refunded, Reversed or Canceled_Reversal).',
    );
  });

  it('a subscription sign-up is not a payment, and says so', () => {
    const signup = asForm([
      ['txn_type', 'subscr_signup'],
      ['subscr_id', 'I-ABC'],
      ['payer_email', 'angelagube%40photometer.com'],
    ]);
    expect(reasonOf(parseIpnMessage(signup, 3))).toBe('a subscr_signup message is not a payment: KeyHub imports payments (nothing to record).');
  });
});

describe('items', () => {
  it('a cart of two, with quantities, options and mc_gross N without the underscore', () => {
    const p = purchase(
      parseForm({
        num_cart_items: '2',
        mc_gross: '747.00',
        item_name2: 'Resizer+3+Performance',
        item_number2: 'R3Perf',
        mc_gross2: '498.00',
        quantity2: '2',
        option_name1_2: 'Edition',
        option_selection1_2: 'Pro',
        option_name2_2: 'Seats',
        option_selection2_2: '5',
      }),
    );
    expect(p.items).toEqual([
      { providerItemId: `${SEED_TXN}#1`, name: 'Resizer 3', number: '929356||R3Bundle1Ent', skuCode: 'R3Bundle1Ent', quantity: 1, gross: 24900, options: [] },
      {
        providerItemId: `${SEED_TXN}#2`,
        name: 'Resizer 3 Performance',
        number: 'R3Perf',
        skuCode: null,
        quantity: 2,
        gross: 49800,
        options: [
          { name: 'Edition', selection: 'Pro' },
          { name: 'Seats', selection: '5' },
        ],
      },
    ]);
  });

  it('the single-item form: item_name, item_number, quantity, options and e-junkie’s sku; the line is the payment less tax and shipping', () => {
    const single = asForm([
      ['txn_id', 'S1'],
      ['payment_status', 'Completed'],
      ['mc_gross', '110.00'],
      ['tax', '8.00'],
      ['mc_shipping', '2.00'],
      ['mc_currency', 'EUR'],
      ['payment_date', '02%3A51%3A26+Jul+18%2C+2012+MST'],
      ['item_name', 'Resizer+3'],
      ['item_number', 'R3'],
      ['quantity', '3'],
      ['option_name1', 'Seats'],
      ['option_selection1', '10'],
      ['sku', 'R3Bundle1Ent'],
    ]);
    const p = purchase(parseIpnMessage(single, 1));
    expect(p).toMatchObject({ currency: 'EUR', gross: 11000, tax: 800, shipping: 200, fee: 0 });
    expect(p.items).toEqual([{ providerItemId: 'S1#1', name: 'Resizer 3', number: 'R3', skuCode: 'R3Bundle1Ent', quantity: 3, gross: 10000, options: [{ name: 'Seats', selection: '10' }] }]);
  });

  it('currencies keep their own digits: JPY has none', () => {
    expect(purchase(parseForm({ mc_currency: 'JPY', mc_gross: '24900', mc_gross_1: '24900', mc_fee: '902' })).gross).toBe(24900);
    expect(reasonOf(parseForm({ mc_currency: 'JPY', mc_gross: '249.50', mc_gross_1: '249' }))).toMatch(/mc_gross is “249.50”, not an amount in JPY \(like 249 or 1200\)\.$/);
  });
});

describe('malformed messages are refused with a reason', () => {
  const lineOf = (key: string) => SEED_PAIRS.findIndex(([k]) => k === key) + 1;
  const linesWith = (changes: Record<string, string | undefined>) => asLines(samplePairs(changes));

  it('truncated: a message cut off names what is missing', () => {
    const cut = SEED_SAMPLE.split('\n').slice(0, lineOf('mc_currency') - 1).join('\n');
    const parsed = parseIpnMessage(cut, 40);
    expect(reasonOf(parsed)).toBe('the message is cut short (truncated): txn_id, payment_status, mc_gross and mc_currency are missing.');
    expect(parsed.ok ? null : parsed.rejected).toMatchObject({ line: 40, txnId: null });
    expect(reasonOf(parseForm({ payment_date: undefined }))).toBe('the message is cut short (truncated): payment_date is missing.');
  });

  it('truncated: num_cart_items promising items that are not there', () => {
    expect(reasonOf(parseIpnMessage(linesWith({ num_cart_items: '2' }), 1))).toBe(
      `line ${lineOf('num_cart_items')}: num_cart_items is 2 but item 2 is not there (no item_name2 or item_number2): the message is cut short (truncated).`,
    );
  });

  it('truncated: a line that is not key=value', () => {
    const text = `${SEED_SAMPLE.split('\n').slice(0, 5).join('\n')}\nfirst_na\n${SEED_SAMPLE.split('\n').slice(5).join('\n')}`;
    expect(reasonOf(parseIpnMessage(text, 10))).toBe('line 15: “first_na” is not a key=value pair: the message is cut off or damaged.');
  });

  it('bad encoding: bytes invalid in the charset, an unknown charset, a broken %-escape', () => {
    expect(reasonOf(parseIpnMessage(linesWith({ first_name: 'J%FCrg' }), 1))).toBe(`line ${lineOf('first_name')}: first_name has bytes that are not valid utf-8 text (the message’s charset): bad encoding.`);
    expect(reasonOf(parseForm({ charset: 'klingon' }))).toBe('charset is “klingon”, not a character set KeyHub can read (like UTF-8 or windows-1252): bad encoding.');
    expect(reasonOf(parseForm({ item_name1: 'Resizer%2' }))).toBe('item_name1 has a broken %-escape (“%2”; an escape is % and two hex digits): bad encoding.');
    expect(reasonOf(parseForm({ item_name1: '50%+off' }))).toBe('item_name1 has a broken %-escape (“%+o”; an escape is % and two hex digits): bad encoding.');
    // Two different charsets: neither reading can be trusted.
    expect(reasonOf(parseIpnMessage(`${sampleForm({})}&charset=windows-1252`, 1))).toBe('charset is given twice, as “utf-8” and “windows-1252”: bad encoding.');
  });

  it('unknown currency', () => {
    expect(reasonOf(parseIpnMessage(linesWith({ mc_currency: 'XYZ' }), 1))).toBe(`line ${lineOf('mc_currency')}: mc_currency is “XYZ”, not a currency KeyHub knows (an ISO 4217 code like USD or EUR).`);
    expect(reasonOf(parseForm({ mc_currency: 'dollars' }))).toBe('mc_currency is “dollars”, not a currency KeyHub knows (an ISO 4217 code like USD or EUR).');
  });

  it('negative quantity, and quantities that are not a whole number of units from 1 to 1000', () => {
    expect(reasonOf(parseIpnMessage(linesWith({ quantity1: '-1' }), 1))).toBe(
      `line ${lineOf('quantity1')}: quantity1 is “-1”, a negative quantity, not a number of units (a whole number from 1 to 1000; KeyHub issues one license per unit).`,
    );
    for (const q of ['0', '1.5', '1001', 'two']) expect(reasonOf(parseForm({ quantity1: q }))).toMatch(new RegExp(`^quantity1 is “${q.replace('.', '\\.')}”, not a number of units`));
    expect(purchase(parseForm({ quantity1: '1000' })).items[0].quantity).toBe(1000);
  });

  it('an amount that does not parse', () => {
    expect(reasonOf(parseIpnMessage(linesWith({ mc_gross: '12%2C50' }), 1))).toBe(`line ${lineOf('mc_gross')}: mc_gross is “12,50”, not an amount in USD (like 249 or 9.02).`);
    expect(reasonOf(parseForm({ mc_fee: '9.025' }))).toBe('mc_fee is “9.025”, not an amount in USD (like 249 or 9.02).');
    expect(reasonOf(parseForm({ mc_gross_1: 'abc' }))).toBe('mc_gross_1 is “abc”, not an amount in USD (like 249 or 9.02).');
    expect(reasonOf(parseForm({ mc_gross: '-249.00' }))).toBe('mc_gross is “-249.00”, a negative amount, but payment_status Completed is a payment (refunds say Refunded).');
    expect(purchase(parseForm({ mc_fee: undefined })).fee).toBe(0);
  });

  it('missing txn id', () => {
    const parsed = parseIpnMessage(linesWith({ txn_id: undefined }), 12);
    expect(reasonOf(parsed)).toBe('the message has no txn_id (PayPal’s transaction id), so it cannot be recorded exactly once: missing txn id.');
    expect(parsed.ok ? null : parsed.rejected).toMatchObject({ line: 12, txnId: null });
    expect(reasonOf(parseForm({ txn_id: '' }))).toMatch(/no txn_id/);
  });

  it('a rejection names the transaction when it is known', () => {
    const parsed = parseForm({ mc_currency: 'XYZ' });
    expect(parsed.ok ? null : parsed.rejected.txnId).toBe(SEED_TXN);
  });
});
