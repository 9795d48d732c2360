/**
 * Connecting KeyHub to a Stripe account: test a key (can it read everything the sync
 * reads?), store it sealed with the account's facts, forget it. A key is stored only
 * when every check passes, so a connected KeyHub never finds out mid-sync that its key
 * cannot read invoices.
 */
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { settings } from '../../../../db/schema';
import type { ParsedInput } from '../../../api/contract';
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError } from '../../../api/errors';
import { nowUtc } from '../../../shared/time';
import type { Db } from '../../../store/open';
import { statement } from '../../../store/statements';
import { recordAudit } from '../../audit/audit';
import { readStripeSettings, writeStripeSettings } from '../../settings/settings';
import type { StripeCheck, StripeTestResult } from '../types';
import { STRIPE_PROVIDER } from './api-version';
import { createStripeSdk } from './client';
import { checkCanSeal, deleteStoredSecret, isLiveKey, openStripeKey, readStoredSecret, sealStripeKey, stripeKeyHint, writeStoredSecret } from './secret';

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

/** Tests the key given, else the stored one (which must be readable now). */
export async function testStripe(ctx: ApiContext, input: ParsedInput<'stripe.test'>): Promise<StripeTestResult> {
  const apiBase = input.apiBase ?? readStripeSettings(ctx.store.db).apiBase;
  const secretKey = input.secretKey ?? openStripeKey(ctx);
  return testStripeKey(secretKey, apiBase);
}

// ---------------------------------------------------------------- the account's facts

const ACCOUNT_KEY = 'stripe_account';

/** Which account the key (and so the synced data) belongs to; kept after a disconnect to notice a different account later. */
export interface StripeAccountFacts {
  accountId: string | null;
  accountName: string | null;
  livemode: boolean;
  connectedAt: string;
}

export function readAccountFacts(db: Db): StripeAccountFacts | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, ACCOUNT_KEY)).get();
  const value = row?.value as Partial<StripeAccountFacts> | undefined;
  if (!value || typeof value !== 'object' || typeof value.connectedAt !== 'string') return null;
  return { accountId: value.accountId ?? null, accountName: value.accountName ?? null, livemode: Boolean(value.livemode), connectedAt: value.connectedAt };
}

function writeAccountFacts(db: Db, facts: StripeAccountFacts): void {
  db.insert(settings)
    .values({ key: ACCOUNT_KEY, value: facts })
    .onConflictDoUpdate({ target: settings.key, set: { value: facts, updatedAt: nowUtc() } })
    .run();
}

/** Another account, or the other mode: what was synced so far is not this key's. */
function isOtherAccount(before: StripeAccountFacts | null, after: StripeAccountFacts): boolean {
  if (!before) return false;
  if (before.livemode !== after.livemode) return true;
  return before.accountId !== null && after.accountId !== null && before.accountId !== after.accountId;
}

// ---------------------------------------------------------------- connect, disconnect

/**
 * Tests the key and, only when every check passes, stores it sealed with the account's
 * facts (and the address, when given). A key of another account or mode than the one
 * synced so far restarts the sync from a backfill (its cursors are dropped; synced data stays).
 */
export async function connectStripe(ctx: ApiContext, input: ParsedInput<'stripe.connect'>): Promise<void> {
  const useOsKeychain = input.useOsKeychain ?? false;
  // Refused before the test, so an unlock prompt comes first and nothing is sent twice.
  checkCanSeal(ctx, useOsKeychain);
  const apiBase = input.apiBase ?? readStripeSettings(ctx.store.db).apiBase;
  const test = await testStripeKey(input.secretKey, apiBase);
  if (!test.ok) {
    const message = `${test.message} Nothing was stored.`;
    throw new KeyHubError('VALIDATION', message, { fields: { secretKey: message }, test });
  }
  const sealed = sealStripeKey(ctx, input.secretKey, useOsKeychain);
  const hint = stripeKeyHint(input.secretKey);
  const now = nowUtc();
  const { db, sqlite } = ctx.store;
  db.transaction((tx) => {
    const before = readAccountFacts(tx);
    const after: StripeAccountFacts = { accountId: test.accountId, accountName: test.accountName, livemode: test.livemode ?? isLiveKey(input.secretKey), connectedAt: now };
    const otherAccount = isOtherAccount(before, after);
    if (otherAccount) statement(sqlite, 'DELETE FROM sync_cursors WHERE provider = ?').run(STRIPE_PROVIDER);
    writeStoredSecret(sqlite, sealed, hint, now);
    writeAccountFacts(tx, after);
    if (input.apiBase !== undefined) writeStripeSettings(tx, ctx.actor, { apiBase: input.apiBase });
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'stripe',
      targetId: STRIPE_PROVIDER,
      action: 'stripe.connect',
      details: {
        hint,
        sealing: sealed.sealing,
        livemode: after.livemode,
        accountId: after.accountId,
        apiBase,
        ...(otherAccount && { restartsBackfill: true, previousAccount: { accountId: before?.accountId ?? null, livemode: before?.livemode ?? null } }),
      },
    });
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
