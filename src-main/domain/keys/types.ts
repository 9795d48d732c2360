/** What the API tells about signing keys: ids, names and public keys, never a secret. */
import type { SkuRef } from '../catalog/types';

export interface SigningKeyRow {
  id: number;
  vendorId: number;
  vendorName: string;
  displayName: string;
  /** 16 hex digits; the `Key-Id` of every file it signs. */
  fingerprint: string;
  /** Standard base64 of the 32-byte public key. */
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
  skuCount: number;
  /** Licenses and domain licenses whose current file this key signed. */
  signedCount: number;
}

export interface PublicKeySnippet {
  language: string;
  label: string;
  code: string;
}

export interface SigningKeyDetail extends SigningKeyRow {
  publicKeyHex: string;
  skus: SkuRef[];
  snippets: PublicKeySnippet[];
}

export interface KeyBackupFile {
  fileName: string;
  /** The backup file's text: JSON holding keys sealed under the backup passphrase. */
  content: string;
  keyCount: number;
}

export interface RestoreResult {
  restored: SigningKeyRow[];
  /** Fingerprints already in this store, left as they were. */
  skipped: string[];
}
