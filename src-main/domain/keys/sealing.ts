/**
 * Encryption at rest: passphrase -> scrypt (memory-hard; parameters stored beside the
 * ciphertext so they can be raised later) -> NaCl secretbox.
 */
import { randomBytes, scrypt } from 'node:crypto';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { fromBase64, toBase64 } from '../../license/verifier/encoding';

export const kdfParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2 ** 10).max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export const sealedSchema = z.object({
  v: z.literal(1),
  kdf: kdfParamsSchema,
  nonce: z.string(),
  box: z.string(),
});
/** One encrypted secret, self-contained: with the passphrase alone it can be opened. */
export type Sealed = z.infer<typeof sealedSchema>;

/** 64 MiB and ~0.25 s on a 2-core laptop: slow for guessing, quick enough for a person. */
export const DEFAULT_KDF_COST = { N: 2 ** 16, r: 8, p: 1 } as const;
export type KdfCost = { N: number; r: number; p: number };

export function newKdfParams(cost: KdfCost = DEFAULT_KDF_COST): KdfParams {
  return { name: 'scrypt', ...cost, salt: toBase64(randomBytes(16)) };
}

/** The 32-byte secretbox key for a passphrase. The caller wipes it when done. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  const salt = fromBase64(kdf.salt);
  if (!salt) return Promise.reject(new Error('The stored key-derivation salt is damaged.'));
  const maxmem = 128 * kdf.N * kdf.r * kdf.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, nacl.secretbox.keyLength, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.length));
    });
  });
}

export function seal(plain: Uint8Array, key: Uint8Array, kdf: KdfParams): Sealed {
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  return { v: 1, kdf, nonce: toBase64(nonce), box: toBase64(nacl.secretbox(plain, nonce, key)) };
}

/** The plain bytes, or null when the key is wrong (or the box was changed). */
export function open(sealed: Sealed, key: Uint8Array): Uint8Array | null {
  const nonce = fromBase64(sealed.nonce);
  const box = fromBase64(sealed.box);
  if (!nonce || !box || nonce.length !== nacl.secretbox.nonceLength) return null;
  return nacl.secretbox.open(box, nonce, key);
}

export const sealedToBytes = (sealed: Sealed): Buffer => Buffer.from(JSON.stringify(sealed), 'utf8');

export function sealedFromBytes(bytes: Uint8Array): Sealed {
  return sealedSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}

export const sameKdf = (a: KdfParams, b: KdfParams): boolean =>
  a.N === b.N && a.r === b.r && a.p === b.p && a.salt === b.salt;
