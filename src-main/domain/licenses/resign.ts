/**
 * Re-signing a stored file: its terms are read back from the file itself (never rebuilt
 * from other rows), only what changed is replaced, and it is signed with the key given
 * (the SKU's current key). Rotation, renewals, transfers and owner edits all use this.
 */
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import { nodeSigner } from '../../license/ed25519';
import { signLicense, type LicenseTerms, type Signer } from '../../license/signer';
import { readArmor } from '../../license/verifier/armor';
import { readFields, type LicenseClaims } from '../../license/verifier/fields';
import type { Db } from '../../store/open';

/** The terms a file states, in the form the signer takes. */
export function termsOf(claims: LicenseClaims): LicenseTerms {
  return {
    kind: claims.kind,
    licenseId: claims.licenseId,
    vendor: claims.vendor,
    sku: claims.sku,
    owner: claims.owner,
    domain: claims.domain,
    appId: claims.appId,
    features: claims.features,
    issued: claims.issued,
    expires: claims.expires,
    maintenanceEnds: claims.maintenanceEnds,
    graceDays: claims.graceDays,
    message: claims.message,
  };
}

/** A stored file's claims, or why it cannot be read back. */
export function storedClaims(bytes: Uint8Array | null | undefined): { ok: true; claims: LicenseClaims } | { ok: false; reason: string } {
  if (!bytes) return { ok: false, reason: 'it has no signed file' };
  const armor = readArmor(new Uint8Array(bytes));
  if (!armor.ok) return { ok: false, reason: armor.message };
  const fields = readFields(armor.armored.fields);
  return fields.ok ? { ok: true, claims: fields.claims } : { ok: false, reason: fields.message };
}

/** A stored file's terms, or null when it cannot be read back. */
export function storedTerms(bytes: Uint8Array | null | undefined): LicenseTerms | null {
  const read = storedClaims(bytes);
  return read.ok ? termsOf(read.claims) : null;
}

/** The signed terms a change may touch. */
export type TermChanges = Partial<Pick<LicenseTerms, 'owner' | 'expires'>>;

/**
 * The file re-signed with `signer`, its terms read back from `bytes` with `changes`
 * applied. `label` names the row in the refusal ("license 12").
 */
export function resignedFile(label: string, bytes: Uint8Array | null | undefined, changes: TermChanges, signer: Signer): string {
  const read = storedClaims(bytes);
  if (!read.ok) throw unreadable(label, read.reason);
  return signLicense({ ...termsOf(read.claims), ...changes }, signer);
}

export function unreadable(label: string, reason: string): KeyHubError {
  return new KeyHubError('INTERNAL', `The stored file of ${label} cannot be read back (${reason}), so it cannot be re-signed. Nothing was changed.`);
}

export interface OpenKey {
  /** The key's row id (signing_key_id). */
  keyId: number;
  signer: Signer;
}

/**
 * Opens the signing key and runs `change` in one transaction with it. A locked vault
 * throws LOCKED before the transaction starts, so nothing changes.
 */
export function inSigningTransaction<T>(ctx: ApiContext, keyId: number, change: (tx: Db, key: OpenKey) => T): Promise<T> {
  return ctx.vault.withSeed(ctx.store.db, keyId, (seed) => {
    const signer = nodeSigner(seed);
    return ctx.store.db.transaction((tx) => change(tx, { keyId, signer }));
  });
}
