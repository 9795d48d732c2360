/**
 * The Stripe connection: the key sealed with the passphrase or by the OS keychain (and
 * never stored, audited or answered in the clear), a passphrase change re-sealing it,
 * the test against the fake Stripe server (a bad key, a missing permission, an account
 * the key may not read, no server), connect refusing unless every check passes,
 * disconnect keeping what was synced, and the Stripe settings.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiContext, invoke, type ApiContext, type OsKeychain } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { ApiErrorBody } from '../../src-main/api/errors';
import { DEFAULT_STRIPE_SETTINGS } from '../../src-main/domain/settings/settings';
import { STRIPE_CHECKS } from '../../src-main/domain/sync/stripe/connection';
import { sdkAddress } from '../../src-main/domain/sync/stripe/client';
import { OS_KEYCHAIN_ABSENT, openStripeKey, stripeKeyHint } from '../../src-main/domain/sync/stripe/secret';
import { sealedFromBytes } from '../../src-main/domain/keys/sealing';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { TEST_KDF_COST, tempStore, type TempStore } from '../support/temp-store';
import { one, rows, run } from './license-lifecycle-fixture';

const PASS = 'correct horse battery';
const LIVE_KEY = 'rk_live_51KeyHubLiveRestrictedKey9Zz9';

/** A key the second server (another address) knows. */
const ELSEWHERE_KEY = 'rk_test_51KeyHubElsewhereKey1111';

let world: StripeWorld;
let server: StripeServer;
/** Another Stripe address (a second test server with its own request log). */
let elsewhere: StripeWorld;
let elsewhereServer: StripeServer;
let t: TempStore;

beforeAll(async () => {
  world = new StripeWorld({ keys: [FAKE_STRIPE_KEY, LIVE_KEY] });
  server = await startStripeServer(world);
  elsewhere = new StripeWorld({ keys: [FAKE_STRIPE_KEY, ELSEWHERE_KEY], accountName: 'Elsewhere Ltd' });
  elsewhereServer = await startStripeServer(elsewhere);
});
afterAll(async () => {
  await server?.close();
  await elsewhereServer?.close();
});
beforeEach(() => {
  t = tempStore();
});
afterEach(() => {
  t.cleanup();
});

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain key. */
function fakeKeychain(available = true): OsKeychain & { used: number } {
  const keychain = {
    used: 0,
    isAvailable: () => available,
    encrypt: (plain: string) => {
      keychain.used++;
      return Buffer.from(`os:${Buffer.from(plain).reverse().toString('base64')}`);
    },
    decrypt: (sealed: Buffer) => {
      keychain.used++;
      return Buffer.from(sealed.toString().slice(3), 'base64').reverse().toString();
    },
  };
  return keychain;
}

/** Calls through another context on the same store (another host: the desktop app with its keychain). */
function caller(ctx: ApiContext) {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await invoke(ctx, handlers, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as MethodOutput<M>;
    },
    async fail(method: MethodName, input: unknown): Promise<ApiErrorBody> {
      const result = await invoke(ctx, handlers, method, input);
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
  };
}

const secrets = () => rows(t, 'SELECT provider, sealing, hint, secret FROM provider_secrets');
const auditOf = (action: string) => rows(t, 'SELECT actor, target_type AS type, target_id AS id, details FROM audit_log WHERE action = ? ORDER BY id', action);
const allAuditText = () => rows(t, 'SELECT details FROM audit_log').map((r) => String(r.details)).join('\n');

describe('the key hint', () => {
  it('is the kind and mode, and the last four characters', () => {
    expect(stripeKeyHint('rk_live_51AbCdEfGhIjKlMnOpa1B2')).toBe('rk_live_…a1B2');
    expect(stripeKeyHint('sk_test_123456789xyz9')).toBe('sk_test_…xyz9');
  });
});

describe('stripe.test', () => {
  it('a good key: the account, livemode from the key, and one passing check per resource the sync reads', async () => {
    const result = await t.call('stripe.test', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(result).toEqual({
      ok: true,
      message: 'The key works (test mode, KeyHub Test Vendor (acct_1KeyHubFakeAcct)): it can read everything the sync reads.',
      livemode: false,
      accountId: 'acct_1KeyHubFakeAcct',
      accountName: 'KeyHub Test Vendor',
      checks: STRIPE_CHECKS.map((c) => ({ resource: c.resource, label: c.label, ok: true, message: null })),
    });
    expect(result.checks.map((c) => c.label)).toEqual(['Products', 'Prices', 'Customers', 'Subscriptions', 'Invoices', 'Checkout Sessions', 'PaymentIntents', 'Charges', 'Refunds', 'Disputes', 'Events']);
    // Through the SDK at the pinned version, one object a list.
    const mine = world.requests.filter((r) => r.key === FAKE_STRIPE_KEY);
    expect(new Set(mine.map((r) => r.stripeVersion))).toEqual(new Set(['2026-10-28.endive']));
    expect(mine.filter((r) => r.path !== '/v1/account').every((r) => r.query.limit === '1')).toBe(true);
  });

  it('a key Stripe refuses: not ok, in Stripe\'s words, and nothing else is asked', async () => {
    const before = world.requests.length;
    const result = await t.call('stripe.test', { secretKey: 'rk_test_NotAKeyStripeKnows0000', apiBase: server.url });
    expect(result).toMatchObject({ ok: false, checks: [], accountId: null });
    expect(result.message).toMatch(/^Stripe refused this key: Invalid API Key provided: rk_test_\*+0000$/);
    expect(world.requests.length - before).toBe(1);
  });

  it('a key without read access to a resource: that check fails and says what to grant', async () => {
    const key = 'rk_test_51KeyHubNoInvoices0000';
    world.keys.add(key);
    world.denyResource(key, 'invoices');
    world.denyResource(key, 'checkout/sessions');
    const result = await t.call('stripe.test', { secretKey: key, apiBase: server.url });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok)).toEqual([
      { resource: 'invoices', label: 'Invoices', ok: false, message: 'Give the key read access to Invoices.' },
      { resource: 'checkout/sessions', label: 'Checkout Sessions', ok: false, message: 'Give the key read access to Checkout Sessions.' },
    ]);
    expect(result.message).toBe(
      'The key cannot read Invoices, Checkout Sessions. Give it read access to those resources in Stripe (Developers → API keys → edit the restricted key), then test again.',
    );
  });

  it('a restricted key that may not read the account: the account is unknown, not a failure', async () => {
    const key = 'rk_test_51KeyHubNoAccount0000';
    world.keys.add(key);
    world.denyResource(key, 'account');
    const result = await t.call('stripe.test', { secretKey: key, apiBase: server.url });
    expect(result).toMatchObject({ ok: true, accountId: null, accountName: null, livemode: false });
    expect(result.message).toBe('The key works (test mode): it can read everything the sync reads.');
  });

  it('no server at the address: "Could not reach Stripe at …"', async () => {
    const gone = await startStripeServer(world);
    await gone.close();
    const result = await t.call('stripe.test', { secretKey: FAKE_STRIPE_KEY, apiBase: gone.url });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(new RegExp(`^Could not reach Stripe at ${gone.url.replace(/\./g, '\\.')}: .+ Check the address and the network, then test again\\.$`));
  });

  it('without a key it tests the stored one, which needs the keys unlocked', async () => {
    expect(await t.fail('stripe.test', {})).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Stripe is not connected/) });
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect((await t.call('stripe.test', {})).ok).toBe(true);
    await t.call('vault.lock', {});
    expect(await t.fail('stripe.test', {})).toEqual({
      code: 'LOCKED',
      message: "The Stripe key is sealed with the signing keys' passphrase: unlock the signing keys first.",
      details: { sealing: 'vault' },
    });
  });
});

describe('stripe.connect with the passphrase (vault)', () => {
  it('stores the key sealed, never in the clear; the status shows the account, the hint and the address', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    const status = await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(status.connection).toEqual({
      connected: true,
      sealing: 'vault',
      keyHint: 'rk_test_…0000',
      livemode: false,
      accountId: 'acct_1KeyHubFakeAcct',
      accountName: 'KeyHub Test Vendor',
      connectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      usable: true,
      unusableReason: null,
      osKeychainAvailable: false,
    });
    expect(status.settings).toEqual({ ...DEFAULT_STRIPE_SETTINGS, apiBase: server.url });
    expect(status).toMatchObject({ running: null, lastRun: null, nextRunAt: null, backfillDone: false, eventsCursor: null });

    const [row] = secrets();
    expect(row).toMatchObject({ provider: 'stripe', sealing: 'vault', hint: 'rk_test_…0000' });
    const blob = row.secret as Buffer;
    expect(blob.toString('utf8')).not.toContain(FAKE_STRIPE_KEY);
    expect(sealedFromBytes(blob).v).toBe(1);
    expect(openStripeKey(t.ctx)).toBe(FAKE_STRIPE_KEY);

    expect(auditOf('stripe.connect')).toEqual([
      {
        actor: 'test',
        type: 'stripe',
        id: 'stripe',
        details: JSON.stringify({ hint: 'rk_test_…0000', sealing: 'vault', livemode: false, accountId: 'acct_1KeyHubFakeAcct', apiBase: server.url }),
      },
    ]);
    expect(allAuditText()).not.toContain(FAKE_STRIPE_KEY);
    expect(JSON.stringify(await t.call('stripe.status', {}))).not.toContain(FAKE_STRIPE_KEY);
  });

  it('locked keys: refused before anything is tested; connected but locked: not usable, and the key cannot be read', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('vault.lock', {});
    const before = world.requests.length;
    expect(await t.fail('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url })).toMatchObject({ code: 'LOCKED' });
    expect(world.requests.length).toBe(before);
    expect(secrets()).toEqual([]);

    await t.call('vault.unlock', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    await t.call('vault.lock', {});
    const status = await t.call('stripe.status', {});
    expect(status.connection).toMatchObject({ connected: true, usable: false, unusableReason: "The Stripe key is sealed with the signing keys' passphrase: unlock the signing keys first." });
    expect(() => openStripeKey(t.ctx)).toThrow(/unlock the signing keys first/);
    expect(await t.fail('stripe.sync', {})).toMatchObject({ code: 'LOCKED' });
  });

  it('no passphrase set yet: refused, saying to set one (or use the OS keychain)', async () => {
    const error = await t.fail('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(error).toMatchObject({ code: 'LOCKED', message: expect.stringMatching(/none is set yet\. Set one first/) });
    expect(secrets()).toEqual([]);
  });

  it('a refused key or a missing permission stores nothing, audits nothing, and names the secretKey field', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    const bad = await t.fail('stripe.connect', { secretKey: 'rk_test_NotAKeyStripeKnows0000', apiBase: server.url });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/^Stripe refused this key: .+ Nothing was stored\.$/);
    expect((bad.details?.fields as Record<string, string>).secretKey).toBe(bad.message);

    const key = 'rk_test_51KeyHubNoDisputes0000';
    world.keys.add(key);
    world.denyResource(key, 'disputes');
    const denied = await t.fail('stripe.connect', { secretKey: key, apiBase: server.url });
    expect(denied).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^The key cannot read Disputes\. /) });
    expect((denied.details?.test as { checks: { label: string; ok: boolean }[] }).checks.filter((c) => !c.ok).map((c) => c.label)).toEqual(['Disputes']);

    expect(secrets()).toEqual([]);
    expect(auditOf('stripe.connect')).toEqual([]);
    expect((await t.call('stripe.status', {})).connection.connected).toBe(false);
    // The address of a refused connect is not kept either.
    expect((await t.call('stripe.status', {})).settings.apiBase).toBe(DEFAULT_STRIPE_SETTINGS.apiBase);
  });

  it('a passphrase change re-seals the key in the same transaction as the signing keys', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    const before = secrets()[0].secret as Buffer;
    const oldSalt = sealedFromBytes(before).kdf.salt;

    await t.call('vault.changePassphrase', { current: PASS, next: 'a brand new passphrase' });
    const after = secrets()[0].secret as Buffer;
    expect(after.equals(before)).toBe(false);
    const vault = one(t, "SELECT value FROM settings WHERE key = 'key_vault'");
    const newSalt = (JSON.parse(String(vault.value)) as { kdf: { salt: string } }).kdf.salt;
    expect(sealedFromBytes(after).kdf.salt).toBe(newSalt);
    expect(newSalt).not.toBe(oldSalt);
    expect(JSON.parse(String(auditOf('passphrase.change')[0].details))).toEqual({ keys: 0, providerSecrets: ['stripe'] });

    await t.call('vault.lock', {});
    await t.call('vault.unlock', { passphrase: 'a brand new passphrase' });
    expect(openStripeKey(t.ctx)).toBe(FAKE_STRIPE_KEY);
  });

  it('a secret that the current passphrase does not open makes the change refuse and change nothing', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    // Sealed under some other passphrase (a damaged or foreign row).
    const other = tempStore();
    try {
      await other.call('vault.setup', { passphrase: 'another passphrase entirely' });
      await other.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
      const foreign = other.store.sqlite.prepare('SELECT secret FROM provider_secrets').get() as { secret: Buffer };
      run(t, 'UPDATE provider_secrets SET secret = ?', foreign.secret);
    } finally {
      other.cleanup();
    }
    const vaultBefore = one(t, "SELECT value FROM settings WHERE key = 'key_vault'").value;
    expect(await t.fail('vault.changePassphrase', { current: PASS, next: 'a brand new passphrase' })).toMatchObject({
      code: 'INTERNAL',
      message: 'The Stripe key is not sealed with the current passphrase.',
    });
    expect(one(t, "SELECT value FROM settings WHERE key = 'key_vault'").value).toBe(vaultBefore);
    expect(auditOf('passphrase.change')).toEqual([]);
  });
});

describe('stripe.connect with the OS keychain', () => {
  it('keeps the key in the keychain: usable with the keys locked; another host without the keychain cannot read it', async () => {
    const keychain = fakeKeychain();
    const desktop = caller(createApiContext(t.store, 'desktop', 'electron', { kdfCost: TEST_KDF_COST }, { osKeychain: keychain }));
    const status = await desktop.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url, useOsKeychain: true });
    expect(status.connection).toMatchObject({ connected: true, sealing: 'os', keyHint: 'rk_test_…0000', usable: true, unusableReason: null, osKeychainAvailable: true });
    const [row] = secrets();
    expect(row.sealing).toBe('os');
    expect((row.secret as Buffer).toString()).not.toContain(FAKE_STRIPE_KEY);
    expect(keychain.used).toBe(1);
    expect((await desktop.call('stripe.test', {})).ok).toBe(true);
    expect(keychain.used).toBe(2);

    // The CLI or the browser host on the same data folder: no keychain.
    const elsewhere = await t.call('stripe.status', {});
    expect(elsewhere.connection).toMatchObject({ connected: true, sealing: 'os', usable: false, unusableReason: OS_KEYCHAIN_ABSENT, osKeychainAvailable: false });
    expect(await t.fail('stripe.test', {})).toEqual({ code: 'LOCKED', message: OS_KEYCHAIN_ABSENT, details: { sealing: 'os' } });
    expect(OS_KEYCHAIN_ABSENT).toBe("The Stripe key is in the desktop app's OS keychain, which this KeyHub cannot open. Connect again here, or sync from the desktop app.");

    // A passphrase change leaves a keychain-held key alone.
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('vault.changePassphrase', { current: PASS, next: 'a brand new passphrase' });
    expect((secrets()[0].secret as Buffer).equals(row.secret as Buffer)).toBe(true);
  });

  it('asked where there is no keychain (or it is unavailable): refused on useOsKeychain, nothing tested or stored', async () => {
    const before = world.requests.length;
    const here = await t.fail('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url, useOsKeychain: true });
    expect(here).toMatchObject({ code: 'VALIDATION', details: { fields: { useOsKeychain: expect.stringMatching(/no OS keychain/) } } });
    const unavailable = caller(createApiContext(t.store, 'desktop', 'electron', {}, { osKeychain: fakeKeychain(false) }));
    // The screens offer the keychain only where the status says it is there.
    expect((await unavailable.call('stripe.status', {})).connection.osKeychainAvailable).toBe(false);
    expect((await unavailable.fail('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url, useOsKeychain: true })).code).toBe('VALIDATION');
    expect(world.requests.length).toBe(before);
    expect(secrets()).toEqual([]);
  });
});

describe('stripe.disconnect', () => {
  it('forgets the key (audited); synced objects and cursors stay; a second disconnect is refused', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    run(t, `INSERT INTO sync_cursors (provider, stream, state) VALUES ('stripe', 'events', '{"created":1700000000}')`);
    run(t, `INSERT INTO stripe_objects (id, type, created, livemode, deleted, version, raw, synced_at) VALUES ('prod_1', 'product', 1700000000, 0, 0, 1, '{"id":"prod_1","object":"product"}', '2026-01-01T00:00:00.000Z')`);

    const status = await t.call('stripe.disconnect', {});
    expect(status.connection).toMatchObject({ connected: false, sealing: null, keyHint: null, accountId: null, usable: false, unusableReason: 'Stripe is not connected.' });
    expect(secrets()).toEqual([]);
    expect(auditOf('stripe.disconnect')).toEqual([{ actor: 'test', type: 'stripe', id: 'stripe', details: JSON.stringify({ hint: 'rk_test_…0000', sealing: 'vault' }) }]);
    expect(rows(t, 'SELECT stream FROM sync_cursors')).toEqual([{ stream: 'events' }]);
    expect(rows(t, 'SELECT id FROM stripe_objects')).toEqual([{ id: 'prod_1' }]);
    expect(status.eventsCursor).toBe('2023-11-14T22:13:20.000Z');

    expect(await t.fail('stripe.disconnect', {})).toMatchObject({ code: 'CONFLICT', message: 'Stripe is not connected, so there is nothing to disconnect.' });
    expect(await t.fail('stripe.sync', {})).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Stripe is not connected/) });
  });

  it("reconnecting the same account keeps the cursors; another account's or mode's key restarts with a backfill", async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    run(t, `INSERT INTO sync_cursors (provider, stream, state) VALUES ('stripe', 'events', '{"created":1700000000}')`);
    await t.call('stripe.disconnect', {});
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(rows(t, 'SELECT stream FROM sync_cursors')).toHaveLength(1);

    const live = await t.call('stripe.connect', { secretKey: LIVE_KEY, apiBase: server.url });
    expect(live.connection).toMatchObject({ keyHint: 'rk_live_…9Zz9', livemode: true });
    expect(rows(t, 'SELECT stream FROM sync_cursors')).toEqual([]);
    const last = JSON.parse(String(auditOf('stripe.connect').at(-1)!.details)) as Record<string, unknown>;
    expect(last).toMatchObject({ livemode: true, restartsBackfill: true, previousAccount: { accountId: 'acct_1KeyHubFakeAcct', livemode: false } });
  });
});

describe('stripe.settings', () => {
  it('changes only what is given, audits the change, and refuses values out of range naming the field', async () => {
    const status = await t.call('stripe.settings', { scheduleMinutes: 60, requestsPerSecond: 10 });
    expect(status.settings).toEqual({ scheduleMinutes: 60, apiBase: 'https://api.stripe.com', requestsPerSecond: 10 });
    expect((await t.call('settings.get', {})).stripe).toEqual(status.settings);
    expect(auditOf('settings.update')).toEqual([
      { actor: 'test', type: 'settings', id: 'stripe', details: JSON.stringify({ before: { scheduleMinutes: 15, requestsPerSecond: 20 }, after: { scheduleMinutes: 60, requestsPerSecond: 10 } }) },
    ]);
    await t.call('stripe.settings', { scheduleMinutes: 60 });
    expect(auditOf('settings.update')).toHaveLength(1);

    expect(await t.fail('stripe.settings', { scheduleMinutes: -1 })).toMatchObject({ code: 'VALIDATION', details: { fields: { scheduleMinutes: 'Use 0 to sync only on demand.' } } });
    expect(await t.fail('stripe.settings', { apiBase: 'ftp://stripe.example' })).toMatchObject({ code: 'VALIDATION', details: { fields: { apiBase: expect.any(String) } } });
    expect(await t.fail('stripe.settings', { requestsPerSecond: 101 })).toMatchObject({ code: 'VALIDATION', details: { fields: { requestsPerSecond: expect.any(String) } } });
    expect((await t.call('stripe.status', {})).settings).toEqual({ scheduleMinutes: 60, apiBase: 'https://api.stripe.com', requestsPerSecond: 10 });
  });
});

describe('the stored key goes only to the address it was stored for', () => {
  const settingsNow = async () => (await t.call('stripe.status', {})).settings;
  const keysSeenElsewhere = () => new Set(elsewhere.requests.map((r) => r.key));

  async function connectHere() {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    run(t, `INSERT INTO sync_cursors (provider, stream, state) VALUES ('stripe', 'events', '{"created":1700000000}')`);
  }

  it('stripe.test at another address needs the key again; at the stored address it uses the stored key', async () => {
    await connectHere();
    const sent = elsewhere.requests.length;
    expect(await t.fail('stripe.test', { apiBase: elsewhereServer.url })).toEqual({
      code: 'VALIDATION',
      message: `KeyHub sends the stored key only to the address it was stored for (${server.url}). To test at ${elsewhereServer.url}, give the key again.`,
      details: {
        fields: { secretKey: `KeyHub sends the stored key only to the address it was stored for (${server.url}). To test at ${elsewhereServer.url}, give the key again.` },
      },
    });
    expect(elsewhere.requests.length).toBe(sent);
    expect((await t.call('stripe.test', { apiBase: server.url })).ok).toBe(true);
    expect((await t.call('stripe.test', { apiBase: elsewhereServer.url, secretKey: ELSEWHERE_KEY })).ok).toBe(true);
    expect(keysSeenElsewhere().has(FAKE_STRIPE_KEY)).toBe(false);
  });

  it('stripe.settings: a new address needs the key again, which is tested there and stored in place of the old one', async () => {
    await connectHere();
    const sealedBefore = secrets()[0].secret as Buffer;
    const settingsAudited = auditOf('settings.update').length;
    const needsKey = `KeyHub sends the stored key only to the address it was stored for (${server.url}). To use ${elsewhereServer.url}, give the key again: it is tested there and stored in place of the old one.`;
    expect(await t.fail('stripe.settings', { apiBase: elsewhereServer.url, scheduleMinutes: 5 })).toEqual({
      code: 'VALIDATION',
      message: needsKey,
      details: { fields: { secretKey: needsKey } },
    });
    // A key the new address refuses changes nothing either.
    const refused = await t.fail('stripe.settings', { apiBase: elsewhereServer.url, secretKey: 'rk_test_NotAKeyStripeKnows0000', scheduleMinutes: 5 });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Stripe refused this key: .+ Nothing was changed\.$/) });
    expect((refused.details?.fields as Record<string, string>).secretKey).toBe(refused.message);
    expect(await settingsNow()).toEqual({ ...DEFAULT_STRIPE_SETTINGS, apiBase: server.url });
    expect((secrets()[0].secret as Buffer).equals(sealedBefore)).toBe(true);
    expect(auditOf('settings.update')).toHaveLength(settingsAudited);

    const status = await t.call('stripe.settings', { apiBase: elsewhereServer.url, secretKey: ELSEWHERE_KEY, scheduleMinutes: 5 });
    expect(status.settings).toEqual({ ...DEFAULT_STRIPE_SETTINGS, scheduleMinutes: 5, apiBase: elsewhereServer.url });
    expect(status.connection).toMatchObject({ connected: true, sealing: 'vault', keyHint: 'rk_test_…1111', accountId: 'acct_1KeyHubFakeAcct', accountName: 'Elsewhere Ltd', usable: true });
    // The same account (both keys read it): the sync carries on from its cursors.
    expect(status).not.toHaveProperty('backfillRestarted');
    expect(rows(t, 'SELECT stream FROM sync_cursors')).toEqual([{ stream: 'events' }]);
    expect(openStripeKey(t.ctx)).toBe(ELSEWHERE_KEY);
    expect(secrets()).toEqual([expect.objectContaining({ provider: 'stripe', sealing: 'vault', hint: 'rk_test_…1111' })]);
    expect(JSON.parse(String(auditOf('stripe.connect').at(-1)!.details))).toEqual({
      hint: 'rk_test_…1111',
      sealing: 'vault',
      livemode: false,
      accountId: 'acct_1KeyHubFakeAcct',
      apiBase: elsewhereServer.url,
    });
    expect(JSON.parse(String(auditOf('settings.update').at(-1)!.details))).toEqual({
      before: { scheduleMinutes: 15, apiBase: server.url },
      after: { scheduleMinutes: 5, apiBase: elsewhereServer.url },
    });
    expect(keysSeenElsewhere()).toEqual(new Set(['rk_test_NotAKeyStripeKnows0000', ELSEWHERE_KEY]));
    expect(allAuditText()).not.toContain(ELSEWHERE_KEY);

    // The stored address again needs nothing more; a key without a new address is refused.
    expect((await t.call('stripe.settings', { apiBase: elsewhereServer.url, scheduleMinutes: 0 })).settings.scheduleMinutes).toBe(0);
    expect(await t.fail('stripe.settings', { secretKey: ELSEWHERE_KEY, scheduleMinutes: 30 })).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { secretKey: 'Give the key only with a new address (it is tested there). To replace the key at the same address, connect again.' } },
    });
    expect((await settingsNow()).scheduleMinutes).toBe(0);
  });

  it('with the keys locked, moving a passphrase-sealed key is LOCKED before anything is sent', async () => {
    await connectHere();
    await t.call('vault.lock', {});
    const sent = elsewhere.requests.length;
    expect(await t.fail('stripe.settings', { apiBase: elsewhereServer.url, secretKey: ELSEWHERE_KEY })).toMatchObject({ code: 'LOCKED', details: { sealing: 'vault' } });
    expect(elsewhere.requests.length).toBe(sent);
    expect((await settingsNow()).apiBase).toBe(server.url);
  });

  it('not connected: the address changes freely (no key is stored), and a key given there is refused', async () => {
    expect((await t.call('stripe.settings', { apiBase: elsewhereServer.url })).settings.apiBase).toBe(elsewhereServer.url);
    expect(await t.fail('stripe.settings', { apiBase: server.url, secretKey: FAKE_STRIPE_KEY })).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { secretKey: 'Stripe is not connected, so no key is stored to move: connect with this key instead.' } },
    });
    expect((await settingsNow()).apiBase).toBe(elsewhereServer.url);
  });

  it('a key in the OS keychain moves only where the keychain is, and stays in it', async () => {
    const keychain = fakeKeychain();
    const desktop = caller(createApiContext(t.store, 'desktop', 'electron', { kdfCost: TEST_KDF_COST }, { osKeychain: keychain }));
    await desktop.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url, useOsKeychain: true });
    const sent = elsewhere.requests.length;
    expect(await t.fail('stripe.settings', { apiBase: elsewhereServer.url, secretKey: ELSEWHERE_KEY })).toEqual({
      code: 'CONFLICT',
      message: "The Stripe key is kept in the desktop app's OS keychain, which this KeyHub cannot reach. Change the address from the desktop app, or connect again here.",
      details: { sealing: 'os' },
    });
    expect(elsewhere.requests.length).toBe(sent);
    const status = await desktop.call('stripe.settings', { apiBase: elsewhereServer.url, secretKey: ELSEWHERE_KEY });
    expect(status.connection).toMatchObject({ sealing: 'os', keyHint: 'rk_test_…1111', usable: true });
    expect(status.settings.apiBase).toBe(elsewhereServer.url);
    expect(keychain.decrypt(secrets()[0].secret as Buffer)).toBe(ELSEWHERE_KEY);
  });

  it('plain http:// only to this computer; https:// anywhere', async () => {
    const onlyLoopback = "Use https:// for Stripe's address; plain http:// only for a test server on this computer (127.0.0.1, [::1] or localhost).";
    for (const apiBase of ['http://stripe.example.com', 'http://10.0.0.5:12111', 'http://127.0.0.1.example.com', 'http://localhost.example.com:8080', 'http://127.0.0.2']) {
      expect(await t.fail('stripe.settings', { apiBase }), apiBase).toEqual({ code: 'VALIDATION', message: onlyLoopback, details: { fields: { apiBase: onlyLoopback } } });
      expect(await t.fail('stripe.test', { secretKey: FAKE_STRIPE_KEY, apiBase }), apiBase).toMatchObject({ details: { fields: { apiBase: onlyLoopback } } });
      expect(await t.fail('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase }), apiBase).toMatchObject({ details: { fields: { apiBase: onlyLoopback } } });
    }
    expect(await t.fail('stripe.settings', { apiBase: 'https://api.stripe.com/v1' })).toMatchObject({ details: { fields: { apiBase: 'Give an address like https://api.stripe.com or http://127.0.0.1:12111.' } } });
    for (const apiBase of ['http://127.0.0.1:12111', 'http://localhost:12111', 'http://LOCALHOST', 'http://[::1]:12111', 'https://stripe-proxy.example.com', 'https://10.0.0.5:8443']) {
      expect((await t.call('stripe.settings', { apiBase })).settings.apiBase, apiBase).toBe(apiBase);
    }
    // The SDK takes an IPv6 host without its brackets.
    expect(sdkAddress('http://[::1]:12111')).toEqual({ host: '::1', port: 12111, protocol: 'http' });
  });
});

describe('another account behind a key that cannot read the account', () => {
  const NO_ACCOUNT_A = 'rk_test_51KeyHubNoAccountAaaa';
  const NO_ACCOUNT_B = 'rk_test_51KeyHubNoAccountBbbb';
  const cursors = () => rows(t, 'SELECT stream FROM sync_cursors');
  const addCursor = () => run(t, `INSERT OR REPLACE INTO sync_cursors (provider, stream, state) VALUES ('stripe', 'events', '{"created":1700000000}')`);
  const lastConnect = () => JSON.parse(String(auditOf('stripe.connect').at(-1)!.details)) as Record<string, unknown>;
  const unknownRestart =
    'This key is not the one used before, and KeyHub cannot tell whether it belongs to the same Stripe account (one of the keys may not read the account). To miss nothing, the next sync reads everything again from the start (a backfill); what is already synced is not duplicated.';

  beforeAll(() => {
    for (const key of [NO_ACCOUNT_A, NO_ACCOUNT_B]) {
      world.keys.add(key);
      world.denyResource(key, 'account');
    }
  });

  it('a different key restarts the backfill, saying so in the result and the audit; the same key again does not', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    const first = await t.call('stripe.connect', { secretKey: NO_ACCOUNT_A, apiBase: server.url });
    expect(first.connection.accountId).toBeNull();
    expect(first).not.toHaveProperty('backfillRestarted');
    addCursor();

    const same = await t.call('stripe.connect', { secretKey: NO_ACCOUNT_A, apiBase: server.url });
    expect(same).not.toHaveProperty('backfillRestarted');
    expect(cursors()).toHaveLength(1);

    const other = await t.call('stripe.connect', { secretKey: NO_ACCOUNT_B, apiBase: server.url });
    expect(other.backfillRestarted).toBe(unknownRestart);
    expect(other.backfillDone).toBe(false);
    expect(cursors()).toEqual([]);
    expect(lastConnect()).toMatchObject({ restartsBackfill: true, restartReason: unknownRestart, previousAccount: { accountId: null, livemode: false } });
    expect(allAuditText()).not.toContain(NO_ACCOUNT_B);

    // Known after unknown: still cannot tell. Disconnected in between: the previous key is still remembered (by a fingerprint, never the key).
    addCursor();
    await t.call('stripe.disconnect', {});
    const known = await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(known.backfillRestarted).toBe(unknownRestart);
    expect(cursors()).toEqual([]);
    const facts = String(one(t, "SELECT value FROM settings WHERE key = 'stripe_account'").value);
    expect(facts).not.toContain(FAKE_STRIPE_KEY);
    expect(facts).not.toContain(NO_ACCOUNT_B);
  });

  it('two keys that both read the same account keep the cursors', async () => {
    const SAME_ACCOUNT = 'rk_test_51KeyHubSameAccount2222';
    world.keys.add(SAME_ACCOUNT);
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    addCursor();
    const status = await t.call('stripe.connect', { secretKey: SAME_ACCOUNT, apiBase: server.url });
    expect(status).not.toHaveProperty('backfillRestarted');
    expect(cursors()).toHaveLength(1);
    expect(lastConnect()).not.toHaveProperty('restartsBackfill');
  });

  it('the other mode says so in the result too; with nothing synced yet there is nothing to restart', async () => {
    await t.call('vault.setup', { passphrase: PASS });
    await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    const unsynced = await t.call('stripe.connect', { secretKey: LIVE_KEY, apiBase: server.url });
    expect(unsynced).not.toHaveProperty('backfillRestarted');
    expect(lastConnect()).not.toHaveProperty('restartsBackfill');
    addCursor();
    const test = await t.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    expect(test.backfillRestarted).toBe(
      'This key is for test mode, and what was synced so far came from live mode. The next sync reads everything again from the start (a backfill); what is already synced is not duplicated.',
    );
    expect(cursors()).toEqual([]);
  });
});

describe('the vault idle lock', () => {
  it('opening the Stripe key does not postpone it; signing does', async () => {
    let clock = Date.parse('2026-03-01T12:00:00.000Z');
    const ctx = createApiContext(t.store, 'test', 'test', { kdfCost: TEST_KDF_COST, now: () => clock });
    const here = caller(ctx);
    const vendor = await here.call('vendor.create', { name: 'Imazen' });
    // An hour's unlock: the ten idle minutes are what ends it first.
    await here.call('vault.setup', { passphrase: PASS, minutes: 60 });
    const signingKey = await here.call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    await here.call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: server.url });
    const idleLockAt = async () => (await here.call('vault.status', {})).idleLockAt;
    const firstDeadline = await idleLockAt();

    clock += 6 * 60_000;
    expect((await here.call('stripe.test', {})).ok).toBe(true);
    expect(openStripeKey(ctx)).toBe(FAKE_STRIPE_KEY);
    expect(await idleLockAt()).toBe(firstDeadline);

    // Signing is using the keys: the idle lock moves to ten minutes after it.
    clock += 60_000;
    await ctx.vault.withSeed(t.store.db, signingKey.id, () => undefined);
    expect(await idleLockAt()).toBe(new Date(clock + 10 * 60_000).toISOString());

    clock += 9 * 60_000;
    openStripeKey(ctx);
    clock += 60_000 + 1;
    expect(ctx.vault.isUnlocked()).toBe(false);
    expect(() => openStripeKey(ctx)).toThrow(/unlock the signing keys first/);
    ctx.vault.lock();
  });
});
