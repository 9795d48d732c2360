/** Reads and checks the fields of format 1 (FORMAT.md, "Fields"). */
import type { FieldLine } from './armor.js';
import { normalizeDomain } from './domain-name.js';

export const FORMAT_VERSION = 1;
export const LICENSE_KINDS = ['license', 'domain', 'app'] as const;
export type LicenseKind = (typeof LICENSE_KINDS)[number];

/** What a license file states. Optional fields are absent when the file leaves them out. */
export interface LicenseClaims {
  format: number;
  kind: LicenseKind;
  keyId: string;
  licenseId: string;
  vendor: string;
  sku: string;
  owner: string;
  domain?: string;
  appId?: string;
  features: string[];
  issued: string;
  /** null: perpetual ("never"). */
  expires: string | null;
  maintenanceEnds?: string;
  graceDays?: number;
  message?: string;
  /** Fields this format does not know: signed, shown, never part of the verdict. */
  unknown: Record<string, string>;
}

export const KNOWN_FIELDS = [
  'Format',
  'Kind',
  'Key-Id',
  'License-Id',
  'Vendor',
  'SKU',
  'Owner',
  'Domain',
  'App-Id',
  'Features',
  'Issued',
  'Expires',
  'Maintenance-Ends',
  'Grace-Days',
  'Message',
] as const;
export type FieldName = (typeof KNOWN_FIELDS)[number];

export const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FEATURE_CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const MAX_MESSAGE_LENGTH = 1024;
export const MAX_GRACE_DAYS = 3650;

export type FieldsResult =
  | { ok: true; claims: LicenseClaims }
  | { ok: false; code: 'BAD_FIELD' | 'UNSUPPORTED_FORMAT'; message: string };

/** A real UTC time in the format's form (rejects 2026-02-30). */
export function isTime(value: string): boolean {
  if (!TIME.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}

export function readFields(lines: FieldLine[]): FieldsResult {
  const bad = (message: string): FieldsResult => ({ ok: false, code: 'BAD_FIELD', message });
  const values = new Map<string, string>();
  for (const line of lines) {
    if (values.has(line.name)) return bad(`The field ${line.name} appears twice (line ${line.lineNumber}).`);
    values.set(line.name, line.value);
  }
  const format = values.get('Format');
  if (format === undefined) return bad('The required field Format is missing.');
  if (!/^\d+$/.test(format)) return bad(`Format "${format}" is not a number.`);
  if (Number(format) !== FORMAT_VERSION) {
    return {
      ok: false,
      code: 'UNSUPPORTED_FORMAT',
      message: `This is a format ${format} license file; this verifier reads format ${FORMAT_VERSION}. Update the product or its KeyHub verifier.`,
    };
  }

  for (const name of ['Kind', 'Key-Id', 'License-Id', 'Vendor', 'SKU', 'Owner', 'Issued', 'Expires'] as const) {
    if (!values.has(name)) return bad(`The required field ${name} is missing.`);
  }
  const get = (name: FieldName) => values.get(name);
  const kind = get('Kind')!;
  if (!(LICENSE_KINDS as readonly string[]).includes(kind)) return bad(`Kind "${kind}" is not license, domain or app.`);
  const keyId = get('Key-Id')!;
  if (!KEY_ID.test(keyId)) return bad(`Key-Id "${keyId}" is not 16 lower-case hex digits.`);

  const issued = get('Issued')!;
  if (!isTime(issued)) return bad(`Issued "${issued}" is not a UTC time like 2026-11-21T09:30:00Z.`);
  const expiresText = get('Expires')!;
  if (expiresText !== 'never' && !isTime(expiresText)) {
    return bad(`Expires "${expiresText}" is neither "never" nor a UTC time like 2027-11-21T09:30:00Z.`);
  }
  const maintenanceEnds = get('Maintenance-Ends');
  if (maintenanceEnds !== undefined && !isTime(maintenanceEnds)) {
    return bad(`Maintenance-Ends "${maintenanceEnds}" is not a UTC time.`);
  }
  const graceText = get('Grace-Days');
  if (graceText !== undefined && !(/^\d{1,4}$/.test(graceText) && Number(graceText) <= MAX_GRACE_DAYS)) {
    return bad(`Grace-Days "${graceText}" is not a whole number of days from 0 to ${MAX_GRACE_DAYS}.`);
  }
  const message = get('Message');
  if (message !== undefined && message.length > MAX_MESSAGE_LENGTH) {
    return bad(`Message is longer than ${MAX_MESSAGE_LENGTH} characters.`);
  }

  const featuresText = get('Features');
  const features = featuresText === undefined ? [] : featuresText.split(', ');
  const badFeature = features.find((code) => !FEATURE_CODE.test(code));
  if (badFeature !== undefined) return bad(`Features holds "${badFeature}", which is not a feature code.`);

  const domain = get('Domain');
  if (domain !== undefined) {
    const normal = normalizeDomain(domain);
    if (!normal.ok || normal.domain !== domain) return bad(`Domain "${domain}" is not a domain name in normal form.`);
  }
  if (kind === 'domain' && domain === undefined) return bad('A domain license must name its Domain.');
  const appId = get('App-Id');
  if (appId !== undefined && !GUID.test(appId)) return bad(`App-Id "${appId}" is not a lower-case GUID.`);
  if (kind === 'app' && appId === undefined) return bad('An app license must name its App-Id.');

  const unknown: Record<string, string> = {};
  for (const [name, value] of values) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(name)) unknown[name] = value;
  }
  return {
    ok: true,
    claims: {
      format: FORMAT_VERSION,
      kind: kind as LicenseKind,
      keyId,
      licenseId: get('License-Id')!,
      vendor: get('Vendor')!,
      sku: get('SKU')!,
      owner: get('Owner')!,
      ...(domain !== undefined && { domain }),
      ...(appId !== undefined && { appId }),
      features,
      issued,
      expires: expiresText === 'never' ? null : expiresText,
      ...(maintenanceEnds !== undefined && { maintenanceEnds }),
      ...(graceText !== undefined && { graceDays: Number(graceText) }),
      ...(message !== undefined && { message }),
      unknown,
    },
  };
}
