/**
 * Every sync method through the real browser host over HTTP, against the fake Stripe
 * server: status, test, connect (refused, then accepted), settings, a sync as a job
 * (a paid Checkout Session and a subscription issue their licenses), stop, runs, the
 * prices and their SKUs, subscriptions, disconnect; refusals carry their codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMethods } from '../../src-main/api/methods/sync';
import type { JobStatus } from '../../src-main/domain/jobs/jobs';
import type { SyncRun } from '../../src-main/domain/sync/types';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { TEST_KDF_COST } from '../support/temp-store';
import { startTestHost, type TestHost } from './support';

const PASS = 'correct horse battery';

let t: TestHost;
let world: StripeWorld;
let stripe: StripeServer;

beforeAll(async () => {
  world = new StripeWorld();
  stripe = await startStripeServer(world);
  t = await startTestHost({ vault: { kdfCost: TEST_KDF_COST } });
});
afterAll(async () => {
  await t?.stop();
  await stripe?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows a job over HTTP until it ends. */
async function finished(job: JobStatus): Promise<JobStatus> {
  for (let i = 0; i < 200 && job.state === 'running'; i++) {
    await sleep(25);
    job = await t.call('job.get', { id: job.id });
  }
  return job;
}

describe('sync over HTTP', () => {
  let sessionId: string;
  let subscriptionId: string;

  it('not connected: the status says so; a sync is refused with 409', async () => {
    const status = await t.call('stripe.status', {});
    expect(status).toEqual({
      connection: { connected: false, sealing: null, keyHint: null, livemode: null, accountId: null, accountName: null, connectedAt: null, usable: false, unusableReason: 'Stripe is not connected.', osKeychainAvailable: false },
      settings: { scheduleMinutes: 15, apiBase: 'https://api.stripe.com', requestsPerSecond: 20 },
      running: null,
      lastRun: null,
      nextRunAt: null,
      backfillDone: false,
      eventsCursor: null,
    });
    expect(await t.fail('stripe.sync', {})).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
    expect(await t.call('stripe.stop', {})).toEqual({ stopping: false });
  });

  it('tests a key; a bad key is refused on connect (400, secretKey) and a malformed one by the schema', async () => {
    expect(await t.call('stripe.test', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url })).toMatchObject({ ok: true, accountId: world.accountId });
    await t.call('vault.setup', { passphrase: PASS });
    const refused = await t.fail('stripe.connect', { secretKey: 'rk_test_NotAKeyStripeKnows0000', apiBase: stripe.url });
    expect(refused).toMatchObject({ status: 400, error: { code: 'VALIDATION', details: { fields: { secretKey: expect.stringMatching(/^Stripe refused this key/) } } } });
    const malformed = await t.fail('stripe.connect', { secretKey: 'pk_live_123', apiBase: stripe.url });
    expect(malformed).toMatchObject({ status: 400, error: { details: { fields: { secretKey: 'Paste a Stripe restricted key (rk_live_… or rk_test_…) or secret key (sk_…).' } } } });
  });

  it('connects, and changes the settings', async () => {
    const status = await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url });
    expect(status.connection).toMatchObject({ connected: true, sealing: 'vault', keyHint: 'rk_test_…0000', usable: true, accountName: world.accountName });
    // The browser host runs the schedule: the first sync is due now.
    expect(status.nextRunAt).not.toBeNull();
    const changed = await t.call('stripe.settings', { scheduleMinutes: 0, requestsPerSecond: 50 });
    expect(changed.settings).toEqual({ scheduleMinutes: 0, apiBase: stripe.url, requestsPerSecond: 50 });
    expect(changed.nextRunAt).toBeNull();
  });

  it('sends the stored key to no other address: a new address takes the key again (400 on secretKey without it); plain http only to this computer', async () => {
    const elsewhere = await startStripeServer(world);
    try {
      const needsKey = { status: 400, error: { code: 'VALIDATION', details: { fields: { secretKey: expect.stringMatching(/^KeyHub sends the stored key only to the address it was stored for/) } } } };
      expect(await t.fail('stripe.test', { apiBase: elsewhere.url })).toMatchObject(needsKey);
      expect(await t.fail('stripe.settings', { apiBase: elsewhere.url })).toMatchObject(needsKey);
      expect(await t.fail('stripe.settings', { apiBase: 'http://stripe.example.com' })).toMatchObject({
        status: 400,
        error: { details: { fields: { apiBase: "Use https:// for Stripe's address; plain http:// only for a test server on this computer (127.0.0.1, [::1] or localhost)." } } },
      });
      const moved = await t.call('stripe.settings', { apiBase: elsewhere.url, secretKey: FAKE_STRIPE_KEY });
      expect(moved.settings.apiBase).toBe(elsewhere.url);
      expect(moved.connection).toMatchObject({ connected: true, keyHint: 'rk_test_…0000', accountId: world.accountId });
      const back = await t.call('stripe.settings', { apiBase: stripe.url, secretKey: FAKE_STRIPE_KEY });
      expect(back.settings).toEqual({ scheduleMinutes: 0, apiBase: stripe.url, requestsPerSecond: 50 });
    } finally {
      await elsewhere.close();
    }
  });

  it('a sync runs as a job: a paid session and a subscription issue licenses; the run is listed with its counts', async () => {
    const vendor = await t.call('vendor.create', { name: 'Imazen' });
    const key = await t.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    await t.call('sku.create', { vendorId: vendor.id, sku: 'R4Pro', privateKeyId: key.id, licenseDuration: 365 });
    await t.call('sku.create', { vendorId: vendor.id, sku: 'R4Cloud', privateKeyId: key.id });
    const pro = world.product({ name: 'Resizer Pro', metadata: { keyhub_sku: 'R4Pro' } });
    const once = world.price({ product: pro, unitAmount: 24900 });
    const cloud = world.product({ name: 'Resizer Cloud' });
    const monthly = world.price({ product: cloud, unitAmount: 2900, recurring: { interval: 'month' }, metadata: { keyhub_sku: 'R4Cloud' } });
    const unmapped = world.price({ product: world.product({ name: 'Old bundle' }), unitAmount: 900 });
    sessionId = world.checkoutSession({ email: 'ada@example.com', name: 'Ada Lovelace', lineItems: [{ price: once, quantity: 2 }], paid: true }).id as string;
    const customer = world.customer({ email: 'grace@example.com', name: 'Grace Hopper' });
    subscriptionId = world.subscription({ customer, items: [{ price: monthly, quantity: 1 }] }).id as string;
    void unmapped;

    const job = await t.call('stripe.sync', {});
    expect(job).toMatchObject({ kind: 'sync.stripe', title: 'Stripe sync', state: 'running' });
    expect(await t.fail('stripe.sync', {})).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
    const done = await finished(job);
    expect(done.state).toBe('done');
    const run = done.result as SyncRun;
    expect(run).toMatchObject({ provider: 'stripe', mode: 'backfill', trigger: 'manual', status: 'succeeded', fulfilled: 3, revoked: 0, errors: 0 });

    const status = await t.call('stripe.status', {});
    expect(status).toMatchObject({ running: null, lastRun: { id: run.id, status: 'succeeded' }, backfillDone: true, eventsCursor: expect.any(String) });
    const runs = await t.call('sync.runs', {});
    expect(runs).toMatchObject({ total: 1, items: [{ id: run.id, fulfilled: 3 }] });
    expect(await t.call('sync.run', { id: run.id })).toEqual({ ...runs.items[0], errorList: [] });
    expect(await t.fail('sync.run', { id: 999 })).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });

    const session = (await t.call('transaction.list', { search: sessionId })).items;
    expect(session).toEqual([expect.objectContaining({ provider: 'stripe', providerTxnId: sessionId, licenseCount: 2, gross: 49800, currency: 'USD' })]);
  });

  it('prices with their SKUs: by metadata (price or product), or none', async () => {
    const page = await t.call('stripe.prices', {});
    expect(page.items.map((p) => [p.productName, p.match, p.sku]).sort()).toEqual([
      ['Old bundle', 'none', null],
      ['Resizer Cloud', 'metadata', 'R4Cloud'],
      ['Resizer Pro', 'metadata', 'R4Pro'],
    ]);
    expect((await t.call('stripe.prices', { match: 'unmatched' })).items.map((p) => p.productName)).toEqual(['Old bundle']);
  });

  it('subscriptions: the list and one with its item and license', async () => {
    const list = await t.call('subscription.list', {});
    expect(list.items).toEqual([expect.objectContaining({ providerSubscriptionId: subscriptionId, status: 'active', customerName: 'Grace Hopper', licenseCount: 1 })]);
    const detail = await t.call('subscription.get', { id: list.items[0].id });
    expect(detail.items).toEqual([expect.objectContaining({ sku: 'R4Cloud', quantity: 1, licenses: [expect.objectContaining({ state: 'active' })] })]);
    expect(await t.fail('subscription.get', { id: 999 })).toMatchObject({ status: 404 });
  });

  it('stop: a running sync stops after its page and is recorded as interrupted', async () => {
    // Stripe answers 503 first: the sync waits to retry, and the stop reaches it there.
    world.failNext(1, { status: 503, path: /\/v1\/events/ });
    const job = await t.call('stripe.sync', {});
    expect(await t.call('stripe.stop', {})).toEqual({ stopping: true });
    const done = await finished(job);
    expect(done.result).toMatchObject({ status: 'interrupted', message: expect.stringMatching(/^Stopped on request/) });
    expect(await t.call('stripe.stop', {})).toEqual({ stopping: false });
  });

  it('disconnects (a sync running here stops after its page); the synced data stays', async () => {
    world.failNext(1, { status: 503, path: /\/v1\/events/ });
    const job = await t.call('stripe.sync', {});
    const status = await t.call('stripe.disconnect', {});
    expect((await finished(job)).result).toMatchObject({ status: 'interrupted' });
    expect(status.connection.connected).toBe(false);
    expect(status.backfillDone).toBe(true);
    expect((await t.call('subscription.list', {})).items).toHaveLength(1);
    expect(await t.fail('stripe.disconnect', {})).toMatchObject({ status: 409 });
  });

  it('called every sync method of the contract', () => {
    expect(Object.keys(syncMethods).filter((m) => !t.called.has(m))).toEqual([]);
  });
});
