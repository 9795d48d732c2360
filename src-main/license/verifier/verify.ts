/** The verdict on a license file (FORMAT.md, "Verdict"). Depends on tweetnacl alone. */
import nacl from 'tweetnacl';
import { readArmor } from './armor.js';
import { normalizeDomain } from './domain-name.js';
import { fromBase64 } from './encoding.js';
import { readFields, type LicenseClaims } from './fields.js';
import { fingerprintOf, parsePublicKey } from './key-id.js';

export type ReasonCode =
  | 'OVERSIZED'
  | 'BAD_ARMOR'
  | 'BAD_FIELD'
  | 'UNSUPPORTED_FORMAT'
  | 'NO_TRUSTED_KEYS'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'WRONG_DOMAIN'
  | 'WRONG_APP'
  | 'MISSING_FEATURE'
  | 'MAINTENANCE_ENDED'
  | 'BAD_REQUEST';
export type WarningCode = 'IN_GRACE' | 'UNKNOWN_FIELD';

export interface Finding<C extends string> {
  code: C;
  message: string;
}

export interface VerifyOptions {
  /** Trusted public keys: base64 or hex text, or 32 raw bytes. */
  publicKeys: Array<string | Uint8Array>;
  /** The domain the product runs on, in any form a person writes it. */
  domain?: string;
  /** The app the product runs as (a GUID). */
  appId?: string;
  /** Feature codes the product needs. */
  features?: string[];
  /** The time to judge at (ISO text or Date); default now. */
  at?: string | Date;
  /** When this build of the product was released, checked against Maintenance-Ends. */
  releasedAt?: string | Date;
}

export interface Verdict {
  valid: boolean;
  reasons: Finding<ReasonCode>[];
  warnings: Finding<WarningCode>[];
  /** What the file states; trust it only when `signatureVerified`. Null when unreadable. */
  claims: LicenseClaims | null;
  signatureVerified: boolean;
}

/** Issued up to this far in the future still passes: clocks drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** "2026-11-21 09:30 UTC": how verdicts write times for a person. */
export function humanTime(iso: string | number): string {
  const text = new Date(iso).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

function timeOf(value: string | Date | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function unreadable(code: ReasonCode, message: string): Verdict {
  return { valid: false, reasons: [{ code, message }], warnings: [], claims: null, signatureVerified: false };
}

export function verifyLicense(file: string | Uint8Array, options: VerifyOptions): Verdict {
  const armor = readArmor(file);
  if (!armor.ok) return unreadable(armor.code, armor.message);
  const read = readFields(armor.armored.fields);
  if (!read.ok) return unreadable(read.code, read.message);
  const claims = read.claims;
  const signature = fromBase64(armor.armored.signature.value);
  if (!signature || signature.length !== nacl.sign.signatureLength) {
    return unreadable('BAD_FIELD', 'The Signature is not 64 bytes of base64: the file was damaged.');
  }
  const reasons: Finding<ReasonCode>[] = [];
  const warnings: Finding<WarningCode>[] = [];

  // Signature first: every other finding is about claims it vouches for.
  const keys = options.publicKeys.map((key) => parsePublicKey(key));
  const badKey = keys.findIndex((key) => key === null);
  let signatureVerified = false;
  if (badKey >= 0) {
    reasons.push({ code: 'BAD_REQUEST', message: `Trusted key ${badKey + 1} is not a 32-byte Ed25519 public key in base64 or hex.` });
  } else if (keys.length === 0) {
    reasons.push({ code: 'NO_TRUSTED_KEYS', message: 'No trusted public key was given to check the signature with.' });
  } else {
    const key = keys.find((k) => fingerprintOf(k!) === claims.keyId);
    if (!key) {
      reasons.push({ code: 'UNKNOWN_KEY', message: `Signed by key ${claims.keyId}, which is not among the trusted keys.` });
    } else if (!nacl.sign.detached.verify(armor.armored.message, signature, key)) {
      reasons.push({ code: 'BAD_SIGNATURE', message: 'The signature does not match: the file was changed after signing, or damaged.' });
    } else {
      signatureVerified = true;
    }
  }

  const now = Date.now();
  const at = timeOf(options.at, now);
  if (at === null) return unreadable('BAD_REQUEST', `The time to judge at, "${String(options.at)}", is not a time.`);
  const issued = Date.parse(claims.issued);
  if (issued > at + CLOCK_SKEW_MS) {
    reasons.push({ code: 'NOT_YET_VALID', message: `Issued in the future (${humanTime(issued)}): check the clock.` });
  }
  if (claims.expires !== null) {
    const expires = Date.parse(claims.expires);
    const graceEnds = expires + (claims.graceDays ?? 0) * DAY_MS;
    if (at >= graceEnds) {
      const grace = claims.graceDays ? `; the grace period ended ${humanTime(graceEnds)}` : '';
      reasons.push({ code: 'EXPIRED', message: `Expired on ${humanTime(expires)}${grace}.` });
    } else if (at >= expires) {
      warnings.push({ code: 'IN_GRACE', message: `Expired on ${humanTime(expires)}; works until ${humanTime(graceEnds)} (grace period). Renew it.` });
    }
  }

  if (options.domain !== undefined) {
    const asked = normalizeDomain(options.domain);
    if (!asked.ok) {
      reasons.push({ code: 'WRONG_DOMAIN', message: `The domain asked about is not usable: ${asked.reason}` });
    } else if (claims.kind !== 'domain') {
      reasons.push({ code: 'WRONG_DOMAIN', message: `This is a ${claims.kind} license, not a domain license for ${asked.domain}.` });
    } else if (claims.domain !== asked.domain) {
      reasons.push({ code: 'WRONG_DOMAIN', message: `Covers ${claims.domain}, not ${asked.domain}.` });
    }
  }
  if (options.appId !== undefined) {
    const asked = options.appId.trim().toLowerCase();
    if (claims.appId === undefined) {
      reasons.push({ code: 'WRONG_APP', message: `Not bound to an app; app ${asked} needs an app license.` });
    } else if (claims.appId !== asked) {
      reasons.push({ code: 'WRONG_APP', message: `Covers app ${claims.appId}, not ${asked}.` });
    }
  }
  const held = new Set(claims.features.map((code) => code.toLowerCase()));
  for (const code of options.features ?? []) {
    if (!held.has(code.trim().toLowerCase())) reasons.push({ code: 'MISSING_FEATURE', message: `Lacks feature ${code.trim()}.` });
  }
  if (options.releasedAt !== undefined && claims.maintenanceEnds !== undefined) {
    const released = timeOf(options.releasedAt, now);
    const ends = Date.parse(claims.maintenanceEnds);
    if (released === null) {
      reasons.push({ code: 'BAD_REQUEST', message: `The release time "${String(options.releasedAt)}" is not a time.` });
    } else if (released > ends) {
      reasons.push({
        code: 'MAINTENANCE_ENDED',
        message: `This version (released ${humanTime(released)}) came out after maintenance ended on ${humanTime(ends)}.`,
      });
    }
  }
  for (const [name, value] of Object.entries(claims.unknown)) {
    warnings.push({ code: 'UNKNOWN_FIELD', message: `Unknown field ${name}: "${value}" (signed, ignored by this verifier).` });
  }
  return { valid: reasons.length === 0, reasons, warnings, claims, signatureVerified };
}
