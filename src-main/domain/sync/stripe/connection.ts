/**
 * Connecting KeyHub to a Stripe account: test a key (can it read everything the sync
 * reads?), store it sealed with the account's facts, forget it. A key is stored only
 * when every check passes, so a connected KeyHub never finds out mid-sync that its key
 * cannot read invoices. The stored key is sent only to the address it was stored for:
 * another address takes the key again (test, settings).
 */
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { settings } from '../../../../db/schema';
import type { ParsedInput } from '../../../api/contract';
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError, invalidField } from '../../../api/errors';
import { nowUtc } from '../../../shared/time';
import type { Db } from '../../../store/open';
import { statement } from '../../../store/statements';
import { recordAudit } from '../../audit/audit';
import { readStripeSettings, writeStripeSettings } from '../../settings/settings';
import type { StripeCheck, StripeTestResult } from '../types';
import { STRIPE_PROVIDER } from './api-version';
import { createStripeSdk } from './client';
import {
  checkCanReseal,
  checkCanSeal,
  deleteStoredSecret,
  isLiveKey,
  notConnected,
  openStripeKey,
  readStoredSecret,
  sealStripeKey,
  stripeKeyFingerprint,
  stripeKeyHint,
  writeStoredSecret,
  type Sealing,
} from './secret';

/** How long one test request may take before the test says Stripe cannot be reached. */
const TEST_TIMEOUT_MS = 20_000;

interface ResourceCheck {
  /** Stripe's API path under /v1. */
  resource: string;
  /** As Stripe's restricted-key screen names the permission. */
  label: string;
  list: (stripe: Stripe) => Promise<unknown>;
}

/** Every resource the sync reads, in the order the sync reads them (events last). */
export const STRIPE_CHECKS: readonly ResourceCheck[] = [
  { resource: 'products', label: 'Products', list: (s) => s.products.list({ limit: 1 }) },
  { resource: 'prices', label: 'Prices', list: (s) => s.prices.list({ limit: 1 }) },
  { resource: 'customers', label: 'Customers', list: (s) => s.customers.list({ limit: 1 }) },
  { resource: 'subscriptions', label: 'Subscriptions', list: (s) => s.subscriptions.list({ limit: 1, status: 'all' }) },
  { resource: 'invoices', label: 'Invoices', list: (s) => s.invoices.list({ limit: 1 }) },
  { resource: 'checkout/sessions', label: 'Checkout Sessions', list: (s) => s.checkout.sessions.list({ limit: 1 }) },
  { resource: 'payment_intents', label: 'PaymentIntents', list: (s) => s.paymentIntents.list({ limit: 1 }) },
  { resource: 'charges', label: 'Charges', list: (s) => s.charges.list({ limit: 1 }) },
  { resource: 'refunds', label: 'Refunds', list: (s) => s.refunds.list({ limit: 1 }) },
  { resource: 'disputes', label: 'Disputes', list: (s) => s.disputes.list({ limit: 1 }) },
  { resource: 'events', label: 'Events', list: (s) => s.events.list({ limit: 1 }) },
];

type Failure = { kind: 'refused' | 'unreachable' | 'denied' | 'other'; message: string };

function classify(error: unknown, apiBase: string): Failure {
  const e = error as { type?: string; statusCode?: number; message?: string };
  const said = (e.message ?? String(error)).trim();
  if (e.type === 'StripeAuthenticationError' || e.statusCode === 401) return { kind: 'refused', message: `Stripe refused this key: ${said}` };
  if (e.type === 'StripePermissionError' || e.statusCode === 403) return { kind: 'denied', message: said };
  if (e.type === 'StripeConnectionError' || e.statusCode === undefined) {
    return { kind: 'unreachable', message: `Could not reach Stripe at ${apiBase}: ${said} Check the address and the network, then test again.` };
  }
  return { kind: 'other', message: `Stripe answered ${e.statusCode}: ${said}` };
}

async function attempt(run: () => Promise<unknown>, apiBase: string): Promise<Failure | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return classify(error, apiBase);
  }
}

const accountName = (account: Stripe.Account): string | null =>
  account.settings?.dashboard?.display_name || account.business_profile?.name || account.email || null;

/**
 * Tests a key: the account (a restricted key may not read it: then it stays unknown),
 * then one page of one object of each resource the sync reads.
 */
export async function testStripeKey(secretKey: string, apiBase: string): Promise<StripeTestResult> {
  const stripe = createStripeSdk(secretKey, apiBase, TEST_TIMEOUT_MS);
  const livemode = isLiveKey(secretKey);
  const result: StripeTestResult = { ok: false, message: '', livemode, accountId: null, accountName: null, checks: [] };

  let account: Stripe.Account | null = null;
  const accountFailure = await attempt(async () => {
    account = await stripe.accounts.retrieveCurrent();
  }, apiBase);
  if (accountFailure && (accountFailure.kind === 'refused' || accountFailure.kind === 'unreachable')) {
    return { ...result, message: accountFailure.message };
  }
  if (account) {
    result.accountId = (account as Stripe.Account).id;
    result.accountName = accountName(account);
  }

  const failures = await Promise.all(STRIPE_CHECKS.map((check) => attempt(() => check.list(stripe), apiBase)));
  const stop = failures.find((f) => f?.kind === 'refused' || f?.kind === 'unreachable');
  if (stop) return { ...result, message: stop.message };

  result.checks = STRIPE_CHECKS.map((check, i): StripeCheck => {
    const failure = failures[i];
    const message = !failure ? null : failure.kind === 'denied' ? `Give the key read access to ${check.label}.` : failure.message;
    return { resource: check.resource, label: check.label, ok: !failure, message };
  });
  const missing = result.checks.filter((c) => !c.ok);
  const where = `${livemode ? 'live' : 'test'} mode${result.accountName ? `, ${result.accountName}` : ''}${result.accountId ? ` (${result.accountId})` : ''}`;
  if (missing.length === 0) {
    return { ...result, ok: true, message: `The key works (${where}): it can read everything the sync reads.` };
  }
  const denied = failures.filter((f) => f?.kind === 'denied').length;
  const names = missing.map((c) => c.label).join(', ');
  const message =
    denied === missing.length
      ? `The key cannot read ${names}. Give it read access to ${missing.length === 1 ? 'that resource' : 'those resources'} in Stripe (Developers → API keys → edit the restricted key), then test again.`
      : `Some checks failed (${names}): ${missing.map((c) => `${c.label}: ${c.message}`).join(' ')}`;
  return { ...result, message };
}

/** Tests the key given, else the stored one (readable now, and only at its own address). */
export async function testStripe(ctx: ApiContext, input: ParsedInput<'stripe.test'>): Promise<StripeTestResult> {
  const storedBase = readStripeSettings(ctx.store.db).apiBase;
  const apiBase = input.apiBase ?? storedBase;
  if (input.secretKey !== undefined) return testStripeKey(input.secretKey, apiBase);
  if (!readStoredSecret(ctx.store.sqlite)) throw notConnected();
  if (apiBase !== storedBase) {
    throw invalidField('secretKey', `KeyHub sends the stored key only to the address it was stored for (${storedBase}). To test at ${apiBase}, give the key again.`);
  }
  return testStripeKey(openStripeKey(ctx), apiBase);
}

/** Tests a key about to be stored; refused (VALIDATION on secretKey, saying what stayed) unless every check passes. */
async function testBeforeStoring(secretKey: string, apiBase: string, unchanged: string): Promise<StripeTestResult> {
  const test = await testStripeKey(secretKey, apiBase);
  if (!test.ok) {
    const message = `${test.message} ${unchanged}`;
    throw new KeyHubError('VALIDATION', message, { fields: { secretKey: message }, test });
  }
  return test;
}

// ---------------------------------------------------------------- the account's facts

const ACCOUNT_KEY = 'stripe_account';

/** Which account the key (and so the synced data) belongs to; kept after a disconnect to notice a different account later. */
export interface StripeAccountFacts {
  accountId: string | null;
  accountName: string | null;
  livemode: boolean;
  connectedAt: string;
  /** stripeKeyFingerprint of the key: tells a different key when the account cannot be read. */
  keyFingerprint: string | null;
}

export function readAccountFacts(db: Db): StripeAccountFacts | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, ACCOUNT_KEY)).get();
  const value = row?.value as Partial<StripeAccountFacts> | undefined;
  if (!value || typeof value !== 'object' || typeof value.connectedAt !== 'string') return null;
  return {
    accountId: value.accountId ?? null,
    accountName: value.accountName ?? null,
    livemode: Boolean(value.livemode),
    connectedAt: value.connectedAt,
    keyFingerprint: value.keyFingerprint ?? null,
  };
}

function writeAccountFacts(db: Db, facts: StripeAccountFacts): void {
  db.insert(settings)
    .values({ key: ACCOUNT_KEY, value: facts })
    .onConflictDoUpdate({ target: settings.key, set: { value: facts, updatedAt: nowUtc() } })
    .run();
}

const FROM_THE_START = 'The next sync reads everything again from the start (a backfill); what is already synced is not duplicated.';
const modeName = (livemode: boolean) => (livemode ? 'live' : 'test');

/**
 * Why what was synced so far may not be this key's (so the sync must start again), or
 * null when it is: the other mode; another account; or, when either key cannot read the
 * account, a different key (the same key is the same account; another may not be).
 */
function otherAccountReason(before: StripeAccountFacts | null, after: StripeAccountFacts): string | null {
  if (!before) return null;
  if (before.livemode !== after.livemode) {
    return `This key is for ${modeName(after.livemode)} mode, and what was synced so far came from ${modeName(before.livemode)} mode. ${FROM_THE_START}`;
  }
  if (before.accountId !== null && after.accountId !== null) {
    return before.accountId === after.accountId ? null : `This key belongs to another Stripe account (${after.accountId}) than the one synced so far (${before.accountId}). ${FROM_THE_START}`;
  }
  if (before.keyFingerprint !== null && before.keyFingerprint === after.keyFingerprint) return null;
  return 'This key is not the one used before, and KeyHub cannot tell whether it belongs to the same Stripe account (one of the keys may not read the account). To miss nothing, the next sync reads everything again from the start (a backfill); what is already synced is not duplicated.';
}

interface TestedKey {
  secretKey: string;
  test: StripeTestResult;
  sealed: { sealing: Sealing; secret: Buffer };
  /** Where it was tested (and will be sent). */
  apiBase: string;
}

/**
 * Inside the caller's transaction: stores a tested key (in place of any other) with its
 * account's facts, audited; when the synced data may be another account's, drops the
 * cursors so the next sync backfills. Returns why it did, or null.
 */
function storeTestedKey(ctx: ApiContext, tx: Db, key: TestedKey, now: string): string | null {
  const { sqlite } = ctx.store;
  const hint = stripeKeyHint(key.secretKey);
  const before = readAccountFacts(tx);
  const after: StripeAccountFacts = {
    accountId: key.test.accountId,
    accountName: key.test.accountName,
    livemode: key.test.livemode ?? isLiveKey(key.secretKey),
    connectedAt: now,
    keyFingerprint: stripeKeyFingerprint(key.secretKey),
  };
  const reason = otherAccountReason(before, after);
  // Nothing synced yet (no cursor): nothing restarts, so nothing to say.
  const restarted = reason !== null && statement(sqlite, 'DELETE FROM sync_cursors WHERE provider = ?').run(STRIPE_PROVIDER).changes > 0;
  writeStoredSecret(sqlite, key.sealed, hint, now);
  writeAccountFacts(tx, after);
  recordAudit(tx, {
    actor: ctx.actor,
    targetType: 'stripe',
    targetId: STRIPE_PROVIDER,
    action: 'stripe.connect',
    details: {
      hint,
      sealing: key.sealed.sealing,
      livemode: after.livemode,
      accountId: after.accountId,
      apiBase: key.apiBase,
      ...(restarted && { restartsBackfill: true, restartReason: reason, previousAccount: { accountId: before?.accountId ?? null, livemode: before?.livemode ?? null } }),
    },
  });
  return restarted ? reason : null;
}

// ---------------------------------------------------------------- connect, disconnect

/** What storing a key did beyond storing it: why the sync starts again from a backfill, when it does. */
export interface KeyStored {
  backfillRestarted: string | null;
}

/**
 * Tests the key and, only when every check passes, stores it sealed with the account's
 * facts (and the address, when given). A key that may be another account's or mode's
 * than the one synced so far restarts the sync from a backfill (its cursors are
 * dropped; synced data stays).
 */
export async function connectStripe(ctx: ApiContext, input: ParsedInput<'stripe.connect'>): Promise<KeyStored> {
  const useOsKeychain = input.useOsKeychain ?? false;
  // Refused before the test, so an unlock prompt comes first and nothing is sent twice.
  checkCanSeal(ctx, useOsKeychain);
  const apiBase = input.apiBase ?? readStripeSettings(ctx.store.db).apiBase;
  const test = await testBeforeStoring(input.secretKey, apiBase, 'Nothing was stored.');
  const sealed = sealStripeKey(ctx, input.secretKey, useOsKeychain);
  const now = nowUtc();
  return ctx.store.db.transaction((tx) => {
    const backfillRestarted = storeTestedKey(ctx, tx, { secretKey: input.secretKey, test, sealed, apiBase }, now);
    if (input.apiBase !== undefined) writeStripeSettings(tx, ctx.actor, { apiBase: input.apiBase });
    return { backfillRestarted };
  });
}

// ---------------------------------------------------------------- settings

/**
 * Changes the Stripe settings given. While a key is stored, a new address takes the key
 * again (the stored one is never sent anywhere else): it is tested there, like on
 * connect, and stored in place of the old one, where the old one was kept (passphrase or
 * OS keychain). Refused, nothing changes.
 */
export async function updateStripeSettings(ctx: ApiContext, input: ParsedInput<'stripe.settings'>): Promise<KeyStored> {
  const { secretKey, ...change } = input;
  const { db, sqlite } = ctx.store;
  const storedBase = readStripeSettings(db).apiBase;
  const stored = readStoredSecret(sqlite);
  const moves = change.apiBase !== undefined && change.apiBase !== storedBase;
  if (secretKey !== undefined && !stored) {
    throw invalidField('secretKey', 'Stripe is not connected, so no key is stored to move: connect with this key instead.');
  }
  if (secretKey !== undefined && !moves) {
    throw invalidField('secretKey', 'Give the key only with a new address (it is tested there). To replace the key at the same address, connect again.');
  }
  if (!stored || !moves || change.apiBase === undefined) {
    db.transaction((tx) => writeStripeSettings(tx, ctx.actor, change));
    return { backfillRestarted: null };
  }
  const apiBase = change.apiBase;
  if (secretKey === undefined) {
    throw invalidField(
      'secretKey',
      `KeyHub sends the stored key only to the address it was stored for (${storedBase}). To use ${apiBase}, give the key again: it is tested there and stored in place of the old one.`,
    );
  }
  checkCanReseal(ctx, stored.sealing);
  const test = await testBeforeStoring(secretKey, apiBase, 'Nothing was changed.');
  const sealed = sealStripeKey(ctx, secretKey, stored.sealing === 'os');
  const now = nowUtc();
  return db.transaction((tx) => {
    // Checked again: the key was tested over the network, and a disconnect or another address may have come meanwhile.
    const still = readStoredSecret(sqlite);
    if (!still || still.sealing !== stored.sealing || readStripeSettings(tx).apiBase !== storedBase) {
      throw new KeyHubError('CONFLICT', 'The Stripe connection changed while the new key was tested, so nothing was changed. Look at it again, then retry.');
    }
    const backfillRestarted = storeTestedKey(ctx, tx, { secretKey, test, sealed, apiBase }, now);
    writeStripeSettings(tx, ctx.actor, change);
    return { backfillRestarted };
  });
}

/** Forgets the key; synced objects, transactions, licenses and cursors stay. */
export function disconnectStripe(ctx: ApiContext): void {
  const { db, sqlite } = ctx.store;
  db.transaction((tx) => {
    const stored = readStoredSecret(sqlite);
    if (!stored) throw new KeyHubError('CONFLICT', 'Stripe is not connected, so there is nothing to disconnect.');
    deleteStoredSecret(sqlite);
    recordAudit(tx, { actor: ctx.actor, targetType: 'stripe', targetId: STRIPE_PROVIDER, action: 'stripe.disconnect', details: { hint: stored.hint, sealing: stored.sealing } });
  });
}
