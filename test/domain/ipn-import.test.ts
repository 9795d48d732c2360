/**
 * transaction.importIpn through the API on a real store: the seed's sample issues one
 * R3Bundle1Ent license to Kathrin Fretz's customer, once; refunds revoke, reversals
 * revoke and their cancellation restores; pending issues nothing until completed; every
 * malformed class is refused with its reason and nothing written; online validation
 * against a local server; locked keys; the settings behind it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { splitIpnText } from '../../src-main/domain/sales/ipn/split';
import { validateAll, validateOne } from '../../src-main/domain/sales/ipn/validate';
import { DEFAULT_IPN_VALIDATE_URL, DEFAULT_STRIPE_SETTINGS } from '../../src-main/domain/settings/settings';
import type { ImportTally } from '../../src-main/domain/sales/types';
import { tempStore, type TempStore } from '../support/temp-store';
import { asLines, eventForm, SEED_PAIRS, SEED_SAMPLE, SEED_TXN, sampleForm, samplePairs } from './ipn-fixture';
import { claimsOf, licensing, one, PASS, rows, run } from './license-lifecycle-fixture';

/** Every table an import writes (and the settings), to prove a refusal changed nothing. */
function storeSnapshot(t: TempStore): string {
  const tables = ['transactions', 'transaction_items', 'payment_logs', 'fulfilments', 'licenses', 'domain_licenses', 'customers', 'provider_customers', 'audit_log', 'settings'];
  return JSON.stringify(
    tables.map((table) => rows(t, `SELECT * FROM ${table} ORDER BY rowid`).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v])))),
  );
}

async function importText(t: TempStore, text: string): Promise<ImportTally> {
  const [batch, ...more] = splitIpnText(text);
  expect(more).toEqual([]);
  return t.call('transaction.importIpn', { messages: batch.messages });
}

const licensesOf = (t: TempStore, txnId: string) =>
  rows(
    t,
    `SELECT l.id, l.owner_name AS owner, l.status, l.status_reason AS reason, l.owning_entity_id AS owning, s.sku
     FROM transactions tr JOIN transaction_items ti ON ti.transaction_id = tr.id JOIN fulfilments f ON f.transaction_item_id = ti.id
     JOIN licenses l ON l.id = f.license_id JOIN skus s ON s.id = l.sku_id
     WHERE tr.provider_txn_id = ? ORDER BY l.id`,
    txnId,
  );

describe('importing IPN messages', () => {
  let t: TempStore;

  beforeEach(async () => {
    t = tempStore();
    const lic = await licensing(t);
    await t.call('sku.create', { vendorId: lic.vendorId, sku: 'R3Bundle1Ent', name: 'Resizer 3 Bundle, Enterprise', privateKeyId: lic.key.id, licenseDuration: 365 });
  });
  afterEach(() => t.cleanup());

  it("the seed's sample issues exactly one R3Bundle1Ent license to Kathrin Fretz's new customer record", async () => {
    const tally = await importText(t, SEED_SAMPLE);
    expect(tally).toEqual({ messages: 1, recorded: 1, updated: 0, duplicates: 0, issued: 1, revoked: 0, restored: 0, waiting: 0, rejected: [] });

    const customers = rows(t, 'SELECT id, name, email, country FROM customers');
    expect(customers).toEqual([{ id: expect.any(Number), name: 'Kathrin Fretz', email: 'angelagube@photometer.com', country: 'CH' }]);
    const [license] = licensesOf(t, SEED_TXN);
    expect(licensesOf(t, SEED_TXN)).toHaveLength(1);
    expect(license).toMatchObject({ owner: 'Kathrin Fretz', status: 'active', owning: customers[0].id, sku: 'R3Bundle1Ent' });
    expect(claimsOf(one(t, 'SELECT license_bytes AS b FROM licenses WHERE id = ?', license.id).b as Buffer)).toMatchObject({ sku: 'R3Bundle1Ent', owner: 'Kathrin Fretz' });

    const txn = one(t, 'SELECT * FROM transactions');
    expect(txn).toMatchObject({
      provider: 'paypal',
      provider_txn_id: SEED_TXN,
      status: 'confirmed',
      gross: 24900,
      fee: 902,
      currency: 'USD',
      payment_date: '2012-07-18T09:51:26.000Z',
      payer_email: 'angelagube@photometer.com',
      raw_format: 'ipn',
      raw: SEED_SAMPLE.replace(/\n$/, ''),
    });
    expect(one(t, 'SELECT e_item_number AS number, sku_code AS code, quantity FROM transaction_items')).toEqual({ number: '929356||R3Bundle1Ent', code: 'R3Bundle1Ent', quantity: 1 });
  });

  it('finds the customer by email (any case) instead of creating one', async () => {
    const existing = await t.call('customer.create', { name: 'Photometer AG', email: 'AngelaGube@Photometer.com' });
    expect((await importText(t, SEED_SAMPLE)).issued).toBe(1);
    expect(one(t, 'SELECT count(*) AS n FROM customers').n).toBe(1);
    expect(licensesOf(t, SEED_TXN)[0]).toMatchObject({ owning: existing.id, owner: 'Kathrin Fretz' });
  });

  it('importing it again issues nothing and changes nothing (duplicate)', async () => {
    await importText(t, SEED_SAMPLE);
    const before = storeSnapshot(t);
    expect(await importText(t, SEED_SAMPLE)).toMatchObject({ messages: 1, recorded: 0, duplicates: 1, issued: 0, rejected: [] });
    // The same message as PayPal's form body is the same purchase.
    expect(await importText(t, sampleForm())).toMatchObject({ duplicates: 1, issued: 0 });
    expect(storeSnapshot(t)).toBe(before);
  });

  it('a Refunded message for the transaction revokes its license, with the reason in the audit log; replaying it changes nothing', async () => {
    await importText(t, SEED_SAMPLE);
    const [license] = licensesOf(t, SEED_TXN);
    const refund = eventForm('Refunded', '9XR07791HL6434426');
    expect(await importText(t, refund)).toMatchObject({ messages: 1, updated: 1, revoked: 1, rejected: [] });
    expect(licensesOf(t, SEED_TXN)[0]).toMatchObject({ status: 'revoked', reason: expect.stringContaining('Refunded at PayPal') });
    expect(one(t, 'SELECT status, refunded FROM transactions')).toEqual({ status: 'refunded', refunded: 24900 });
    const audit = one(t, "SELECT details FROM audit_log WHERE action = 'license.revoke' AND target_id = ?", String(license.id));
    expect(JSON.parse(audit.details as string).reason).toMatch(/^Refunded at PayPal \(9XR07791HL6434426\) \(refund\)/);
    const before = storeSnapshot(t);
    expect(await importText(t, refund)).toMatchObject({ duplicates: 1, revoked: 0 });
    expect(storeSnapshot(t)).toBe(before);
  });

  it('a Reversed message revokes; its Canceled_Reversal restores', async () => {
    await importText(t, SEED_SAMPLE);
    expect(await importText(t, eventForm('Reversed', 'REV1'))).toMatchObject({ revoked: 1 });
    expect(licensesOf(t, SEED_TXN)[0].status).toBe('revoked');
    expect(one(t, 'SELECT status FROM transactions').status).toBe('reversed');
    expect(await importText(t, eventForm('Canceled_Reversal', 'CR1'))).toMatchObject({ restored: 1 });
    expect(licensesOf(t, SEED_TXN)[0].status).toBe('active');
    expect(one(t, 'SELECT status FROM transactions').status).toBe('confirmed');
    expect(rows(t, 'SELECT event_type AS type, provider_event_id AS id FROM payment_logs ORDER BY rowid')).toEqual([
      { type: 'received', id: 'status:confirmed' },
      { type: 'reversal', id: 'REV1/Reversed' },
      { type: 'reversal_cancelled', id: 'CR1/Canceled_Reversal' },
    ]);
  });

  it('a Pending message issues nothing; the Completed one issues once', async () => {
    const pending = sampleForm({ payment_status: 'Pending', pending_reason: 'echeck' });
    expect(await importText(t, pending)).toMatchObject({ recorded: 1, issued: 0 });
    expect(licensesOf(t, SEED_TXN)).toHaveLength(0);
    expect(await importText(t, `${sampleForm()}\n${sampleForm()}`)).toMatchObject({ messages: 2, updated: 1, duplicates: 1, issued: 1 });
    expect(licensesOf(t, SEED_TXN)).toHaveLength(1);
    expect(rows(t, 'SELECT from_status AS "from", to_status AS "to", message FROM payment_logs ORDER BY id')).toEqual([
      { from: null, to: 'waiting', message: 'PayPal says Pending (echeck).' },
      { from: 'waiting', to: 'confirmed', message: 'PayPal says Completed.' },
    ]);
  });

  describe('malformed messages are rejected with their reason, and nothing is written', () => {
    const lineOf = (key: string) => SEED_PAIRS.findIndex(([k]) => k === key) + 1;
    // Each message starts on line 2 (after a comment), so a field's line is its place in the sample + 1.
    const cases: Array<[string, string, string | null, RegExp]> = [
      ['truncated', SEED_SAMPLE.split('\n').slice(0, lineOf('txn_id') - 1).join('\n'), null, /^the message is cut short \(truncated\): txn_id and payment_status are missing\.$/],
      ['truncated cart', asLines(samplePairs({ num_cart_items: '3' })), SEED_TXN, /^line \d+: num_cart_items is 3 but item 2 is not there/],
      ['bad encoding', asLines(samplePairs({ first_name: 'Kathrin%FF' })), SEED_TXN, new RegExp(`^line ${lineOf('first_name') + 1}: first_name has bytes that are not valid utf-8 text \\(the message’s charset\\): bad encoding\\.$`)],
      ['unknown currency', sampleForm({ mc_currency: 'XXY' }), SEED_TXN, /^mc_currency is “XXY”, not a currency KeyHub knows/],
      ['negative quantity', sampleForm({ quantity1: '-2' }), SEED_TXN, /^quantity1 is “-2”, a negative quantity, not a number of units/],
      ['amount that does not parse', asLines(samplePairs({ mc_gross: '12%2C50' })), SEED_TXN, new RegExp(`^line ${lineOf('mc_gross') + 1}: mc_gross is “12,50”, not an amount in USD \\(like 249 or 9\\.02\\)\\.$`)],
      ['missing txn id', sampleForm({ txn_id: undefined }), null, /^the message has no txn_id/],
    ];

    it.each(cases)('%s', async (_name, text, txnId, reason) => {
      const before = storeSnapshot(t);
      const tally = await importText(t, `# one bad message\n${text}\n`);
      expect(tally).toMatchObject({ messages: 1, recorded: 0, issued: 0 });
      expect(tally.rejected).toEqual([{ line: 2, txnId, reason: expect.stringMatching(reason) }]);
      expect(storeSnapshot(t)).toBe(before);
    });
  });

  it('a file with good and bad messages imports the good ones and lists the bad by line and txn id', async () => {
    const text = [sampleForm({ txn_id: 'GOOD1' }), sampleForm({ txn_id: 'BAD1', mc_gross: 'lots' }), '', asLines(samplePairs({ txn_id: 'GOOD2' }))].join('\n');
    const tally = await importText(t, text);
    expect(tally).toMatchObject({ messages: 3, recorded: 2, issued: 2 });
    expect(tally.rejected).toEqual([{ line: 2, txnId: 'BAD1', reason: 'mc_gross is “lots”, not an amount in USD (like 249 or 9.02).' }]);
    expect(rows(t, 'SELECT provider_txn_id AS id FROM transactions ORDER BY id')).toEqual([{ id: 'GOOD1' }, { id: 'GOOD2' }]);
  });

  it('a refund of a purchase never imported is rejected with the engine’s reason', async () => {
    const tally = await importText(t, eventForm('Refunded', 'R-ORPHAN'));
    expect(tally.rejected).toEqual([{ line: 1, txnId: SEED_TXN, reason: expect.stringMatching(/^No PayPal purchase 6MF63406U4306732Y is recorded yet/) }]);
    expect(one(t, 'SELECT count(*) AS n FROM transactions').n).toBe(0);
  });

  it('with the keys locked, a purchase to sign answers LOCKED before writing anything; unlocked, the same batch imports', async () => {
    await t.call('vault.lock', {});
    const before = storeSnapshot(t);
    const error = await t.fail('transaction.importIpn', { messages: [{ line: 1, text: SEED_SAMPLE }, { line: 80, text: sampleForm({ txn_id: 'BROKEN', mc_currency: 'XXY' }) }] });
    expect(error.code).toBe('LOCKED');
    expect(storeSnapshot(t)).toBe(before);
    await t.call('vault.unlock', { passphrase: PASS, minutes: 5 });
    const tally = await t.call('transaction.importIpn', { messages: [{ line: 1, text: SEED_SAMPLE }, { line: 80, text: sampleForm({ txn_id: 'BROKEN', mc_currency: 'XXY' }) }] });
    expect(tally).toMatchObject({ messages: 2, recorded: 1, issued: 1 });
    expect(tally.rejected.map((r) => r.line)).toEqual([80]);
  });

  it('with the keys locked, messages that sign nothing still import (a duplicate, a pending purchase)', async () => {
    await importText(t, SEED_SAMPLE);
    await t.call('vault.lock', {});
    expect(await importText(t, `${sampleForm()}\n${sampleForm({ txn_id: 'P2', payment_status: 'Pending' })}`)).toMatchObject({ duplicates: 1, recorded: 1, issued: 0 });
  });
});

describe('online validation (cmd=_notify-validate)', () => {
  let t: TempStore;
  let server: Server;
  let url: string;
  const received: string[] = [];
  /** What the test server answers for a message whose txn id it contains. */
  const answers = new Map<string, { status?: number; body: string; delayMs?: number }>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        const answer = [...answers.entries()].find(([txn]) => body.includes(`txn_id=${txn}&`))?.[1] ?? { body: 'VERIFIED' };
        setTimeout(() => {
          res.writeHead(answer.status ?? 200, { 'Content-Type': 'text/plain' });
          res.end(answer.body);
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webscr`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(async () => {
    received.length = 0;
    answers.clear();
    t = tempStore();
    const lic = await licensing(t);
    await t.call('sku.create', { vendorId: lic.vendorId, sku: 'R3Bundle1Ent', privateKeyId: lic.key.id });
  });
  afterEach(() => t.cleanup());

  it('is off by default; settings.update turns it on with a URL, audited, and settings.get reads it back', async () => {
    expect(await t.call('settings.get', {})).toEqual({ ipn: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL }, stripe: DEFAULT_STRIPE_SETTINGS });
    expect(await t.call('settings.update', { ipn: { validate: true, validateUrl: url } })).toEqual({ ipn: { validate: true, validateUrl: url }, stripe: DEFAULT_STRIPE_SETTINGS });
    expect(await t.call('settings.get', {})).toEqual({ ipn: { validate: true, validateUrl: url }, stripe: DEFAULT_STRIPE_SETTINGS });
    const audit = rows(t, "SELECT actor, target_type AS type, target_id AS id, details FROM audit_log WHERE action = 'settings.update'");
    expect(audit).toEqual([{ actor: 'test', type: 'settings', id: 'ipn', details: JSON.stringify({ before: { validate: false, validateUrl: DEFAULT_IPN_VALIDATE_URL }, after: { validate: true, validateUrl: url } }) }]);
    // Only what is given changes; the same values again write nothing.
    expect(await t.call('settings.update', { ipn: { validate: false } })).toEqual({ ipn: { validate: false, validateUrl: url }, stripe: DEFAULT_STRIPE_SETTINGS });
    await t.call('settings.update', { ipn: { validate: false } });
    expect(one(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'").n).toBe(2);
  });

  it('refuses a URL that is not http(s), and changes nothing', async () => {
    const before = storeSnapshot(t);
    for (const bad of ['ftp://example.com/x', 'not a url', 'https://user:secret@example.com/']) {
      const error = await t.fail('settings.update', { ipn: { validate: true, validateUrl: bad } });
      expect(error.code).toBe('VALIDATION');
      expect(Object.keys((error.details as { fields: object }).fields)).toEqual(['ipn.validateUrl']);
    }
    expect(storeSnapshot(t)).toBe(before);
  });

  it('stored settings that are damaged read as the defaults, field by field', async () => {
    run(t, "INSERT INTO settings (key, value) VALUES ('ipn', ?)", JSON.stringify({ validate: 'yes', validateUrl: url }));
    expect(await t.call('settings.get', {})).toEqual({ ipn: { validate: false, validateUrl: url }, stripe: DEFAULT_STRIPE_SETTINGS });
  });

  it('VERIFIED imports; INVALID is rejected; each message is posted back as PayPal sent it', async () => {
    await t.call('settings.update', { ipn: { validate: true, validateUrl: url } });
    answers.set('FAKE1', { body: 'INVALID' });
    const text = `${SEED_SAMPLE}\n${sampleForm({ txn_id: 'FAKE1' })}\n`;
    const tally = await importText(t, text);
    expect(tally).toMatchObject({ messages: 2, recorded: 1, issued: 1 });
    // The sample ends with a line break, then a blank line: the form line comes after it.
    const fakeLine = SEED_SAMPLE.split('\n').length + 1;
    expect(tally.rejected).toEqual([{ line: fakeLine, txnId: 'FAKE1', reason: 'PayPal did not verify it (INVALID): it may not come from PayPal, or was changed since; nothing recorded.' }]);
    expect(received.sort()).toEqual([`cmd=_notify-validate&${sampleForm()}`, `cmd=_notify-validate&${sampleForm({ txn_id: 'FAKE1' })}`].sort());
    expect(rows(t, 'SELECT provider_txn_id AS id FROM transactions')).toEqual([{ id: SEED_TXN }]);
  });

  it('an unreachable validation URL or an odd answer rejects the message with what happened, and records nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/webscr`;
    await new Promise((resolve) => closed.close(resolve));

    await t.call('settings.update', { ipn: { validate: true, validateUrl: deadUrl } });
    const before = storeSnapshot(t);
    const tally = await importText(t, SEED_SAMPLE);
    expect(tally.rejected).toEqual([{ line: 1, txnId: SEED_TXN, reason: `could not reach ${deadUrl} (connection refused): nothing recorded; import it again later.` }]);
    expect(storeSnapshot(t)).toBe(before);

    await t.call('settings.update', { ipn: { validateUrl: url } });
    answers.set(SEED_TXN, { status: 503, body: 'Service Unavailable' });
    expect((await importText(t, SEED_SAMPLE)).rejected[0].reason).toBe(`could not validate it with PayPal at ${url} (HTTP 503: Service Unavailable): nothing recorded; import it again later.`);
    answers.set(SEED_TXN, { body: '<html>maintenance</html>' });
    expect((await importText(t, SEED_SAMPLE)).rejected[0].reason).toMatch(/\(it answered "<html>maintenance<\/html>", not VERIFIED or INVALID\): nothing recorded/);
    expect(one(t, 'SELECT count(*) AS n FROM transactions').n).toBe(0);
  });

  it('stops asking once PayPal cannot be reached: the messages not yet sent are refused at once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/webscr`;
    await new Promise((resolve) => closed.close(resolve));
    const verdicts = await validateAll(Array.from({ length: 12 }, () => SEED_SAMPLE), deadUrl, { concurrency: 1 });
    expect(verdicts[0]).toBe(`could not reach ${deadUrl} (connection refused): nothing recorded; import it again later`);
    expect(verdicts.slice(1)).toEqual(Array(11).fill(`${verdicts[0]} (not sent: an earlier message found PayPal unreachable)`));
  });

  it('a server that does not answer in time is a timeout', async () => {
    answers.set(SEED_TXN, { body: 'VERIFIED', delayMs: 2000 });
    expect(await validateOne(SEED_SAMPLE, url, { timeoutMs: 200 })).toBe(`could not reach ${url} (no answer within 200 ms): nothing recorded; import it again later`);
  });
});
