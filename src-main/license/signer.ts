/**
 * Writes license files (FORMAT.md). The payload is built once, in the canonical field
 * order, and the signature covers exactly those bytes.
 */
import { BEGIN_LINE, END_LINE, MAX_FILE_BYTES } from './verifier/armor';
import { toBase64, utf8 } from './verifier/encoding';
import { FORMAT_VERSION, isTime, MAX_GRACE_DAYS, MAX_MESSAGE_LENGTH, type LicenseKind } from './verifier/fields';
import { normalizeDomain } from './verifier/domain-name';

/** What KeyHub puts in a license file; the key id comes from the signing key. */
export interface LicenseTerms {
  kind: LicenseKind;
  licenseId: string | number;
  vendor: string;
  sku: string;
  owner: string;
  domain?: string;
  appId?: string;
  features?: string[];
  issued: string;
  expires: string | null;
  maintenanceEnds?: string | null;
  graceDays?: number | null;
  message?: string | null;
}

/** Signs message bytes with one Ed25519 key; `keyId` is its fingerprint. */
export interface Signer {
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

export class LicenseTermsError extends Error {
  constructor(
    readonly field: keyof LicenseTerms,
    message: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line no-control-regex -- a value must stay on its line
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A one-line value: trimmed, not empty, no control characters. */
function lineValue(field: keyof LicenseTerms, label: string, value: string, max = 256): string {
  const text = value.trim();
  if (!text) throw new LicenseTermsError(field, `${label} is empty.`);
  if (CONTROL.test(text)) throw new LicenseTermsError(field, `${label} must be one line without control characters.`);
  if (text.length > max) throw new LicenseTermsError(field, `${label} is longer than ${max} characters.`);
  return text;
}

/** A time in the format's form: KeyHub's canonical UTC ISO text. */
function timeValue(field: keyof LicenseTerms, label: string, value: string): string {
  if (!isTime(value)) throw new LicenseTermsError(field, `${label} "${value}" is not a UTC time.`);
  return value;
}

/** The signed payload: field lines in the canonical order, each ending in "\n". */
export function licensePayload(terms: LicenseTerms, keyId: string): string {
  const lines: Array<[string, string]> = [
    ['Format', String(FORMAT_VERSION)],
    ['Kind', terms.kind],
    ['Key-Id', keyId],
    ['License-Id', lineValue('licenseId', 'The license id', String(terms.licenseId))],
    ['Vendor', lineValue('vendor', 'The vendor name', terms.vendor, 1024)],
    ['SKU', lineValue('sku', 'The SKU code', terms.sku)],
    ['Owner', lineValue('owner', 'The owner name', terms.owner)],
  ];
  if (terms.kind === 'domain' || terms.domain !== undefined) {
    const normal = normalizeDomain(terms.domain ?? '');
    if (!normal.ok) throw new LicenseTermsError('domain', normal.reason);
    lines.push(['Domain', normal.domain]);
  }
  if (terms.kind === 'app' || terms.appId !== undefined) {
    const appId = (terms.appId ?? '').trim().toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(appId)) {
      throw new LicenseTermsError('appId', `App id "${terms.appId ?? ''}" is not a GUID.`);
    }
    lines.push(['App-Id', appId]);
  }
  if (terms.features?.length) lines.push(['Features', terms.features.join(', ')]);
  lines.push(['Issued', timeValue('issued', 'Issued', terms.issued)]);
  lines.push(['Expires', terms.expires === null ? 'never' : timeValue('expires', 'Expires', terms.expires)]);
  if (terms.maintenanceEnds) lines.push(['Maintenance-Ends', timeValue('maintenanceEnds', 'Maintenance end', terms.maintenanceEnds)]);
  if (terms.graceDays !== undefined && terms.graceDays !== null) {
    if (!Number.isInteger(terms.graceDays) || terms.graceDays < 0 || terms.graceDays > MAX_GRACE_DAYS) {
      throw new LicenseTermsError('graceDays', `The grace period must be 0 to ${MAX_GRACE_DAYS} whole days.`);
    }
    lines.push(['Grace-Days', String(terms.graceDays)]);
  }
  if (terms.message) lines.push(['Message', lineValue('message', 'The message', terms.message, MAX_MESSAGE_LENGTH)]);
  return lines.map(([name, value]) => `${name}: ${value}\n`).join('');
}

/** The whole file around a payload and its signature. */
export function armorLicense(payload: string, signature: Uint8Array): string {
  return `${BEGIN_LINE}\n${payload}Signature: ${toBase64(signature)}\n${END_LINE}\n`;
}

/** Throws when a file would pass the format's size limit (the verifier would refuse it). */
export function assertFileSize(file: string): void {
  const size = utf8(file).length;
  if (size > MAX_FILE_BYTES) {
    throw new LicenseTermsError(
      'message',
      `The license file would be ${size} bytes; the limit is ${MAX_FILE_BYTES}. Shorten the message, owner or feature list.`,
    );
  }
}

export function signLicense(terms: LicenseTerms, signer: Signer): string {
  const payload = licensePayload(terms, signer.keyId);
  const file = armorLicense(payload, signer.sign(utf8(payload)));
  assertFileSize(file);
  return file;
}
