/**
 * The fulfilment engine on a real store, fed the one message shape every provider feed
 * produces: a confirmed purchase issues one signed license per unit exactly once; the
 * customer is found or created from the payer; refunds, reversals and cancelled
 * reversals revoke and restore; unmapped items wait and a mapping fulfils them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { addCustomer, claimsOf, licensing, one, rows, run, type Licensing } from './license-lifecycle-fixture';
import { item, purchase, record, refund, salesSnapshot } from './sales-fixture';

describe('fulfilment', () => {
  let t: TempStore;
  let lic: Licensing;
  let r3: number;

  beforeEach(async () => {
    t = tempStore();
    lic = await licensing(t);
    r3 = await lic.sku({ sku: 'R3Bundle1Ent', licenseDuration: 365 });
  });
  afterEach(() => t.cleanup());

  const licensesOf = (txnId: string) =>
    rows(
      t,
      `SELECT l.id, l.owner_name AS owner, l.status, l.status_reason AS reason, l.issued, l.expires, l.owning_entity_id AS owning, l.purchasing_entity_id AS purchasing, f.unit
       FROM transactions tr JOIN transaction_items ti ON ti.transaction_id = tr.id JOIN fulfilments f ON f.transaction_item_id = ti.id JOIN licenses l ON l.id = f.license_id
       WHERE tr.provider_txn_id = ? ORDER BY l.id`,
      txnId,
    );
  const txn = (txnId: string) => one(t, 'SELECT * FROM transactions WHERE provider_txn_id = ?', txnId);

  it('issues one signed license per unit to the payer’s new customer, dated from the payment, and records the purchase whole', async () => {
    const tally = await record(t, purchase('6MF63406U4306732Y', [item({ number: '929356||R3Bundle1Ent', quantity: 2, gross: 49800 })]));
    expect(tally).toMatchObject({ messages: 1, recorded: 1, issued: 2, waiting: 0, rejected: [] });

    const customer = one(t, 'SELECT * FROM customers');
    expect(customer).toMatchObject({ name: 'Kathrin Fretz', kind: 'person', email: 'angelagube@photometer.com', country: 'CH' });
    expect(one(t, 'SELECT provider, provider_customer_id AS id FROM provider_customers')).toEqual({ provider: 'paypal', id: 'XH947JE7P6KRJ' });

    const issued = licensesOf('6MF63406U4306732Y');
    expect(issued).toHaveLength(2);
    expect(issued.map((l) => l.unit)).toEqual([1, 2]);
    for (const l of issued) {
      expect(l).toMatchObject({ owner: 'Kathrin Fretz', status: 'active', issued: '2026-07-18T09:51:26.000Z', expires: '2027-07-18T09:51:26.000Z', owning: customer.id, purchasing: customer.id });
      const claims = claimsOf(one(t, 'SELECT license_bytes AS b FROM licenses WHERE id = ?', l.id).b as Buffer);
      expect(claims).toMatchObject({ licenseId: String(l.id), sku: 'R3Bundle1Ent', owner: 'Kathrin Fretz', features: ['R_Elite'] });
    }
    expect(txn('6MF63406U4306732Y')).toMatchObject({ status: 'confirmed', gross: 49800, fee: 902, currency: 'USD', customer_id: customer.id, raw: 'txn_id=6MF63406U4306732Y', raw_format: 'ipn' });
    expect(rows(t, 'SELECT event_type AS type, from_status AS "from", to_status AS "to" FROM payment_logs')).toEqual([{ type: 'received', from: null, to: 'confirmed' }]);
    // Each license's timeline says which purchase issued it.
    const audit = rows(t, "SELECT details FROM audit_log WHERE action = 'license.issue'").map((r) => JSON.parse(r.details as string));
    expect(audit[0].purchase).toMatchObject({ provider: 'paypal', providerTxnId: '6MF63406U4306732Y', unit: 1, of: 2 });
  });

  it('issues nothing for a replayed, duplicated or re-imported purchase', async () => {
    const message = purchase('DUP1', [item({ skuCode: 'R3Bundle1Ent' })]);
    await record(t, message);
    const before = salesSnapshot(t);
    const again = await record(t, message, { ...message });
    expect(again).toMatchObject({ messages: 2, recorded: 0, duplicates: 2, issued: 0 });
    expect(salesSnapshot(t)).toBe(before);
  });

  it('issues nothing while pending, once when completed, and ignores a late pending', async () => {
    const pending = purchase('PEND1', [item({ skuCode: 'R3Bundle1Ent' })], { status: 'waiting', providerStatus: 'Pending' });
    expect(await record(t, pending)).toMatchObject({ recorded: 1, issued: 0, waiting: 0 });
    expect(licensesOf('PEND1')).toHaveLength(0);
    const completed = { ...pending, status: 'confirmed' as const, providerStatus: 'Completed', raw: 'txn_id=PEND1&payment_status=Completed' };
    expect(await record(t, completed)).toMatchObject({ updated: 1, issued: 1 });
    expect(await record(t, completed, pending)).toMatchObject({ duplicates: 2, issued: 0 });
    expect(licensesOf('PEND1')).toHaveLength(1);
    expect(rows(t, 'SELECT from_status AS "from", to_status AS "to" FROM payment_logs ORDER BY id')).toEqual([
      { from: null, to: 'waiting' },
      { from: 'waiting', to: 'confirmed' },
    ]);
    // The later message is kept whole in its log entry.
    expect(JSON.parse(one(t, "SELECT data FROM payment_logs WHERE to_status = 'confirmed'").data as string).raw).toBe('txn_id=PEND1&payment_status=Completed');
  });

  it('asks for the keys before writing anything when a purchase must be signed', async () => {
    await t.call('vault.lock', {});
    const before = salesSnapshot(t);
    await expect(record(t, purchase('LOCK1', [item({ skuCode: 'R3Bundle1Ent' })]))).rejects.toMatchObject({ code: 'LOCKED' });
    expect(salesSnapshot(t)).toBe(before);
    // A pending purchase signs nothing, so it records with the keys locked.
    expect(await record(t, purchase('LOCK2', [item({ skuCode: 'R3Bundle1Ent' })], { status: 'waiting', providerStatus: 'Pending' }))).toMatchObject({ recorded: 1 });
  });

  it('finds the customer by email first (any case), then by the provider’s payer id; the owner is the business name when there is one', async () => {
    const fretz = addCustomer(t, 'Fretz Photography');
    run(t, 'UPDATE customers SET email = ? WHERE id = ?', 'AngelaGube@Photometer.com', fretz);
    await record(t, purchase('C1', [item({ skuCode: 'R3Bundle1Ent' })], { payer: { email: 'angelagube@photometer.com', firstName: 'Kathrin', lastName: 'Fretz', businessName: 'Fretz Photo AG', payerId: 'PAYER1', country: 'CH' } }));
    expect(txn('C1').customer_id).toBe(fretz);
    expect(licensesOf('C1')[0]).toMatchObject({ owner: 'Fretz Photo AG', owning: fretz });

    await record(t, purchase('C2', [item({ skuCode: 'R3Bundle1Ent' })], { payer: { email: 'new-address@photometer.com', firstName: 'K', lastName: 'F', businessName: null, payerId: 'PAYER1', country: 'CH' } }));
    expect(txn('C2').customer_id).toBe(fretz);
    expect(one(t, 'SELECT count(*) AS n FROM customers').n).toBe(1);
  });

  it('revokes every license on a full refund, with the reason in the audit log, once', async () => {
    await record(t, purchase('R1', [item({ skuCode: 'R3Bundle1Ent', quantity: 2, gross: 49800 })]));
    const tally = await record(t, refund('R1', 'RF1/Refunded', 49800, { reason: 'buyer_complaint' }));
    expect(tally).toMatchObject({ updated: 1, revoked: 2 });
    expect(txn('R1')).toMatchObject({ status: 'refunded', refunded: 49800, pending_decision: null });
    for (const l of licensesOf('R1')) expect(l).toMatchObject({ status: 'revoked', reason: 'Refunded at PayPal (RF1) (buyer_complaint).' });
    const revokes = rows(t, "SELECT details FROM audit_log WHERE action = 'license.revoke'").map((r) => JSON.parse(r.details as string));
    expect(revokes).toHaveLength(2);
    expect(revokes[0]).toMatchObject({ from: 'active', reason: 'Refunded at PayPal (RF1) (buyer_complaint).' });

    const before = salesSnapshot(t);
    expect(await record(t, refund('R1', 'RF1/Refunded', 49800))).toMatchObject({ duplicates: 1, revoked: 0 });
    expect(salesSnapshot(t)).toBe(before);
  });

  it('asks staff to decide a partial refund of a multi-unit purchase, and applies the decision', async () => {
    await record(t, purchase('P1', [item({ skuCode: 'R3Bundle1Ent', quantity: 3, gross: 74700 })]));
    expect(await record(t, refund('P1', 'RF2/Refunded', 24900))).toMatchObject({ revoked: 0 });
    const open = txn('P1');
    expect(open).toMatchObject({ status: 'partially_refunded', refunded: 24900 });
    expect(open.pending_decision).toBe('Partial refund of 249.00 USD of 747.00 USD: decide which of the 3 licenses to revoke, or keep them all.');
    expect(licensesOf('P1').every((l) => l.status === 'active')).toBe(true);

    const [first, second] = licensesOf('P1');
    const stranger = await t.call('license.issue', { skuId: r3, owner: 'Someone else' });
    expect((await t.fail('transaction.decide', { id: open.id, revokeLicenseIds: [stranger.licenseId], note: 'one seat refunded' })).message).toBe(
      `License ${stranger.licenseId} was not issued by transaction P1.`,
    );
    const detail = await t.call('transaction.decide', { id: open.id as number, revokeLicenseIds: [second.id as number], note: 'one seat refunded' });
    expect(detail.pendingDecision).toBeNull();
    expect(licensesOf('P1').map((l) => l.status)).toEqual(['active', 'revoked', 'active']);
    expect(first.status).toBe('active');
    expect((await t.fail('transaction.decide', { id: open.id, revokeLicenseIds: [], note: 'again' })).code).toBe('CONFLICT');
  });

  it('revokes on a reversal and restores on a cancelled reversal, but never what a refund revoked', async () => {
    await record(t, purchase('V1', [item({ skuCode: 'R3Bundle1Ent' })]));
    await record(t, { ...refund('V1', 'RV1/Reversed', 24900, { reason: 'chargeback' }), event: 'reversal', providerStatus: 'Reversed' });
    expect(txn('V1').status).toBe('reversed');
    expect(licensesOf('V1')[0]).toMatchObject({ status: 'revoked', reason: 'Payment reversed at PayPal (chargeback).' });

    const tally = await record(t, { ...refund('V1', 'RV1/Canceled_Reversal', 0, { reason: 'other' }), event: 'reversal_cancelled', providerStatus: 'Canceled_Reversal' });
    expect(tally).toMatchObject({ restored: 1 });
    expect(txn('V1').status).toBe('confirmed');
    expect(licensesOf('V1')[0]).toMatchObject({ status: 'active', reason: null });
    const resume = JSON.parse(one(t, "SELECT details FROM audit_log WHERE action = 'license.resume'").details as string);
    expect(resume).toMatchObject({ from: 'revoked', previousReason: 'Payment reversed at PayPal (chargeback).', reason: 'Reversal cancelled at PayPal (other): the payment stands.' });

    await record(t, purchase('V2', [item({ skuCode: 'R3Bundle1Ent' })]));
    await record(t, refund('V2', 'RF3/Refunded', 24900));
    await record(t, { ...refund('V2', 'RV2/Canceled_Reversal', 0), event: 'reversal_cancelled' });
    expect(licensesOf('V2')[0].status).toBe('revoked');
  });

  const reversal = (txnId: string, id: string) => ({ ...refund(txnId, `${id}/Reversed`, 0, { reason: 'chargeback' }), event: 'reversal' as const, providerStatus: 'Reversed' });
  const cancelled = (txnId: string, id: string) => ({ ...refund(txnId, `${id}/Canceled_Reversal`, 0, { reason: 'other' }), event: 'reversal_cancelled' as const, providerStatus: 'Canceled_Reversal' });

  it('keeps licenses revoked when a cancelled reversal follows a full refund', async () => {
    await record(t, purchase('X1', [item({ skuCode: 'R3Bundle1Ent', quantity: 2, gross: 49800 })]));
    await record(t, reversal('X1', 'RV10'));
    await record(t, refund('X1', 'RF10/Refunded', 49800));
    expect(txn('X1')).toMatchObject({ status: 'reversed', refunded: 49800 });
    expect(await record(t, cancelled('X1', 'RV10'))).toMatchObject({ restored: 0 });
    expect(txn('X1').status).toBe('refunded');
    expect(licensesOf('X1').map((l) => l.status)).toEqual(['revoked', 'revoked']);
  });

  it('never undoes what staff did by hand after a reversal, and puts a suspended license back to suspended', async () => {
    await record(t, purchase('X2', [item({ skuCode: 'R3Bundle1Ent', quantity: 2, gross: 49800 })]));
    const [a, b] = licensesOf('X2').map((l) => l.id as number);
    await t.call('license.suspend', { id: b, reason: 'Unpaid support invoice' });
    await record(t, reversal('X2', 'RV11'));
    await t.call('license.resume', { id: a, reason: 'Customer paid by wire' });
    await t.call('license.revoke', { id: a, reason: 'Key shared publicly' });
    expect(await record(t, cancelled('X2', 'RV11'))).toMatchObject({ restored: 1 });
    expect(licensesOf('X2')).toEqual([
      expect.objectContaining({ id: a, status: 'revoked', reason: 'Key shared publicly' }),
      expect.objectContaining({ id: b, status: 'suspended', reason: 'Unpaid support invoice' }),
    ]);
    const timeline = await t.call('license.timeline', { id: b });
    expect(timeline.at(-1)?.summary).toMatch(/^Back to suspended \(was revoked\) by test/);
  });

  it('keeps a reversed purchase reversed through a partial refund; cancelling the reversal asks the refund’s question again', async () => {
    await record(t, purchase('X3', [item({ skuCode: 'R3Bundle1Ent', quantity: 3, gross: 74700 })]));
    await record(t, refund('X3', 'RF12/Refunded', 24900));
    expect(txn('X3').pending_decision).not.toBeNull();
    await record(t, reversal('X3', 'RV12'));
    expect(txn('X3')).toMatchObject({ status: 'reversed', pending_decision: null });
    await record(t, refund('X3', 'RF13/Refunded', 100));
    expect(txn('X3')).toMatchObject({ status: 'reversed', refunded: 25000 });
    await record(t, cancelled('X3', 'RV12'));
    expect(txn('X3')).toMatchObject({ status: 'partially_refunded', pending_decision: 'Partial refund of 250.00 USD of 747.00 USD: decide which of the 3 licenses to revoke, or keep them all.' });
    expect(licensesOf('X3').every((l) => l.status === 'active')).toBe(true);
  });

  it('gives the same owner name whether a purchase completes at once or after pending', async () => {
    const acme = addCustomer(t, 'ACME GmbH');
    run(t, 'UPDATE customers SET email = ? WHERE id = ?', 'x@acme.test', acme);
    const payer = { email: 'x@acme.test', firstName: null, lastName: null, businessName: null, payerId: null, country: null };
    await record(t, purchase('O1', [item({ skuCode: 'R3Bundle1Ent' })], { payer }));
    const pending = purchase('O2', [item({ skuCode: 'R3Bundle1Ent' })], { payer, status: 'waiting', providerStatus: 'Pending' });
    await record(t, pending);
    await record(t, { ...pending, status: 'confirmed', providerStatus: 'Completed' });
    expect([...licensesOf('O1'), ...licensesOf('O2')].map((l) => l.owner)).toEqual(['ACME GmbH', 'ACME GmbH']);
  });

  it('rejects an event for a purchase it has never seen, and a refund in another currency, writing nothing', async () => {
    await record(t, purchase('E1', [item({ skuCode: 'R3Bundle1Ent' })]));
    const before = salesSnapshot(t);
    const tally = await record(t, refund('NOPE', 'RF9/Refunded', 100), refund('E1', 'RF8/Refunded', 100, { currency: 'EUR' }));
    expect(tally.rejected).toEqual([
      { line: 1, txnId: 'NOPE', reason: 'No PayPal purchase NOPE is recorded yet, so this refund has nothing to apply to; import the purchase first.' },
      { line: 2, txnId: 'E1', reason: 'The refund is in EUR but purchase E1 was paid in USD.' },
    ]);
    expect(salesSnapshot(t)).toBe(before);
  });

  it('rolls back a message that fails half-way, leaving no half-written license, and keeps the rest of the batch', async () => {
    const before = one(t, 'SELECT count(*) AS n FROM licenses').n;
    // A control character cannot go into a license file: signing fails after the row was inserted.
    const bad = purchase('BAD1', [item({ skuCode: 'R3Bundle1Ent' })], { payer: { email: 'x@example.com', firstName: 'Bad\u0007', lastName: 'Name', businessName: null, payerId: null, country: null } });
    const tally = await record(t, purchase('OK1', [item({ skuCode: 'R3Bundle1Ent' })]), bad, purchase('OK2', [item({ skuCode: 'R3Bundle1Ent' })]));
    expect(tally).toMatchObject({ recorded: 2, issued: 2 });
    expect(tally.rejected).toHaveLength(1);
    expect(tally.rejected[0]).toMatchObject({ line: 2, txnId: 'BAD1' });
    expect(one(t, 'SELECT count(*) AS n FROM licenses').n).toBe((before as number) + 2);
    expect(one(t, 'SELECT count(*) AS n FROM licenses WHERE license_bytes IS NULL').n).toBe(0);
    expect(one(t, "SELECT count(*) AS n FROM transactions WHERE provider_txn_id = 'BAD1'").n).toBe(0);
    expect(one(t, "SELECT count(*) AS n FROM customers WHERE email = 'x@example.com'").n).toBe(0);
  });

  it('fulfils a purchase of a retired SKU (the customer paid), noting the sale window in the audit entry', async () => {
    await lic.sku({ sku: 'Retired1', expirationDate: '2021-06-30' });
    await record(t, purchase('W1', [item({ skuCode: 'Retired1' })]));
    expect(licensesOf('W1')).toHaveLength(1);
    const details = JSON.parse(one(t, "SELECT details FROM audit_log WHERE action = 'license.issue'").details as string);
    expect(details.saleWindow).toBe('SKU Retired1 has been off sale since 2021-06-30 (its expiration date); issued anyway: the customer paid through paypal.');
  });

  describe('the waiting queue', () => {
    it('keeps unmapped items waiting; a mapping fulfils them at once and later purchases find it', async () => {
      const odd = item({ number: '555001', name: 'Resizer Bundle (old name)', quantity: 2, gross: 30000 });
      expect(await record(t, purchase('U1', [odd, item({ skuCode: 'R3Bundle1Ent' })]))).toMatchObject({ issued: 1, waiting: 2 });
      let queue = await t.call('fulfilment.waiting', {});
      expect(queue.items).toEqual([
        expect.objectContaining({
          key: 'item_number:555001',
          reason: 'unmapped',
          itemNumber: '555001',
          itemName: 'Resizer Bundle (old name)',
          purchases: 1,
          units: 2,
          gross: [{ currency: 'USD', amount: 30000 }],
          message: 'No SKU matches the item (number 555001, “Resizer Bundle (old name)”); map it to a SKU.',
        }),
      ]);
      expect((await t.call('transaction.list', {})).items[0]).toMatchObject({ waitingUnits: 2 });

      await t.call('vault.lock', {});
      expect((await t.fail('fulfilment.map', { matchField: 'item_number', matchValue: ' 555001 ', skuId: r3 })).code).toBe('LOCKED');
      expect(await t.call('fulfilment.mappings', {})).toEqual([]);
      await t.call('vault.unlock', { passphrase: 'correct horse battery' });

      const mapped = await t.call('fulfilment.map', { matchField: 'item_number', matchValue: ' 555001 ', skuId: r3 });
      expect(mapped).toMatchObject({ transactions: 1, issued: 2, stillWaiting: 0, mapping: { matchField: 'item_number', matchValue: '555001', sku: 'R3Bundle1Ent' } });
      expect(licensesOf('U1')).toHaveLength(3);
      queue = await t.call('fulfilment.waiting', {});
      expect(queue.items).toEqual([]);

      expect(await record(t, purchase('U2', [item({ number: '555001' })]))).toMatchObject({ issued: 1, waiting: 0 });
      // Unmapping keeps what was issued.
      await t.call('fulfilment.unmap', { id: mapped.mapping.id });
      expect(licensesOf('U1')).toHaveLength(3);
      expect(await record(t, purchase('U3', [item({ number: '555001' })]))).toMatchObject({ issued: 0, waiting: 1 });
    });

    it('waits for a SKU without a signing key, and a retry fulfils once it has one', async () => {
      const keyless = (await t.call('sku.create', { vendorId: lic.vendorId, sku: 'NoKey1' })).id;
      expect(await record(t, purchase('K1', [item({ skuCode: 'NoKey1' })]))).toMatchObject({ issued: 0, waiting: 1 });
      const [group] = (await t.call('fulfilment.waiting', {})).items;
      expect(group).toMatchObject({ reason: 'no_signing_key', message: 'SKU NoKey1 has no signing key; choose one for it, then fulfil what waits.', units: 1 });
      expect(await t.call('fulfilment.retry', {})).toEqual({ transactions: 0, issued: 0, stillWaiting: 1 });
      await t.call('sku.update', { id: keyless, privateKeyId: lic.key.id });
      expect(await t.call('fulfilment.retry', {})).toEqual({ transactions: 1, issued: 1, stillWaiting: 0 });
      expect(licensesOf('K1')).toHaveLength(1);
      expect((await t.call('fulfilment.waiting', {})).items).toEqual([]);
    });

    it('shows an item as ready once a SKU with its code exists, and a retry fulfils it', async () => {
      expect(await record(t, purchase('L1', [item({ number: '929356||R3Later' })]))).toMatchObject({ waiting: 1 });
      expect((await t.call('fulfilment.waiting', {})).items[0]).toMatchObject({ reason: 'unmapped', ready: false, skuId: null });
      const later = await lic.sku({ sku: 'R3Later' });
      expect((await t.call('fulfilment.waiting', {})).items[0]).toMatchObject({ ready: true, skuId: later, sku: 'R3Later', message: 'SKU R3Later can issue them now: fulfil what waits.' });
      expect(await t.call('fulfilment.retry', {})).toEqual({ transactions: 1, issued: 1, stillWaiting: 0 });
    });

    it('still owes the paid units of a partially refunded purchase: mapping issues them and asks the refund’s question', async () => {
      await record(t, purchase('PR1', [item({ number: '777', name: 'Old bundle', quantity: 3, gross: 30000 })]));
      await record(t, refund('PR1', 'RF20/Refunded', 10000));
      expect(txn('PR1')).toMatchObject({ status: 'partially_refunded', pending_decision: null });
      expect((await t.call('fulfilment.waiting', {})).items).toEqual([expect.objectContaining({ key: 'item_number:777', units: 3 })]);
      expect((await t.call('transaction.list', { status: 'unfulfilled' })).items.map((r) => r.providerTxnId)).toEqual(['PR1']);
      expect(await t.call('fulfilment.map', { matchField: 'item_number', matchValue: '777', skuId: r3 })).toMatchObject({ issued: 3, stillWaiting: 0 });
      expect(txn('PR1').pending_decision).toBe('Partial refund of 100.00 USD of 300.00 USD: decide which of the 3 licenses to revoke, or keep them all.');
    });

    it('moves waiting items to the SKU of a corrected mapping, and matches names in any script and case', async () => {
      const wrong = (await t.call('sku.create', { vendorId: lic.vendorId, sku: 'Wrong1' })).id;
      await record(t, purchase('M1', [item({ number: null, name: 'Über Paket' })]));
      await t.call('fulfilment.map', { matchField: 'item_name', matchValue: 'über paket', skuId: wrong });
      expect((await t.call('fulfilment.waiting', {})).items[0]).toMatchObject({ reason: 'no_signing_key', sku: 'Wrong1' });
      expect(await t.call('fulfilment.map', { matchField: 'item_name', matchValue: 'ÜBER PAKET', skuId: r3 })).toMatchObject({ transactions: 1, issued: 1, stillWaiting: 0 });
      expect(licensesOf('M1')).toHaveLength(1);
      expect(await t.call('fulfilment.mappings', {})).toEqual([expect.objectContaining({ matchValue: 'über paket', sku: 'R3Bundle1Ent' })]);
    });

    it('calls a SKU code two vendors share ambiguous, and waits for a mapping', async () => {
      const other = (await t.call('vendor.create', { name: 'Other Co' })).id;
      await t.call('sku.create', { vendorId: other, sku: 'r3bundle1ent' });
      expect(await record(t, purchase('A1', [item({ skuCode: 'R3Bundle1Ent' })]))).toMatchObject({ issued: 0, waiting: 1 });
      const [group] = (await t.call('fulfilment.waiting', {})).items;
      expect(group).toMatchObject({ reason: 'ambiguous', message: 'More than one vendor has a SKU coded R3Bundle1Ent; map this item to the right one.' });
    });
  });
});
