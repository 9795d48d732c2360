/**
 * A small license checker written from src-main/license/FORMAT.md alone, with only
 * node:crypto, to check the vectors independently of KeyHub's verifier and of the
 * generator (which states every expected verdict by hand).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

export interface CheckOptions { at: string; domain?: string; features?: string[]; appId?: string; releasedAt?: string }
export interface Verdict { valid: boolean; reasons: string[]; warnings: string[] }

const BEGIN = '-----BEGIN KEYHUB LICENSE-----';
const END = '-----END KEYHUB LICENSE-----';
const MAX_BYTES = 4096;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KNOWN = ['Format', 'Kind', 'Key-Id', 'License-Id', 'Vendor', 'SKU', 'Owner', 'Domain', 'App-Id', 'Features',
  'Issued', 'Expires', 'Maintenance-Ends', 'Grace-Days', 'Message', 'Signature'];
const REQUIRED = ['Format', 'Kind', 'Key-Id', 'License-Id', 'Vendor', 'SKU', 'Owner', 'Issued', 'Expires', 'Signature'];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const fail = (reason: string): Verdict => ({ valid: false, reasons: [reason], warnings: [] });

/** Milliseconds of a spec time, or NaN; the round trip refuses dates like 02-30. */
function parseTime(value: string): number {
  if (!TIME.test(value)) return NaN;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19) ? ms : NaN;
}

export const fingerprint = (publicKey: Buffer) => createHash('sha512').update(publicKey).digest().subarray(0, 8).toString('hex');

/** The domain normal form (FORMAT.md, "Domain names"), or null when refused. */
export function normalizeDomain(input: string): string | null {
  let host = input.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/)[0];
  host = host.slice(host.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.includes('*') || host.includes('[') || host === '') return null;
  try {
    host = new URL(`http://${host}`).hostname; // UTS #46 to punycode, as browsers do
  } catch {
    return null;
  }
  if (host.startsWith('www.')) host = host.slice(4);
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2) return null;
  if (!labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return null;
  // The URL parser only leaves an all-digit last label for an IPv4 address.
  return /^\d+$/.test(labels[labels.length - 1]) ? null : host;
}

/** The armor's non-blank, trimmed lines as raw strings (one char per byte), or null if the armor is broken. */
function armorLines(file: Buffer): string[] | null {
  const bom = file.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  // latin1 keeps every byte as one char, so text outside the armor need not be UTF-8.
  const lines = file.subarray(bom ? 3 : 0).toString('latin1').split(/\r\n|\r|\n/).map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ''));
  const begins = lines.flatMap((l, i) => (l === BEGIN ? [i] : []));
  const ends = lines.flatMap((l, i) => (l === END ? [i] : []));
  if (begins.length !== 1 || ends.length !== 1 || ends[0] < begins[0]) return null;
  return lines.slice(begins[0] + 1, ends[0]).filter((l) => l !== '');
}

export function check(file: Buffer, trustedKeys: string[], options: CheckOptions): Verdict {
  if (file.length > MAX_BYTES) return fail('OVERSIZED');
  const raw = armorLines(file);
  if (!raw || raw.length === 0) return fail('BAD_ARMOR');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fields: Array<[string, string]> = [];
  for (const line of raw) {
    let text: string;
    try {
      text = decoder.decode(Buffer.from(line, 'latin1'));
    } catch {
      return fail('BAD_ARMOR');
    }
    const m = /^([A-Z][A-Za-z0-9-]*): (.+)$/u.exec(text);
    if (!m || /\p{Cc}/u.test(text)) return fail('BAD_ARMOR');
    fields.push([m[1], m[2]]);
  }
  if (fields[0][0] !== 'Format' || fields[fields.length - 1][0] !== 'Signature') return fail('BAD_ARMOR');
  if (fields[0][1] !== '1') return fail('UNSUPPORTED_FORMAT');

  const f = new Map(fields);
  if (f.size !== fields.length || REQUIRED.some((n) => !f.has(n))) return fail('BAD_FIELD');
  const get = (n: string) => f.get(n) ?? '';
  const kind = get('Kind');
  const issued = parseTime(get('Issued'));
  const expires = get('Expires') === 'never' ? Infinity : parseTime(get('Expires'));
  const maintenanceEnds = f.has('Maintenance-Ends') ? parseTime(get('Maintenance-Ends')) : Infinity;
  const graceDays = f.has('Grace-Days') ? (/^\d{1,4}$/.test(get('Grace-Days')) ? Number(get('Grace-Days')) : NaN) : 0;
  const features = f.has('Features') ? get('Features').split(', ') : [];
  const signature = Buffer.from(get('Signature'), 'base64');
  const fieldOk = ['license', 'domain', 'app'].includes(kind)
    && /^[0-9a-f]{16}$/.test(get('Key-Id'))
    && (kind !== 'domain' || (f.has('Domain') && normalizeDomain(get('Domain')) === get('Domain')))
    && (kind !== 'app' || GUID.test(get('App-Id')))
    && features.every((c) => c !== '' && !/[, ]/.test(c))
    && !Number.isNaN(issued) && !Number.isNaN(expires) && !Number.isNaN(maintenanceEnds)
    && graceDays >= 0 && graceDays <= 3650
    && [...get('Message')].length <= 1024
    && signature.length === 64 && signature.toString('base64') === get('Signature');
  if (!fieldOk) return fail('BAD_FIELD');

  const reasons: string[] = [];
  const warnings: string[] = [];
  const keys = trustedKeys.map((k) => Buffer.from(k, /^[0-9a-fA-F]{64}$/.test(k) ? 'hex' : 'base64'));
  const key = keys.find((k) => fingerprint(k) === get('Key-Id'));
  if (!key) {
    reasons.push('UNKNOWN_KEY');
  } else {
    const message = Buffer.from(raw.slice(0, -1).map((l) => `${l}\n`).join(''), 'latin1');
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key]), format: 'der', type: 'spki' });
    if (!verify(null, message, publicKey, signature)) reasons.push('BAD_SIGNATURE');
  }

  const at = Date.parse(options.at);
  if (issued > at + 5 * 60_000) reasons.push('NOT_YET_VALID');
  if (at >= expires + graceDays * 86_400_000) reasons.push('EXPIRED');
  else if (at >= expires) warnings.push('IN_GRACE');
  if (options.domain !== undefined) {
    const asked = normalizeDomain(options.domain);
    if (kind !== 'domain' || asked === null || asked !== get('Domain')) reasons.push('WRONG_DOMAIN');
  }
  if (options.appId !== undefined && (kind !== 'app' || options.appId.toLowerCase() !== get('App-Id'))) reasons.push('WRONG_APP');
  const have = features.map((c) => c.toLowerCase());
  if (options.features?.some((c) => !have.includes(c.toLowerCase()))) reasons.push('MISSING_FEATURE');
  if (options.releasedAt !== undefined && Date.parse(options.releasedAt) > maintenanceEnds) reasons.push('MAINTENANCE_ENDED');
  if (fields.some(([n]) => !KNOWN.includes(n))) warnings.push('UNKNOWN_FIELD');
  return { valid: reasons.length === 0, reasons, warnings };
}
