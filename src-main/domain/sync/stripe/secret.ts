/**
 * The Stripe key at rest: one `provider_secrets` row, sealed with the signing keys'
 * passphrase (the vault, the default) or by the OS keychain (the desktop app, when
 * chosen). The key is never stored, logged or audited in the clear; what identifies it
 * to people is its hint ("rk_live_…a1B2").
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ApiContext } from '../../../api/dispatch';
import { KeyHubError, invalidField } from '../../../api/errors';
import { statement } from '../../../store/statements';
import { STRIPE_PROVIDER } from './api-version';

export type Sealing = 'vault' | 'os';

export interface StoredSecret {
  sealing: Sealing;
  secret: Buffer;
  hint: string;
  createdAt: string;
  updatedAt: string;
}

/** The key's kind and mode, and its last four characters: `rk_live_…a1B2`. */
export function stripeKeyHint(key: string): string {
  const prefix = /^(rk|sk)_(live|test)_/.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

/**
 * Tells a later key from this one without keeping it: a SHA-256 of the key. A Stripe key
 * is long and random, so its hash gives nothing away (no one can guess keys to match it).
 */
export function stripeKeyFingerprint(key: string): string {
  return createHash('sha256').update(`keyhub stripe key v1:${key}`).digest('base64url');
}

/** Live or test, from the key itself (Stripe's prefixes say which). */
export const isLiveKey = (key: string): boolean => /^(rk|sk)_live_/.test(key);

export function readStoredSecret(sqlite: Database.Database, provider = STRIPE_PROVIDER): StoredSecret | null {
  const row = statement(sqlite, 'SELECT sealing, secret, hint, created_at AS createdAt, updated_at AS updatedAt FROM provider_secrets WHERE provider = ?').get(provider) as
    | StoredSecret
    | undefined;
  return row ?? null;
}

export const OS_KEYCHAIN_ABSENT =
  "The Stripe key is in the desktop app's OS keychain, which this KeyHub cannot open. Connect again here, or sync from the desktop app.";

const VAULT_LOCKED = "The Stripe key is sealed with the signing keys' passphrase: unlock the signing keys first.";

const NO_PASSPHRASE =
  "KeyHub seals the Stripe key with the signing keys' passphrase, and none is set yet. Set one first (Signing keys), or keep the key in the OS keychain (desktop app).";

/** Whether the stored key can be read now, and why not when it cannot. */
export function secretUsability(ctx: ApiContext, stored: StoredSecret | null): { usable: boolean; reason: string | null } {
  if (!stored) return { usable: false, reason: 'Stripe is not connected.' };
  if (stored.sealing === 'os') {
    return ctx.osKeychain?.isAvailable() ? { usable: true, reason: null } : { usable: false, reason: OS_KEYCHAIN_ABSENT };
  }
  return ctx.vault.isUnlocked() ? { usable: true, reason: null } : { usable: false, reason: VAULT_LOCKED };
}

export const notConnected = () =>
  new KeyHubError('CONFLICT', 'Stripe is not connected. Connect it first (Settings → Stripe, or keyhub stripe connect).', { connected: false });

/** The stored key in the clear, for one sync or test; LOCKED when it cannot be opened now. */
export function openStripeKey(ctx: ApiContext): string {
  const stored = readStoredSecret(ctx.store.sqlite);
  if (!stored) throw notConnected();
  if (stored.sealing === 'os') {
    if (!ctx.osKeychain?.isAvailable()) throw new KeyHubError('LOCKED', OS_KEYCHAIN_ABSENT, { sealing: 'os' });
    return ctx.osKeychain.decrypt(stored.secret);
  }
  if (!ctx.vault.isUnlocked()) throw new KeyHubError('LOCKED', VAULT_LOCKED, { sealing: 'vault' });
  const plain = ctx.vault.openSecret(stored.secret);
  try {
    return Buffer.from(plain).toString('utf8');
  } finally {
    plain.fill(0);
  }
}

/**
 * Checks that the key can be sealed the way asked, before anything is tested or stored:
 * the OS keychain must be there, or the vault set and unlocked.
 */
export function checkCanSeal(ctx: ApiContext, useOsKeychain: boolean): void {
  if (useOsKeychain) {
    if (!ctx.osKeychain?.isAvailable()) {
      throw invalidField('useOsKeychain', 'This KeyHub has no OS keychain to keep the key in (only the desktop app has one, where the system provides it). Seal it with the passphrase instead.');
    }
    return;
  }
  const state = ctx.vault.status(ctx.store.db).state;
  if (state === 'unset') throw new KeyHubError('LOCKED', NO_PASSPHRASE, { sealing: 'vault' });
  if (state === 'locked') throw new KeyHubError('LOCKED', VAULT_LOCKED, { sealing: 'vault' });
}

const OS_KEYCHAIN_ABSENT_TO_MOVE =
  "The Stripe key is kept in the desktop app's OS keychain, which this KeyHub cannot reach. Change the address from the desktop app, or connect again here.";

/** Checks that a new key can be kept where the stored one is (replacing it), before anything is tested. */
export function checkCanReseal(ctx: ApiContext, sealing: Sealing): void {
  if (sealing === 'os' && !ctx.osKeychain?.isAvailable()) throw new KeyHubError('CONFLICT', OS_KEYCHAIN_ABSENT_TO_MOVE, { sealing: 'os' });
  if (sealing === 'vault') checkCanSeal(ctx, false);
}

/** The key sealed the chosen way (checkCanSeal first). */
export function sealStripeKey(ctx: ApiContext, key: string, useOsKeychain: boolean): { sealing: Sealing; secret: Buffer } {
  if (useOsKeychain) {
    if (!ctx.osKeychain) throw new KeyHubError('INTERNAL', 'The OS keychain went away while connecting.');
    return { sealing: 'os', secret: ctx.osKeychain.encrypt(key) };
  }
  const plain = Buffer.from(key, 'utf8');
  try {
    return { sealing: 'vault', secret: ctx.vault.sealSecret(plain) };
  } finally {
    plain.fill(0);
  }
}

/** Stores (or replaces) the sealed key; inside the caller's transaction. */
export function writeStoredSecret(sqlite: Database.Database, sealed: { sealing: Sealing; secret: Buffer }, hint: string, now: string, provider = STRIPE_PROVIDER): void {
  statement(
    sqlite,
    `INSERT INTO provider_secrets (provider, sealing, secret, hint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider) DO UPDATE SET sealing = excluded.sealing, secret = excluded.secret, hint = excluded.hint, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  ).run(provider, sealed.sealing, sealed.secret, hint, now, now);
}

/** Forgets the key; true when there was one. */
export function deleteStoredSecret(sqlite: Database.Database, provider = STRIPE_PROVIDER): boolean {
  return statement(sqlite, 'DELETE FROM provider_secrets WHERE provider = ?').run(provider).changes > 0;
}
