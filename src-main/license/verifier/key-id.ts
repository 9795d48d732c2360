/** Public keys and their fingerprints (FORMAT.md, "Key id"). */
import nacl from 'tweetnacl';
import { fromBase64, fromHex, toHex } from './encoding.js';

export const PUBLIC_KEY_BYTES = 32;

/** First 8 bytes of SHA-512 of the public key, as 16 lower-case hex digits. */
export function fingerprintOf(publicKey: Uint8Array): string {
  return toHex(nacl.hash(publicKey).subarray(0, 8));
}

/** A public key given as base64 or hex text (or raw bytes); null when it is not 32 bytes. */
export function parsePublicKey(key: string | Uint8Array): Uint8Array | null {
  if (typeof key !== 'string') return key.length === PUBLIC_KEY_BYTES ? key : null;
  const text = key.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? fromHex(text) : fromBase64(text);
  return bytes && bytes.length === PUBLIC_KEY_BYTES ? bytes : null;
}
