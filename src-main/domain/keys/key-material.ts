/**
 * Reads a secret key a vendor pastes in: a 32-byte seed or a 64-byte secret key
 * (seed + public key) as base64 or hex, or a PKCS#8 PEM. Messages never quote the key.
 */
import { createPrivateKey } from 'node:crypto';
import { invalidField } from '../../api/errors';
import { publicKeyFromSeed, SEED_BYTES } from '../../license/ed25519';
import { fromBase64, fromHex } from '../../license/verifier/encoding';

const FIELD = 'secret';

function fromPem(pem: string): Uint8Array {
  if (/-----BEGIN (ENCRYPTED PRIVATE KEY|.*PUBLIC KEY)-----/.test(pem)) {
    throw invalidField(
      FIELD,
      pem.includes('PUBLIC')
        ? 'This is a public key; importing needs the private key.'
        : 'This PEM is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem).',
    );
  }
  let key;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidField(FIELD, 'This PEM could not be read as a private key.');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw invalidField(FIELD, `This PEM holds a ${key.asymmetricKeyType ?? 'different'} key; KeyHub signs with Ed25519.`);
  }
  const d = key.export({ format: 'jwk' }).d;
  return Buffer.from(d ?? '', 'base64url');
}

function fromText(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const bytes = /^[0-9a-fA-F]+$/.test(compact) && compact.length % 2 === 0 ? fromHex(compact) : fromBase64(compact);
  if (!bytes) throw invalidField(FIELD, 'The key is neither hex nor base64, nor a PEM file.');
  return bytes;
}

/** The 32-byte seed of the pasted key; throws a field error that never quotes the key. */
export function parseSecretKey(input: string): Uint8Array {
  const text = input.trim();
  if (!text) throw invalidField(FIELD, 'Paste the secret key (base64, hex or PEM).');
  const bytes = text.startsWith('-----BEGIN') ? fromPem(text) : fromText(text);
  if (bytes.length === SEED_BYTES) return bytes;
  if (bytes.length === 2 * SEED_BYTES) {
    const seed = bytes.slice(0, SEED_BYTES);
    const derived = publicKeyFromSeed(seed);
    const given = bytes.subarray(SEED_BYTES);
    const matches = derived.every((byte, i) => byte === given[i]);
    bytes.fill(0);
    if (!matches) {
      seed.fill(0);
      throw invalidField(FIELD, 'The last 32 bytes are not the public key of the first 32: the key is damaged, or not an Ed25519 secret key.');
    }
    return seed;
  }
  const length = bytes.length;
  bytes.fill(0);
  throw invalidField(FIELD, `The key is ${length} bytes; an Ed25519 secret key is a 32-byte seed or 64 bytes (seed + public key).`);
}
