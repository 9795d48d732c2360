/**
 * keyhub stripe / sync / subscription through the real CLI against the fake Stripe
 * server: connect with the key on stdin (never an argument), status, a sync in-process
 * with --json and for people, runs, subscriptions, prices, a failed run's exit code,
 * Ctrl-C stopping after the current page, disconnect.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { TEST_KDF_COST } from '../support/temp-store';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { openStore } from '../../src-main/store/open';
import { BIN, keyhub, keyhubJson, removeDir, ROOT, tempDataDir, type CliOptions } from './support';

const PASS = 'correct horse battery';
let dataDir: string;
let world: StripeWorld;
let stripe: StripeServer;
let sessionId: string;
let subscriptionId: string;

const withPass: CliOptions['env'] = { KEYHUB_PASSPHRASE: PASS };
const cli = (args: string[], options: CliOptions = {}) => keyhub(args, { dataDir, ...options });
const cliJson = <T>(args: string[], options: CliOptions = {}) => keyhubJson<T>(args, { dataDir, ...options });

function query<T>(sql: string): T[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = tempDataDir();
  // A vendor, a key and two SKUs, written in-process (cheap KDF: the stored parameters win, so CLI unlocks are quick).
  const store = openStore({ dataDir });
  const ctx = createApiContext(store, 'test', 'test', { kdfCost: TEST_KDF_COST });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const envelope = await invoke(ctx, handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.data as MethodOutput<M>;
  };
  try {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    await call('vault.setup', { passphrase: PASS });
    const key = await call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    await call('sku.create', { vendorId: vendor.id, sku: 'R4Pro', privateKeyId: key.id, licenseDuration: 365 });
    await call('sku.create', { vendorId: vendor.id, sku: 'R4Cloud', privateKeyId: key.id });
  } finally {
    ctx.vault.lock();
    store.close();
  }
  world = new StripeWorld();
  const pro = world.product({ name: 'Resizer Pro', metadata: { keyhub_sku: 'R4Pro' } });
  const once = world.price({ product: pro, unitAmount: 24900 });
  const monthly = world.price({ product: world.product({ name: 'Resizer Cloud' }), unitAmount: 2900, recurring: { interval: 'month' }, metadata: { keyhub_sku: 'R4Cloud' } });
  world.price({ product: world.product({ name: 'Old bundle' }), unitAmount: 900 });
  sessionId = world.checkoutSession({ email: 'ada@example.com', name: 'Ada Lovelace', lineItems: [{ price: once, quantity: 2 }], paid: true }).id as string;
  subscriptionId = world.subscription({ customer: world.customer({ email: 'grace@example.com', name: 'Grace Hopper' }), items: [{ price: monthly, quantity: 1 }] }).id as string;
  stripe = await startStripeServer(world);
});
afterAll(async () => {
  await stripe?.close();
  removeDir(dataDir);
});

describe('keyhub stripe connect|status', () => {
  it('a refused key stores nothing and exits 1 with the reason; without the passphrase it is a usage error', async () => {
    const bad = await cli(['stripe', 'connect', '--base-url', stripe.url], { env: { ...withPass, KEYHUB_STRIPE_KEY: 'rk_test_NotAKeyStripeKnows0000' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^NOT OK: Stripe refused this key: Invalid API Key provided: rk_test_\*+0000\nkeyhub: Stripe refused this key: .* Nothing was stored\.\n$/);
    const locked = await cli(['stripe', 'connect', '--base-url', stripe.url], { input: `${FAKE_STRIPE_KEY}\n` });
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/A passphrase is needed to open the signing keys/);
    expect(query('SELECT provider FROM provider_secrets')).toEqual([]);
  });

  it('connects with the key on stdin, sealed; the key is never printed; status says it needs the keys here', async () => {
    const connected = await cli(['stripe', 'connect', '--base-url', stripe.url, '--schedule', '30'], { env: withPass, input: `${FAKE_STRIPE_KEY}\n` });
    expect(connected.code).toBe(0);
    expect(connected.stdout).toMatch(/^Connected to Stripe\. The key is stored sealed; it is never shown again\.\n/);
    expect(connected.stdout).toContain('Stripe:             connected, test mode: KeyHub Test Vendor (acct_1KeyHubFakeAcct)\n');
    expect(connected.stdout).toContain("Key:                rk_test_…0000, sealed with the signing keys' passphrase\n");
    expect(connected.stdout).toContain('Schedule:           every 30 minutes while the desktop app or keyhub serve runs\n');
    expect(`${connected.stdout}${connected.stderr}`).not.toContain(FAKE_STRIPE_KEY);
    expect(query('SELECT provider, sealing, hint FROM provider_secrets')).toEqual([{ provider: 'stripe', sealing: 'vault', hint: 'rk_test_…0000' }]);

    const status = await cliJson<{ connection: Record<string, unknown>; settings: Record<string, unknown>; nextRunAt: string | null }>(['stripe', 'status']);
    expect(status.json.connection).toMatchObject({ connected: true, usable: false, unusableReason: "The Stripe key is sealed with the signing keys' passphrase: unlock the signing keys first." });
    expect(status.json.settings).toEqual({ scheduleMinutes: 30, apiBase: stripe.url, requestsPerSecond: 20 });
    // The CLI runs no schedule.
    expect(status.json.nextRunAt).toBeNull();
    const human = await cli(['stripe', 'status']);
    expect(human.stdout).toContain("Usable now:         no: The Stripe key is sealed with the signing keys' passphrase: unlock the signing keys first.\n");
    expect(human.stdout).toContain('Last run:           none yet (keyhub sync stripe)\n');
  });

  it('test checks the stored key (unlocking with the passphrase) and exits 0', async () => {
    const tested = await cli(['stripe', 'test'], { env: withPass });
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^OK: The key works \(test mode, KeyHub Test Vendor \(acct_1KeyHubFakeAcct\)\): it can read everything the sync reads\.\n\nChecks\n {2}ok {4}Products\n/);
  });
});

describe('keyhub stripe settings --base-url', () => {
  it('another address takes the key again (never the stored one), tested there; plain http elsewhere is a usage error', async () => {
    const elsewhere = await startStripeServer(world);
    try {
      const insecure = await cli(['stripe', 'settings', '--base-url', 'http://stripe.example.com']);
      expect(insecure.code).toBe(2);
      expect(insecure.stderr).toBe("keyhub: --base-url: Use https:// for Stripe's address; plain http:// only for a test server on this computer (127.0.0.1, [::1] or localhost).\n");
      const keyAlone = await cli(['stripe', 'settings', '--key-file', '-', '--schedule', '30']);
      expect(keyAlone.code).toBe(2);
      expect(keyAlone.stderr).toMatch(/^keyhub: --key-file goes with --base-url/);

      const refused = await cli(['stripe', 'settings', '--base-url', elsewhere.url], { env: { ...withPass, KEYHUB_STRIPE_KEY: 'rk_test_NotAKeyStripeKnows0000' } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^keyhub: Stripe refused this key: .+ Nothing was changed\. \(--key-file\)\n$/);
      // Testing at another address asks for the key too (here on stdin).
      const tested = await cli(['stripe', 'test', '--base-url', elsewhere.url], { input: `${FAKE_STRIPE_KEY}\n` });
      expect(tested.code).toBe(0);
      expect(tested.stdout).toMatch(/^OK: The key works/);
      const requestsBefore = world.requests.length;
      const moved = await cli(['stripe', 'settings', '--base-url', elsewhere.url], { env: withPass, input: `${FAKE_STRIPE_KEY}\n` });
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(new RegExp(`^The key was tested at ${elsewhere.url.replace(/\./g, '\\.')} and stored in place of the old one\\.\n\n`));
      expect(moved.stdout).toContain(`Address:            ${elsewhere.url}\n`);
      expect(`${moved.stdout}${moved.stderr}`).not.toContain(FAKE_STRIPE_KEY);
      // The key given was the one sent (the stored one was not opened for it).
      expect(world.requests.slice(requestsBefore).every((r) => r.key === FAKE_STRIPE_KEY)).toBe(true);

      const back = await cliJson<{ settings: { apiBase: string } }>(['stripe', 'settings', '--base-url', stripe.url, '--key-file', '-'], { env: withPass, input: `${FAKE_STRIPE_KEY}\n` });
      expect(back.code).toBe(0);
      expect(back.json.settings.apiBase).toBe(stripe.url);
      // The same address again asks for nothing.
      expect((await cli(['stripe', 'settings', '--base-url', stripe.url, '--schedule', '30'])).code).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('keyhub sync stripe|runs|run', () => {
  it('--json: the run in this process (trigger cli), purchases fulfilled, no errors, exit 0', async () => {
    const synced = await cliJson<Record<string, unknown>>(['sync', 'stripe'], { env: withPass });
    expect(synced.code).toBe(0);
    expect(synced.json).toMatchObject({ id: 1, provider: 'stripe', mode: 'backfill', trigger: 'cli', status: 'succeeded', fulfilled: 3, revoked: 0, errors: 0, errorList: [] });
    expect(synced.stderr).toBe('');
    expect(query(`SELECT provider_txn_id AS txn FROM transactions WHERE provider = 'stripe' ORDER BY provider_txn_id`).map((r) => (r as { txn: string }).txn)).toContain(sessionId);
    expect(query('SELECT count(*) AS n FROM licenses')).toEqual([{ n: 3 }]);
  });

  it('for people: one summary line of the counts; a run with nothing new fulfils nothing', async () => {
    const again = await cli(['sync', 'stripe'], { env: withPass });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Stripe sync succeeded \(incremental, run 2\): [\d,]+ fetched, 0 created, 0 updated, [\d,]+ unchanged; 0 licenses issued, 0 revoked; 0 errors\.\n$/);
    expect(query('SELECT count(*) AS n FROM licenses')).toEqual([{ n: 3 }]);
  });

  it('runs and run list the runs with their counts', async () => {
    const runs = await cli(['sync', 'runs']);
    expect(runs.code).toBe(0);
    expect(runs.stdout.split('\n')[0]).toMatch(/^ID {2}STARTED +TRIGGER {2}MODE +STATUS +FETCHED {2}CREATED {2}UPDATED {2}UNCHANGED {2}ISSUED {2}REVOKED {2}ERRORS$/);
    expect(runs.stdout).toMatch(/\n +1 {2}\S+ +cli +backfill +succeeded +\d+ +\d+ +0 +\d+ +3 +0 +0\n/);
    expect(runs.stdout).toContain('Showing 1-2 of 2 sync runs.');
    const json = await cliJson<{ total: number; items: Array<{ id: number }> }>(['sync', 'runs']);
    expect(json.json.items.map((r) => r.id)).toEqual([2, 1]);
    const one = await cli(['sync', 'run', '1']);
    expect(one.stdout).toMatch(/^Run: {7}1 \(stripe, backfill, from the command line\)\nStatus: {4}succeeded\n/);
    expect((await cli(['sync', 'run', '99'])).stderr).toBe('keyhub: Sync run 99 does not exist.\n');
  });

  it('a failed run (Stripe refuses the key now) says why and exits 1', async () => {
    world.keys.delete(FAKE_STRIPE_KEY);
    try {
      const failed = await cli(['sync', 'stripe'], { env: withPass });
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/^Stripe sync failed \(incremental, run 3\): .*\n.*Stripe refused the key/);
    } finally {
      world.keys.add(FAKE_STRIPE_KEY);
    }
  });

  it('Ctrl-C stops after the current page, says so, and the run is interrupted (it resumes next time)', async () => {
    // Stripe answers 503 with Retry-After: the sync waits, and Ctrl-C reaches it there.
    world.failNext(5, { status: 503, retryAfter: 5, path: /\/v1\/events/ });
    const before = world.requests.length;
    const child = spawn(process.execPath, [BIN, '--data', dataDir, 'sync', 'stripe', '--json'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', KEYHUB_DATA: '', XDG_CONFIG_HOME: path.join(tmpdir(), 'keyhub-cli-tests-home'), KEYHUB_PASSPHRASE: PASS },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    for (let i = 0; i < 200 && !world.requests.slice(before).some((r) => r.path === '/v1/events'); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ id: 4, status: 'interrupted', message: expect.stringMatching(/^Stopped on request.*The next sync resumes from where it stopped\.$/) });
    world.failNext(0, { status: 503 });
  });
});

describe('keyhub subscription|stripe prices|stripe disconnect', () => {
  it('subscription list and show (by id or sub_…)', async () => {
    const list = await cli(['subscription', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`\\n +1 {2}${subscriptionId} +active +Grace Hopper +R4Cloud.* +1\\n`));
    const json = await cliJson<{ items: Array<{ providerSubscriptionId: string }> }>(['subscription', 'list', '--status', 'active']);
    expect(json.json.items.map((s) => s.providerSubscriptionId)).toEqual([subscriptionId]);
    expect((await cliJson<{ items: unknown[] }>(['subscription', 'list', '--status', 'ended'])).json.items).toEqual([]);
    const shown = await cli(['subscription', 'show', subscriptionId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Subscription: +1 \(Stripe sub_/);
    expect(shown.stdout).toMatch(/\nItem 1: Resizer Cloud ×1 → R4Cloud\n/);
    expect((await cli(['subscription', 'show', 'sub_nothing'])).code).toBe(1);
  });

  it('prices --unmatched lists the price no SKU matches, and how to map it', async () => {
    const prices = await cli(['stripe', 'prices', '--unmatched']);
    expect(prices.code).toBe(0);
    expect(prices.stdout).toMatch(/^PRICE +PRODUCT +AMOUNT +PER +ACTIVE +MATCH +SKU +WAITING\nprice_\S+ +Old bundle +9\.00 USD +once +yes +none +- +-\n/);
    expect(prices.stdout).toContain('keyhub fulfilment map --item-number PRICE_ID --sku SKU');
  });

  it('disconnect needs --yes off a terminal; then the key is gone and a sync is refused', async () => {
    const refused = await cli(['stripe', 'disconnect']);
    expect(refused).toMatchObject({ code: 2, stderr: 'keyhub: add --yes to disconnect Stripe\n' });
    const done = await cli(['stripe', 'disconnect', '--yes']);
    expect(done).toMatchObject({ code: 0, stdout: 'Disconnected: the Stripe key is forgotten. Synced data, transactions and licenses stay.\n' });
    expect(query('SELECT provider FROM provider_secrets')).toEqual([]);
    const sync = await cli(['sync', 'stripe']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/^keyhub: Stripe is not connected/);
  });
});
