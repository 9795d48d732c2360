/**
 * The key vault: one passphrase opens every signing key of a store. Unlocking derives
 * the secretbox key once and keeps it in memory for a bounded time; it is wiped on
 * lock, on idle, and when the bounded time ends. Secret keys are opened only for the
 * length of one signing job and wiped after it.
 *
 * The vault record (settings key `key_vault`) holds the KDF parameters and a sealed
 * check value, so a wrong passphrase is recognised even before any key exists. Every
 * key's `private_key_bytes` is a self-contained `Sealed` under the same parameters.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { privateKeys, providerSecrets, settings } from '../../../db/schema';
import { KeyHubError } from '../../api/errors';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { providerLabel } from '../sales/providers';
import {
  deriveKey,
  kdfParamsSchema,
  newKdfParams,
  open,
  seal,
  sealedFromBytes,
  sealedSchema,
  sealedToBytes,
  DEFAULT_KDF_COST,
  type KdfCost,
  type KdfParams,
} from './sealing';

const VAULT_SETTING = 'key_vault';
const CHECK_TEXT = new TextEncoder().encode('keyhub key vault check v1');
export const MIN_PASSPHRASE_LENGTH = 10;
export const DEFAULT_UNLOCK_MINUTES = 15;
export const MAX_UNLOCK_MINUTES = 8 * 60;
export const IDLE_LOCK_MINUTES = 10;

const vaultRecordSchema = z.object({ v: z.literal(1), kdf: kdfParamsSchema, check: sealedSchema });
type VaultRecord = z.infer<typeof vaultRecordSchema>;

export type VaultState = 'unset' | 'locked' | 'unlocked';
export interface VaultStatus {
  state: VaultState;
  /** When the unlock ends at the latest (ISO), while unlocked. */
  unlockedUntil: string | null;
  /** When it locks if nothing uses a key before then (ISO), while unlocked. */
  idleLockAt: string | null;
  idleMinutes: number;
  kdf: { name: string; N: number; r: number; p: number } | null;
}

export interface VaultOptions {
  /** KDF cost for new passphrases; tests lower it, the stored parameters always win. */
  kdfCost?: KdfCost;
  now?: () => number;
}

export const wrongPassphrase = () =>
  new KeyHubError('WRONG_PASSPHRASE', 'That passphrase does not open the signing keys. Nothing was changed.', {
    fields: { passphrase: 'Wrong passphrase.' },
  });

function readRecord(db: Db): VaultRecord | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, VAULT_SETTING)).get();
  return row ? vaultRecordSchema.parse(row.value) : null;
}

function writeRecord(db: Db, record: VaultRecord): void {
  db.insert(settings)
    .values({ key: VAULT_SETTING, value: record })
    .onConflictDoUpdate({ target: settings.key, set: { value: record, updatedAt: new Date().toISOString() } })
    .run();
}

function checkPassphraseRules(passphrase: string, field: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    const message = `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`;
    throw new KeyHubError('VALIDATION', message, { fields: { [field]: message } });
  }
}

export class KeyVault {
  private key: Uint8Array | null = null;
  private kdf: KdfParams | null = null;
  private unlockedUntil = 0;
  private lastUsed = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: VaultOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The KDF cost for passphrases set from now on (backups too). */
  get kdfCost(): KdfCost {
    return this.options.kdfCost ?? DEFAULT_KDF_COST;
  }

  status(db: Db): VaultStatus {
    this.expireIfDue();
    const record = readRecord(db);
    const kdf = record ? { name: record.kdf.name, N: record.kdf.N, r: record.kdf.r, p: record.kdf.p } : null;
    if (!record) return { state: 'unset', unlockedUntil: null, idleLockAt: null, idleMinutes: IDLE_LOCK_MINUTES, kdf };
    if (!this.key) return { state: 'locked', unlockedUntil: null, idleLockAt: null, idleMinutes: IDLE_LOCK_MINUTES, kdf };
    return {
      state: 'unlocked',
      unlockedUntil: new Date(this.unlockedUntil).toISOString(),
      idleLockAt: new Date(this.idleDeadline()).toISOString(),
      idleMinutes: IDLE_LOCK_MINUTES,
      kdf,
    };
  }

  /** Sets the first passphrase and leaves the vault unlocked. */
  async setup(db: Db, actor: string, passphrase: string, minutes = DEFAULT_UNLOCK_MINUTES): Promise<void> {
    checkPassphraseRules(passphrase, 'passphrase');
    if (readRecord(db)) throw new KeyHubError('CONFLICT', 'A passphrase is already set; unlock or change it instead.');
    const kdf = newKdfParams(this.kdfCost);
    const key = await deriveKey(passphrase, kdf);
    db.transaction((tx) => {
      if (readRecord(tx)) throw new KeyHubError('CONFLICT', 'A passphrase is already set; unlock or change it instead.');
      writeRecord(tx, { v: 1, kdf, check: seal(CHECK_TEXT, key, kdf) });
      recordAudit(tx, { actor, targetType: 'key_vault', targetId: 'vault', action: 'passphrase.set', details: { kdf: { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p } } });
    });
    this.hold(key, kdf, minutes);
  }

  async unlock(db: Db, actor: string, passphrase: string, minutes = DEFAULT_UNLOCK_MINUTES): Promise<void> {
    const record = readRecord(db);
    if (!record) throw new KeyHubError('LOCKED', 'No passphrase is set yet: set one before adding signing keys.');
    const key = await this.keyFor(record, passphrase);
    recordAudit(db, { actor, targetType: 'key_vault', targetId: 'vault', action: 'unlock', details: { minutes } });
    this.hold(key, record.kdf, minutes);
  }

  lock(): void {
    this.key?.fill(0);
    this.key = null;
    this.kdf = null;
    this.unlockedUntil = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Re-seals every key under a new passphrase in one transaction; a wrong current
   * passphrase, or a key it does not open, changes nothing.
   */
  async changePassphrase(db: Db, actor: string, current: string, next: string): Promise<void> {
    checkPassphraseRules(next, 'next');
    const record = readRecord(db);
    if (!record) throw new KeyHubError('LOCKED', 'No passphrase is set yet.');
    const oldKey = await this.keyFor(record, current);
    const kdf = newKdfParams(this.options.kdfCost ?? { N: record.kdf.N, r: record.kdf.r, p: record.kdf.p });
    const newKey = await deriveKey(next, kdf);
    try {
      db.transaction((tx) => {
        const rows = tx.select({ id: privateKeys.id, bytes: privateKeys.privateKeyBytes }).from(privateKeys).all();
        for (const row of rows) {
          const seed = open(sealedFromBytes(row.bytes), oldKey);
          if (!seed) throw new KeyHubError('INTERNAL', `Signing key ${row.id} is not sealed with the current passphrase.`);
          tx.update(privateKeys).set({ privateKeyBytes: sealedToBytes(seal(seed, newKey, kdf)) }).where(eq(privateKeys.id, row.id)).run();
          seed.fill(0);
        }
        // Provider secrets (a Stripe key) sealed with the passphrase move with it.
        const secrets = tx.select({ provider: providerSecrets.provider, secret: providerSecrets.secret }).from(providerSecrets).where(eq(providerSecrets.sealing, 'vault')).all();
        for (const row of secrets) {
          const plain = open(sealedFromBytes(row.secret), oldKey);
          if (!plain) throw new KeyHubError('INTERNAL', `The ${providerLabel(row.provider)} key is not sealed with the current passphrase.`);
          tx.update(providerSecrets).set({ secret: sealedToBytes(seal(plain, newKey, kdf)), updatedAt: new Date().toISOString() }).where(eq(providerSecrets.provider, row.provider)).run();
          plain.fill(0);
        }
        writeRecord(tx, { v: 1, kdf, check: seal(CHECK_TEXT, newKey, kdf) });
        recordAudit(tx, { actor, targetType: 'key_vault', targetId: 'vault', action: 'passphrase.change', details: { keys: rows.length, ...(secrets.length > 0 && { providerSecrets: secrets.map((r) => r.provider) }) } });
      });
    } catch (error) {
      newKey.fill(0);
      throw error;
    } finally {
      oldKey.fill(0);
    }
    if (this.key) this.hold(newKey, kdf, Math.max(1, Math.round((this.unlockedUntil - this.now()) / 60_000)));
    else newKey.fill(0);
  }

  /** Seals a new signing key's seed under the vault's passphrase; the vault must be unlocked. */
  seal(plain: Uint8Array): Buffer {
    const { key, kdf } = this.unlocked();
    return sealedToBytes(seal(plain, key, kdf));
  }

  /** Seals a provider's secret (an API key) like `seal`, without counting as a use of the signing keys. */
  sealSecret(plain: Uint8Array): Buffer {
    const { key, kdf } = this.unlocked({ touch: false });
    return sealedToBytes(seal(plain, key, kdf));
  }

  /**
   * Opens a secret `sealSecret()` made (a provider's API key); the vault must be unlocked. The
   * caller wipes the bytes when done. Not a use of the signing keys: a scheduled sync
   * opening its key must not keep the vault from locking when idle.
   */
  openSecret(sealed: Uint8Array): Uint8Array {
    const { key } = this.unlocked({ touch: false });
    const plain = open(sealedFromBytes(sealed), key);
    if (!plain) throw new KeyHubError('INTERNAL', 'This secret is not sealed with the current passphrase.');
    return plain;
  }

  /**
   * Opens one signing key's seed for `use`, then wipes it. The function may be async
   * (a bulk job): the seed lives until it settles.
   */
  async withSeed<T>(db: Db, keyId: number, use: (seed: Uint8Array) => T | Promise<T>): Promise<T> {
    const { key } = this.unlocked();
    const row = db.select({ bytes: privateKeys.privateKeyBytes }).from(privateKeys).where(eq(privateKeys.id, keyId)).get();
    if (!row) throw new KeyHubError('NOT_FOUND', `Signing key ${keyId} does not exist.`, { id: keyId });
    const seed = open(sealedFromBytes(row.bytes), key);
    if (!seed) throw new KeyHubError('INTERNAL', `Signing key ${keyId} is not sealed with the current passphrase.`);
    try {
      return await use(seed);
    } finally {
      seed.fill(0);
      this.touch();
    }
  }

  isUnlocked(): boolean {
    this.expireIfDue();
    return this.key !== null;
  }

  private async keyFor(record: VaultRecord, passphrase: string): Promise<Uint8Array> {
    const key = await deriveKey(passphrase, record.kdf);
    const check = open(record.check, key);
    if (!check) {
      key.fill(0);
      throw wrongPassphrase();
    }
    return key;
  }

  /** The vault's key; `touch` (the default) counts this as using the keys, postponing the idle lock. */
  private unlocked({ touch = true } = {}): { key: Uint8Array; kdf: KdfParams } {
    this.expireIfDue();
    if (!this.key || !this.kdf) {
      throw new KeyHubError('LOCKED', 'The signing keys are locked. Unlock them with the passphrase first.');
    }
    if (touch) this.touch();
    return { key: this.key, kdf: this.kdf };
  }

  private hold(key: Uint8Array, kdf: KdfParams, minutes: number): void {
    this.lock();
    const bounded = Math.min(Math.max(1, Math.round(minutes)), MAX_UNLOCK_MINUTES);
    this.key = key;
    this.kdf = kdf;
    this.unlockedUntil = this.now() + bounded * 60_000;
    this.touch();
  }

  private touch(): void {
    if (!this.key) return;
    this.lastUsed = this.now();
    this.schedule();
  }

  private idleDeadline(): number {
    return Math.min(this.unlockedUntil, this.lastUsed + IDLE_LOCK_MINUTES * 60_000);
  }

  private expireIfDue(): void {
    if (this.key && this.now() >= this.idleDeadline()) this.lock();
  }

  /** One timer for whichever comes first; unref'd so a CLI run can exit. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, this.idleDeadline() - this.now());
    this.timer = setTimeout(() => this.expireIfDue(), Math.min(delay + 50, 2 ** 31 - 1));
    this.timer.unref?.();
  }
}
