/**
 * transaction.list and transaction.get on a real store: every filter, the search by
 * transaction id, email and name, the sorts, paging, the capped total on a big store
 * (and that its queries read indexes), CSV export, and the detail of one transaction.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COUNT_CAP, PROBE_COUNT_CAP } from '../../src-main/domain/licenses/list-engine';
import type { Payer, PurchaseMessage, TransactionRow } from '../../src-main/domain/sales/types';
import { tempStore, type TempStore } from '../support/temp-store';
import { licensing, one, run } from './license-lifecycle-fixture';
import { record, refundOf, SEED_PAID, SEED_SKU, SEED_TXN, seedItem, seedPurchase } from './sample-purchases';

const ELITE = 'R3Elite';
const payer = (firstName: string, lastName: string, email: string, more: Partial<Payer> = {}): Payer => ({
  email,
  firstName,
  lastName,
  businessName: null,
  payerId: null,
  country: 'US',
  ...more,
});

/**
 * Seven purchases, recorded in this order (ids 1–7), payment dates a month apart. Kathrin
 * Fretz (the seed's payer) made A, C and E.
 */
const PURCHASES: Record<string, PurchaseMessage> = {
  A: seedPurchase(),
  B: seedPurchase({
    txn: '8AB12345CD6789012',
    paymentDate: '2013-02-01T10:00:00.000Z',
    currency: 'EUR',
    gross: 9900,
    payer: payer('Hans', 'Meier', 'Orders@Acme.example', { businessName: 'Acme GmbH', country: 'DE' }),
    items: [seedItem({ providerItemId: '8AB12345CD6789012#1', number: '929357||R3Elite', name: 'Resizer 3 Elite', skuCode: ELITE, gross: 9900 })],
  }),
  C: seedPurchase({ txn: 'PENDING1', status: 'waiting', providerStatus: 'Pending', paymentDate: '2013-03-01T00:00:00.000Z', gross: 14900 }),
  D: seedPurchase({
    txn: 'UNMAPPED1',
    paymentDate: '2013-04-01T00:00:00.000Z',
    gross: 5000,
    payer: payer('Zoe', 'Adams', 'zoe@adams.example'),
    items: [seedItem({ providerItemId: 'UNMAPPED1#1', number: 'X-42', name: 'Mystery box', skuCode: null, quantity: 2, gross: 5000 })],
  }),
  E: seedPurchase({
    txn: 'TWO-LINES',
    paymentDate: '2013-05-01T00:00:00.000Z',
    gross: 74700,
    items: [seedItem({ providerItemId: 'TWO-LINES#1', quantity: 2, gross: 49800 }), seedItem({ providerItemId: 'TWO-LINES#2', gross: 24900 })],
  }),
  F: seedPurchase({
    txn: 'pi_3Nabc',
    provider: 'stripe',
    paymentDate: '2013-06-01T00:00:00.000Z',
    gross: 19900,
    payer: payer('Li', 'Wei', 'li@wei.example'),
    items: [seedItem({ providerItemId: 'li_1', number: null, name: 'Elite', skuCode: ELITE, gross: 19900 })],
    rawFormat: 'json',
    raw: '{"id":"pi_3Nabc"}',
  }),
  G: seedPurchase({
    txn: 'NOKEY1',
    paymentDate: '2013-07-01T00:00:00.000Z',
    gross: 3900,
    payer: payer('Otto', 'Brandt', 'otto@brandt.example'),
    items: [seedItem({ providerItemId: 'NOKEY1#1', number: 'NoKey', name: 'Unsigned thing', skuCode: 'NoKey', gross: 3900 })],
  }),
};

let t: TempStore;
let ids: Record<string, number>;
let skus: { seed: number; elite: number; noKey: number };

const txns = (rows: TransactionRow[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? `#${r.id}`);
const list = async (input: Parameters<TempStore['call']>[1] = {}) => {
  const page = await t.call('transaction.list', input as never);
  return { ...page, names: txns(page.items) };
};

beforeEach(async () => {
  t = tempStore();
  const fix = await licensing(t);
  skus = {
    seed: await fix.sku({ sku: SEED_SKU, licenseDuration: null }),
    elite: await fix.sku({ sku: ELITE, licenseDuration: 365 }),
    noKey: (await t.call('sku.create', { vendorId: fix.vendorId, sku: 'NoKey' })).id,
  };
  await record(t, ...Object.values(PURCHASES), refundOf('TWO-LINES', 24900));
  ids = Object.fromEntries(Object.entries(PURCHASES).map(([name, p]) => [name, one(t, 'SELECT id FROM transactions WHERE provider_txn_id = ?', p.providerTxnId).id as number]));
});

afterEach(() => t.cleanup());

describe('transaction.list', () => {
  it('lists newest payment first with an exact total, each row hydrated', async () => {
    const page = await list();
    expect(page.names).toEqual(['G', 'F', 'E', 'D', 'C', 'B', 'A']);
    expect(page).toMatchObject({ total: 7, totalIsLowerBound: false, offset: 0, limit: 50 });
    const a = page.items.find((r) => r.id === ids.A)!;
    expect(a).toMatchObject({ providerTxnId: SEED_TXN, status: 'confirmed', payerName: 'Kathrin Fretz', currency: 'USD', gross: 24900, paymentDate: SEED_PAID, licenseCount: 1, itemsSummary: SEED_SKU });
    const e = page.items.find((r) => r.id === ids.E)!;
    expect(e).toMatchObject({ status: 'partially_refunded', refunded: 24900, licenseCount: 3, itemsSummary: `${SEED_SKU} ×2, ${SEED_SKU}` });
    expect(e.pendingDecision).toMatch(/Partial refund/);
  });

  it('filters by payment status, a pending decision, and units waiting for their license', async () => {
    expect((await list({ status: 'confirmed' })).names).toEqual(['G', 'F', 'D', 'B', 'A']);
    expect((await list({ status: 'unfulfilled' })).names).toEqual(['G', 'D']);
    expect((await list({ status: 'decision' })).names).toEqual(['E']);
    expect((await list({ status: 'partially_refunded' })).names).toEqual(['E']);
    expect((await list({ status: 'refunded' })).total).toBe(0);
    // A pending purchase owes nothing yet: it is not "waiting" even though nothing was issued.
    expect((await list({ status: 'unfulfilled' })).names).not.toContain('C');
    // Once the waiting units are issued (a mapping), the purchase leaves the filter.
    await t.call('fulfilment.map', { matchField: 'item_number', matchValue: 'X-42', skuId: skus.seed });
    expect((await list({ status: 'unfulfilled' })).names).toEqual(['G']);
  });

  it('filters by provider, payment date (from inclusive, to exclusive), SKU and customer', async () => {
    expect((await list({ provider: 'stripe' })).names).toEqual(['F']);
    expect((await list({ provider: 'paypal' })).total).toBe(6);
    expect((await list({ from: '2013-03-01', to: '2013-05-01' })).names).toEqual(['D', 'C']);
    expect((await list({ from: '2013-06-01' })).names).toEqual(['G', 'F']);
    expect((await list({ to: '2013-01-01' })).names).toEqual(['A']);
    // E has two lines of the seed's SKU: listed once.
    const seedSku = await list({ skuId: skus.seed });
    expect(seedSku.names).toEqual(['E', 'C', 'A']);
    expect(seedSku.total).toBe(3);
    expect((await list({ skuId: skus.elite })).names).toEqual(['F', 'B']);
    const kathrin = one(t, 'SELECT customer_id AS id FROM transactions WHERE id = ?', ids.A).id as number;
    expect((await list({ customerId: kathrin })).names).toEqual(['E', 'C', 'A']);
    // Filters combine.
    expect((await list({ customerId: kathrin, status: 'confirmed' })).names).toEqual(['A']);
    expect((await list({ skuId: skus.elite, provider: 'paypal', from: '2013-01-01' })).names).toEqual(['B']);
  });

  it('finds by transaction id prefix, KeyHub id, payer email, last name, business name, or first and last name', async () => {
    const names = async (search: string, more = {}) => (await list({ search, ...more })).names;
    expect(await names('6MF634')).toEqual(['A']);
    // PayPal's ids are upper case; typed in lower case they are found too.
    expect(await names('6mf63406u')).toEqual(['A']);
    expect(await names('pi_3N')).toEqual(['F']);
    expect(await names(`#${ids.B}`)).toEqual(['B']);
    expect(await names('ORDERS@acme')).toEqual(['B']);
    expect(await names('zoe@')).toEqual(['D']);
    expect(await names('fre')).toEqual(['E', 'C', 'A']);
    expect(await names('acme g')).toEqual(['B']);
    expect(await names('Kathrin   Fr')).toEqual(['E', 'C', 'A']);
    expect(await names('hans me')).toEqual(['B']);
    expect(await names('kathrin me')).toEqual([]);
    // Not a prefix: middle of an email or name.
    expect(await names('photometer')).toEqual([]);
    expect(await names('retz')).toEqual([]);
    // With filters and a sort.
    expect(await names('fre', { status: 'decision' })).toEqual(['E']);
    expect(await names('fre', { sort: 'gross', dir: 'desc' })).toEqual(['E', 'A', 'C']);
    const page = await list({ search: 'fre', limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(page.names).toEqual(['C', 'A']);
  });

  it('sorts by payment date, amount, payer (last name) and id, both ways, and pages', async () => {
    expect((await list({ sort: 'paymentDate' })).names).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect((await list({ sort: 'gross' })).names).toEqual(['G', 'D', 'B', 'C', 'F', 'A', 'E']);
    expect((await list({ sort: 'gross', dir: 'desc' })).names).toEqual(['E', 'A', 'F', 'C', 'B', 'D', 'G']);
    // Adams, Brandt, Fretz ×3 (by id), Meier, Wei.
    expect((await list({ sort: 'payer' })).names).toEqual(['D', 'G', 'A', 'C', 'E', 'B', 'F']);
    expect((await list({ sort: 'payer', dir: 'desc' })).names).toEqual(['F', 'B', 'E', 'C', 'A', 'G', 'D']);
    expect((await list({ sort: 'id', dir: 'desc' })).names).toEqual(['G', 'F', 'E', 'D', 'C', 'B', 'A']);
    const second = await list({ limit: 2, offset: 2 });
    expect(second.names).toEqual(['E', 'D']);
    expect(second).toMatchObject({ total: 7, limit: 2, offset: 2 });
    expect((await list({ limit: 5, offset: 5 })).names).toEqual(['B', 'A']);
  });

  it('exports what the list shows to CSV', async () => {
    const csv = await t.call('export.csv', { list: 'transaction.list', query: { status: 'confirmed', sort: 'gross', dir: 'desc' } });
    expect(csv.filename).toMatch(/^transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv).toMatchObject({ rows: 5, truncated: false });
    const [header, first] = csv.csv.split('\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['providerTxnId', 'status', 'payerName', 'currency', 'gross', 'paymentDate']));
    expect(first).toContain(SEED_TXN);
    // Money reads as a decimal amount in its currency, not minor units.
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, first.split(',')[i]]));
    expect(cells).toMatchObject({ currency: 'USD', gross: '249.00', refunded: '0.00' });
    // The list's own checks apply.
    expect((await t.fail('export.csv', { list: 'transaction.list', query: { status: 'paid' } })).code).toBe('VALIDATION');
  });
});

describe('transaction.get', () => {
  it('shows every column, the items with their licenses, the decoded message and the payment log', async () => {
    const a = await t.call('transaction.get', { id: ids.A });
    expect(a).toMatchObject({
      id: ids.A,
      provider: 'paypal',
      providerTxnId: SEED_TXN,
      txnType: 'expresscheckout',
      status: 'confirmed',
      payerEmail: 'angelagube@photometer.com',
      payerFirstName: 'Kathrin',
      payerLastName: 'Fretz',
      payerBusinessName: null,
      payerId: 'XH947JE7P6KRJ',
      residenceCountry: 'CH',
      business: 'billing@imazen.co',
      currency: 'USD',
      gross: 24900,
      fee: 902,
      tax: 0,
      shipping: 0,
      refunded: 0,
      paymentDate: SEED_PAID,
      licenseCount: 1,
      rawFormat: 'ipn',
      pendingDecision: null,
    });
    expect(a).not.toHaveProperty('itemsSummary');
    expect(a.raw).toBe(PURCHASES.A.raw);
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({ providerItemId: `${SEED_TXN}#1`, name: 'Resizer 3', number: '929356||R3Bundle1Ent', skuCode: SEED_SKU, skuId: skus.seed, sku: SEED_SKU, quantity: 1, gross: 24900, options: [], waiting: null });
    expect(a.items[0].licenses).toEqual([expect.objectContaining({ sku: SEED_SKU, ownerName: 'Kathrin Fretz', state: 'active', expires: null, unit: 1 })]);
    // The IPN text decoded: %-escapes and + spaces.
    expect(a.rawFields).toEqual(
      expect.arrayContaining([
        { key: 'payment_date', value: '02:51:26 Jul 18, 2012 MST' },
        { key: 'item_number1', value: '929356||R3Bundle1Ent' },
        { key: 'txn_id', value: SEED_TXN },
      ]),
    );
    expect(a.rawFields[0].key).toBe('payment_date');
    expect(a.log.map((l) => [l.eventType, l.fromStatus, l.toStatus])).toEqual([['received', null, 'confirmed']]);
    expect(a.log[0].message).toMatch(/Completed/);
  });

  it('puts each license under its item and keeps the log oldest first after a partial refund', async () => {
    const e = await t.call('transaction.get', { id: ids.E });
    expect(e.items.map((i) => i.licenses.map((l) => l.unit))).toEqual([[1, 2], [1]]);
    const licenseIds = e.items.flatMap((i) => i.licenses.map((l) => l.id));
    expect(new Set(licenseIds).size).toBe(3);
    // Each license is the one the ledger wrote for that item.
    for (const item of e.items) {
      for (const license of item.licenses) {
        expect(one(t, 'SELECT transaction_item_id AS itemId FROM fulfilments WHERE license_id = ?', license.id).itemId).toBe(item.id);
      }
    }
    expect(e.log.map((l) => [l.eventType, l.fromStatus, l.toStatus])).toEqual([
      ['received', null, 'confirmed'],
      ['refund', 'confirmed', 'partially_refunded'],
    ]);
    expect(e.log[1].data).toMatchObject({ amount: 24900, currency: 'USD' });
    expect(e.pendingDecision).toMatch(/decide which of the 3 licenses/);
  });

  it('says why units wait: no SKU matches, or the SKU has no signing key; a pending purchase owes nothing yet', async () => {
    const d = await t.call('transaction.get', { id: ids.D });
    expect(d.items[0].sku).toBeNull();
    expect(d.items[0].licenses).toEqual([]);
    expect(d.items[0].waiting).toMatchObject({ reason: 'unmapped', units: 2 });
    expect(d.items[0].waiting!.message).toMatch(/X-42/);
    expect(d.waitingUnits).toBe(2);

    const g = await t.call('transaction.get', { id: ids.G });
    expect(g.items[0]).toMatchObject({ sku: 'NoKey', skuId: skus.noKey });
    expect(g.items[0].waiting).toMatchObject({ reason: 'no_signing_key', units: 1 });
    expect(g.items[0].waiting!.message).toMatch(/NoKey has no signing key/);

    const c = await t.call('transaction.get', { id: ids.C });
    expect(c.status).toBe('waiting');
    expect(c.items[0].waiting).toBeNull();

    // A mapping added behind the queue's back (no fulfilment yet): the item now matches.
    run(t, "INSERT INTO item_mappings (match_field, match_value, sku_id, created_by) VALUES ('item_number', 'x-42', ?, 'test')", skus.elite);
    const again = await t.call('transaction.get', { id: ids.D });
    expect(again.items[0].waiting).toMatchObject({ reason: 'unmapped', units: 2 });
    expect(again.items[0].waiting!.message).toMatch(/R3Elite matches this item now/);
  });

  it('keeps a JSON message as it came, without decoded fields', async () => {
    const f = await t.call('transaction.get', { id: ids.F });
    expect(f).toMatchObject({ provider: 'stripe', rawFormat: 'json', raw: '{"id":"pi_3Nabc"}', rawFields: [] });
  });

  it('refuses a transaction that does not exist', async () => {
    const error = await t.fail('transaction.get', { id: 9999 });
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('transaction.list on a big store', () => {
  let big: TempStore;
  const BULK = COUNT_CAP + 50;

  beforeAll(() => {
    big = tempStore();
    run(big, "INSERT INTO vendors (name) VALUES ('Imazen')");
    run(big, "INSERT INTO skus (vendor_id, sku) VALUES (1, 'alpha'), (1, 'beta'), (1, 'gamma')");
    // Every 1000th is refunded; every 7th has a beta line, a few a gamma line; the last three pay in EUR.
    big.store.sqlite.exec(`
      INSERT INTO transactions (provider, provider_txn_id, txn_type, status, payer_email, payer_first_name, payer_last_name, currency, gross, payment_date, raw_format, raw, pending_decision)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK})
      SELECT 'paypal', printf('BULK%08d', i), 'cart', CASE WHEN i % 1000 = 0 THEN 'refunded' ELSE 'confirmed' END,
             printf('buyer%06d@example.com', i), 'Buyer', printf('Name%06d', i), CASE WHEN i > ${BULK - 3} THEN 'EUR' ELSE 'USD' END,
             1000 + (i * 37) % 5000, strftime('%Y-%m-%dT%H:%M:%S.000Z', '2020-01-01', '+' || i || ' minutes'), 'ipn', printf('txn_id=BULK%08d', i),
             CASE WHEN i = 5 THEN 'Decide.' END
      FROM n;
      INSERT INTO transaction_items (transaction_id, sku_id, provider_item_id, quantity, gross, waiting_units)
      SELECT id, CASE WHEN id % 1000 = 1 THEN 3 WHEN id % 7 = 0 THEN 2 ELSE 1 END, provider_txn_id || '#1', 1, gross, CASE WHEN id % 2000 = 0 THEN 1 ELSE 0 END FROM transactions;
    `);
  });

  afterAll(() => big.cleanup());

  it('counts up to the cap and says the total is at least that; small filters count exactly', async () => {
    const page = await big.call('transaction.list', { limit: 3 });
    expect(page).toMatchObject({ total: COUNT_CAP, totalIsLowerBound: true });
    expect(page.items.map((r) => r.providerTxnId)).toEqual([`BULK${String(BULK).padStart(8, '0')}`, `BULK${String(BULK - 1).padStart(8, '0')}`, `BULK${String(BULK - 2).padStart(8, '0')}`]);
    expect(await big.call('transaction.list', { status: 'refunded' })).toMatchObject({ total: 10, totalIsLowerBound: false });
    // Waiting: confirmed with a waiting unit (every 2000th, but not the refunded ones).
    expect(await big.call('transaction.list', { status: 'unfulfilled' })).toMatchObject({ total: 0, totalIsLowerBound: false });
    run(big, "UPDATE transactions SET status = 'confirmed' WHERE id IN (2000, 4000)");
    expect((await big.call('transaction.list', { status: 'unfulfilled' })).items.map((r) => r.id)).toEqual([4000, 2000]);
    expect(await big.call('transaction.list', { status: 'decision' })).toMatchObject({ total: 1 });
    // A SKU's purchases each need a look-up from its items: counted to the smaller cap.
    const beta = await big.call('transaction.list', { skuId: 2, limit: 2, sort: 'paymentDate', dir: 'asc' });
    expect(beta).toMatchObject({ total: PROBE_COUNT_CAP, totalIsLowerBound: true });
    expect(beta.items.map((r) => r.id)).toEqual([7, 14]);
    const gamma = await big.call('transaction.list', { skuId: 3, limit: 3 });
    expect(gamma).toMatchObject({ total: 11, totalIsLowerBound: false });
    expect(gamma.items.map((r) => r.id)).toEqual([10001, 9001, 8001]);
  });

  it('a search that matches more than the cap says so too', async () => {
    const page = await big.call('transaction.list', { search: 'bulk', limit: 5 });
    expect(page).toMatchObject({ total: COUNT_CAP, totalIsLowerBound: true });
    expect((await big.call('transaction.list', { search: 'buyer000123@' })).items.map((r) => r.id)).toEqual([123]);
    expect((await big.call('transaction.list', { search: 'name00012' })).total).toBe(10);
  });

  it('sorts the same whether it walks the sort index (many matches) or sorts the filtered rows (few)', async () => {
    const many = await big.call('transaction.list', { status: 'confirmed', sort: 'payer', limit: 3, offset: 99 });
    expect(many.items.map((r) => r.id)).toEqual([100, 101, 102]);
    const few = await big.call('transaction.list', { status: 'refunded', sort: 'payer', dir: 'desc', limit: 3 });
    expect(few.items.map((r) => r.id)).toEqual([10000, 9000, 8000]);
    const eur = await big.call('transaction.list', { search: 'bulk0001004', sort: 'gross' });
    const grosses = eur.items.map((r) => r.gross);
    expect(grosses).toEqual([...grosses].sort((x, y) => x - y));
    expect(eur.total).toBe(10);
  });

  it('reads every filter, sort and search through indexes: no whole-table scan', async () => {
    const seen = new Set<string>();
    const prepare = big.store.sqlite.prepare.bind(big.store.sqlite);
    big.store.sqlite.prepare = ((sql: string) => (seen.add(sql), prepare(sql))) as typeof prepare;
    try {
      for (const sort of ['paymentDate', 'payer', 'id', 'gross'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const status of [undefined, 'confirmed', 'refunded', 'decision', 'waiting'] as const) {
            await big.call('transaction.list', { sort, dir, status });
          }
          await big.call('transaction.list', { sort, dir, provider: 'paypal', from: '2020-01-02', to: '2020-01-03' });
          await big.call('transaction.list', { sort, dir, skuId: 2 });
          await big.call('transaction.list', { sort, dir, customerId: 1 });
          await big.call('transaction.list', { sort, dir, search: 'Name0001 ', status: 'confirmed' });
          await big.call('transaction.list', { sort, dir, search: 'kathrin fr' });
          await big.call('transaction.list', { sort, dir, search: '#12' });
        }
      }
      await big.call('transaction.get', { id: 7 });
    } finally {
      big.store.sqlite.prepare = prepare;
    }
    const problems: string[] = [];
    for (const sql of seen) {
      if (!/^\s*SELECT/i.test(sql)) continue;
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, name === 'ids' ? '[1]' : 1]));
      const positional = (sql.match(/\?/g) ?? []).map(() => 1);
      const args = Object.keys(params).length ? [...positional, params] : positional;
      const plan = (big.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);
      // Rowid order is the table's own: that walk reads rows in order and stops at the page.
      const idWalk = /^SELECT t\.id FROM transactions t( WHERE .*)? ORDER BY t\.id (ASC|DESC) LIMIT/.test(sql);
      if (!idWalk && plan.some((d) => /^SCAN (t|ti|transactions|transaction_items)$/.test(d))) problems.push(`whole-table scan: ${sql}\n${plan.join('\n')}`);
      const walks = sql.includes('INDEXED BY') && sql.includes('ORDER BY') && !sql.includes('(+');
      if (walks && plan.some((d) => d.includes('TEMP B-TREE'))) problems.push(`sorts a walked index: ${sql}\n${plan.join('\n')}`);
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
