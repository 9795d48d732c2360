/**
 * Writes the license-format test vectors (see README.md). Independent of KeyHub's own
 * signer and verifier: only node:crypto and src-main/license/FORMAT.md. Every expected
 * verdict below is written by hand from the spec, not computed by a verifier.
 *
 *   npx tsx test/vectors/generate.mts
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BEGIN = '-----BEGIN KEYHUB LICENSE-----';
const END = '-----END KEYHUB LICENSE-----';
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

interface TestKey {
  name: string;
  description: string;
  seedText: string;
  seed: Buffer;
  privateKey: KeyObject;
  publicKey: Buffer;
  keyId: string;
}

function testKey(n: number, description: string): TestKey {
  const seedText = `keyhub test vector key ${n}`;
  const seed = createHash('sha256').update(seedText).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = createHash('sha512').update(publicKey).digest().subarray(0, 8).toString('hex');
  return { name: `key${n}`, description, seedText, seed, privateKey, publicKey, keyId };
}

const KEY1 = testKey(1, "The vendor's signing key.");
const KEY2 = testKey(2, "The vendor's next key (key rotation).");
const KEY3 = testKey(3, 'A key no vendor trusts.');

const DAY = 86_400_000;
const MINUTE = 60_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const AT = '2027-03-01T12:00:00.000Z';
const ISSUED = '2026-11-21T09:30:00.000Z';
const EXPIRES = '2027-11-21T09:30:00.000Z';
const APP_ID = '5f0c6e2a-9b1d-4c37-8e54-a1d2c3b4e5f6';

// The order the signer writes; fields not listed here (unknown ones) go after Message.
const ORDER = ['Format', 'Kind', 'Key-Id', 'License-Id', 'Vendor', 'SKU', 'Owner', 'Domain', 'App-Id', 'Features',
  'Issued', 'Expires', 'Maintenance-Ends', 'Grace-Days', 'Message'];

type Values = Record<string, string | undefined>;

const LICENSE: Values = {
  Format: '1', Kind: 'license', 'License-Id': '42', Vendor: 'Imazen', SKU: 'R3Bundle1Ent', Owner: 'Kathrin Fretz',
  Features: 'R3Elite, R3Performance', Issued: ISSUED, Expires: 'never', 'Maintenance-Ends': EXPIRES,
  Message: 'Thank you for buying Resizer.',
};
const EXPIRING: Values = { ...LICENSE, Expires: EXPIRES, 'Grace-Days': '14' };
const DOMAIN: Values = { ...EXPIRING, Kind: 'domain', Domain: 'example.com' };
const APP: Values = { ...EXPIRING, Kind: 'app', 'App-Id': APP_ID };
const MINIMAL: Values = { ...LICENSE, Features: undefined, 'Maintenance-Ends': undefined, Message: undefined };

/** Field lines (no Signature) in the signer's order; Key-Id defaults to the signing key's. */
function lines(key: TestKey, values: Values): string[] {
  const all: Values = { 'Key-Id': key.keyId, ...values };
  const names = [...ORDER, ...Object.keys(all).filter((n) => !ORDER.includes(n))];
  return names.filter((n) => all[n] !== undefined).map((n) => `${n}: ${all[n]}`);
}

/** The Signature line over the given field lines, each + LF (FORMAT.md, "What the signature covers"). */
function signatureLine(key: TestKey, fieldLines: string[]): string {
  const message = Buffer.from(fieldLines.map((l) => `${l}\n`).join(''), 'utf8');
  return `Signature: ${sign(null, message, key.privateKey).toString('base64')}`;
}

const armor = (allLines: string[]) => [BEGIN, ...allLines, END, ''].join('\n');
const signed = (key: TestKey, fieldLines: string[]) => armor([...fieldLines, signatureLine(key, fieldLines)]);
const license = (key: TestKey, values: Values) => signed(key, lines(key, values));
/** Signs the field lines as edited, so the edit is the file's one fault. */
const signedEdit = (key: TestKey, values: Values, edit: (l: string[]) => string[]) => signed(key, edit(lines(key, values)));

/** Replaces exactly one occurrence, so a typo in a vector fails loudly. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function flipSignatureBit(text: string): string {
  const b64 = /^Signature: (.+)$/m.exec(text)![1];
  const sig = Buffer.from(b64, 'base64');
  sig[10] ^= 0x01;
  return replaceOnce(text, b64, sig.toString('base64'));
}

/** The license as a mail client might deliver it: BOM, CRLF, quoting text, indentation, blank lines. */
function pastedIntoEmail(text: string): string {
  const body = text.trimEnd().split('\n').flatMap((line, i) => {
    const messy = i % 2 ? `  ${line} \t` : `\t${line}  `;
    return i % 4 === 1 ? [messy, i % 8 === 1 ? '' : '   '] : [messy];
  });
  return `\uFEFF${['Hi Kathrin,', '', 'here is your license:', '', ...body, '', 'Best regards,', 'Imazen sales', ''].join('\r\n')}`;
}

/** Pads with a mail signature after END to exactly `size` bytes. */
function paddedTo(text: string, size: number): string {
  const tail = '\n-- \nImazen sales\n';
  const fill = size - Buffer.byteLength(text + tail) - 1;
  return `${text}${tail}${'.'.repeat(fill)}\n`;
}

interface Options { at: string; domain?: string; features?: string[]; appId?: string; releasedAt?: string }
interface Vector {
  name: string;
  description: string;
  text: string;
  trusted?: TestKey[];
  options?: Omit<Options, 'at'> & { at?: string };
  reasons?: string[];
  warnings?: string[];
  /** Exactly the bytes KeyHub's signer writes for these fields. */
  canonical?: boolean;
}

function vectors(): Vector[] {
  const perpetual = license(KEY1, LICENSE);
  const domain = license(KEY1, DOMAIN);
  return [
    // Valid
    { name: 'valid-license', canonical: true, text: perpetual,
      description: 'Kind license, Expires never, features and maintenance, signed by key1.',
      options: { features: ['R3Elite'] } },
    { name: 'valid-minimal', canonical: true, text: license(KEY1, MINIMAL),
      description: 'Only the required fields.' },
    { name: 'valid-domain', canonical: true, text: domain,
      description: 'Domain license for example.com, asked for example.com.',
      options: { domain: 'example.com', features: ['R3Elite', 'R3Performance'] } },
    { name: 'valid-app', canonical: true, text: license(KEY1, APP),
      description: 'App license, asked for its app id.', options: { appId: APP_ID } },
    { name: 'valid-app-id-asked-upper-case', text: license(KEY1, APP),
      description: 'A GUID is case-insensitive (RFC 9562): the asked app id is compared lower-cased.',
      options: { appId: APP_ID.toUpperCase() } },
    { name: 'valid-pasted-in-email', text: pastedIntoEmail(perpetual),
      description: 'valid-license with a BOM, CRLF, mail text around it, indentation, trailing spaces and tabs, blank lines.' },
    { name: 'valid-cr-line-endings', text: perpetual.replaceAll('\n', '\r'),
      description: 'valid-license with CR line endings.' },
    { name: 'valid-exactly-4096-bytes', text: paddedTo(perpetual, 4096),
      description: 'valid-license padded with text after END to exactly the 4096-byte limit.' },
    { name: 'valid-unknown-field', text: license(KEY1, { ...LICENSE, 'Support-Plan': 'Gold' }),
      description: 'An unknown (signed) field never changes the verdict; it is reported.', warnings: ['UNKNOWN_FIELD'] },
    { name: 'valid-non-ascii-owner', text: license(KEY1, { ...LICENSE, Owner: 'Jürgen Weiß (株式会社イマゼン)' }),
      description: 'The owner name is UTF-8; the signature covers its UTF-8 bytes.' },
    { name: 'valid-times-without-milliseconds', description: 'Times in the YYYY-MM-DDTHH:MM:SSZ form.',
      text: license(KEY1, { ...EXPIRING, Issued: '2026-11-21T09:30:00Z', Expires: '2027-11-21T09:30:00Z',
        'Maintenance-Ends': '2027-11-21T09:30:00Z' }) },
    { name: 'valid-key-rotation', text: license(KEY2, LICENSE), trusted: [KEY1, KEY2],
      description: 'Two trusted keys; the file is signed by the second, and Key-Id picks it.' },
    { name: 'valid-in-grace', text: license(KEY1, EXPIRING), options: { at: plus(EXPIRES, 3 * DAY) },
      description: 'Judged 3 days after Expires with Grace-Days 14.', warnings: ['IN_GRACE'] },
    { name: 'valid-in-grace-at-expires', text: license(KEY1, EXPIRING), options: { at: EXPIRES },
      description: 'Judged exactly at Expires with Grace-Days 14: the grace period has begun.', warnings: ['IN_GRACE'] },
    { name: 'valid-issued-4-minutes-ahead', text: license(KEY1, { ...LICENSE, Issued: plus(AT, 4 * MINUTE) }),
      description: 'Issued 4 minutes after the time judged at: within the 5-minute clock allowance.' },
    { name: 'valid-issued-5-minutes-ahead', text: license(KEY1, { ...LICENSE, Issued: plus(AT, 5 * MINUTE) }),
      description: 'Issued exactly 5 minutes after the time judged at: not "more than" 5 minutes.' },
    { name: 'valid-domain-asked-as-url', text: domain, options: { domain: 'https://WWW.Example.com:8443/path' },
      description: 'The asked domain normalises to example.com (scheme, case, port, path, www.).' },
    { name: 'valid-domain-asked-with-user-and-dot', text: domain,
      options: { domain: ' http://admin@www.example.com.:8080/shop?x=1#top ' },
      description: 'The asked domain normalises to example.com (spaces, user info, trailing dot, query, fragment).' },
    { name: 'valid-idn-domain', text: license(KEY1, { ...DOMAIN, Domain: 'xn--bcher-kva.de' }),
      options: { domain: 'www.Bücher.de' }, description: 'Domain stored in punycode, asked in Unicode.' },
    { name: 'valid-features-any-case', text: perpetual, options: { features: ['r3elite', 'R3PERFORMANCE'] },
      description: 'Asked feature codes are compared ignoring case.' },
    { name: 'valid-release-before-maintenance-ends', text: perpetual, options: { releasedAt: EXPIRES },
      description: 'Released exactly at Maintenance-Ends: not after it.' },
    { name: 'valid-release-without-maintenance-field', text: license(KEY1, MINIMAL),
      options: { releasedAt: '2040-01-01T00:00:00.000Z' }, description: 'No Maintenance-Ends: every release is covered.' },

    // Signature and key
    { name: 'tampered-field', text: replaceOnce(perpetual, 'Owner: Kathrin Fretz', 'Owner: Kathrin Gretz'),
      description: 'One bit of the Owner value flipped after signing (F to G).', reasons: ['BAD_SIGNATURE'] },
    { name: 'tampered-signature', text: flipSignatureBit(perpetual),
      description: 'One bit of the signature flipped (still valid base64 of 64 bytes).', reasons: ['BAD_SIGNATURE'] },
    { name: 'line-removed', text: replaceOnce(perpetual, 'Message: Thank you for buying Resizer.\n', ''),
      description: 'The optional Message line removed after signing.', reasons: ['BAD_SIGNATURE'] },
    { name: 'unknown-key', text: license(KEY3, LICENSE),
      description: 'Signed by key3; only key1 is trusted, so Key-Id names no trusted key.', reasons: ['UNKNOWN_KEY'] },
    { name: 'key-id-of-other-key', text: license(KEY2, { ...LICENSE, 'Key-Id': KEY1.keyId }), trusted: [KEY1, KEY2],
      description: "Key-Id names key1 but key2 signed it; both trusted. Only the named key may be tried.",
      reasons: ['BAD_SIGNATURE'] },
    { name: 'tampered-and-expired', options: { at: plus(EXPIRES, 30 * DAY) },
      text: replaceOnce(license(KEY1, EXPIRING), 'License-Id: 42', 'License-Id: 43'),
      description: 'License-Id changed after signing, and judged after Expires plus grace: every failure is listed.',
      reasons: ['BAD_SIGNATURE', 'EXPIRED'] },

    // Times
    { name: 'expired', text: license(KEY1, { ...EXPIRING, 'Grace-Days': undefined }), options: { at: plus(EXPIRES, DAY) },
      description: 'Judged a day after Expires, no Grace-Days.', reasons: ['EXPIRED'] },
    { name: 'expired-at-expires', text: license(KEY1, { ...EXPIRING, 'Grace-Days': undefined }), options: { at: EXPIRES },
      description: 'Judged exactly at Expires, no grace: "at or after" Expires is expired.', reasons: ['EXPIRED'] },
    { name: 'expired-past-grace', text: license(KEY1, EXPIRING), options: { at: plus(EXPIRES, 14 * DAY) },
      description: 'Judged exactly at Expires plus Grace-Days 14.', reasons: ['EXPIRED'] },
    { name: 'not-yet-valid', text: license(KEY1, { ...LICENSE, Issued: plus(AT, 60 * MINUTE) }),
      description: 'Issued an hour after the time judged at (a clock behind).', reasons: ['NOT_YET_VALID'] },
    { name: 'not-yet-valid-by-1-ms', text: license(KEY1, { ...LICENSE, Issued: plus(AT, 5 * MINUTE + 1) }),
      description: 'Issued 5 minutes and 1 millisecond after the time judged at.', reasons: ['NOT_YET_VALID'] },
    { name: 'maintenance-ended', text: perpetual, options: { releasedAt: plus(EXPIRES, DAY) },
      description: 'The product was released a day after Maintenance-Ends.', reasons: ['MAINTENANCE_ENDED'] },

    // Domain, app, features
    { name: 'wrong-domain', text: domain, options: { domain: 'shop.example.com' },
      description: 'A license for example.com does not cover shop.example.com.', reasons: ['WRONG_DOMAIN'] },
    { name: 'domain-asked-of-license-kind', text: perpetual, options: { domain: 'example.com' },
      description: 'A domain was asked and the file is not a domain license.', reasons: ['WRONG_DOMAIN'] },
    { name: 'expired-and-wrong-domain', text: domain, options: { domain: 'example.org', at: plus(EXPIRES, 20 * DAY) },
      description: 'Both past grace and for another domain: both reasons.', reasons: ['EXPIRED', 'WRONG_DOMAIN'] },
    { name: 'wrong-app', text: license(KEY1, APP), options: { appId: '0b9d3c1e-7a2f-4e8b-9c6d-5e4f3a2b1c0d' },
      description: 'Asked for another app id.', reasons: ['WRONG_APP'] },
    { name: 'app-asked-of-license-kind', text: perpetual, options: { appId: APP_ID },
      description: 'An app id was asked and the file is not bound to an app.', reasons: ['WRONG_APP'] },
    { name: 'missing-feature', text: perpetual, options: { features: ['R3Elite', 'R3Creative'] },
      description: 'R3Creative is not in Features.', reasons: ['MISSING_FEATURE'] },
    { name: 'missing-feature-no-features-field', text: license(KEY1, MINIMAL), options: { features: ['R3Elite'] },
      description: 'No Features field means no features.', reasons: ['MISSING_FEATURE'] },

    // Size and armor: the only reason
    { name: 'oversized', text: paddedTo(perpetual, 4097),
      description: 'valid-license padded to 4097 bytes: refused before reading.', reasons: ['OVERSIZED'] },
    { name: 'truncated', text: perpetual.slice(0, Math.floor(perpetual.length / 2)),
      description: 'Cut mid-way: no END line.', reasons: ['BAD_ARMOR'] },
    { name: 'two-armors', text: `${perpetual}\n${perpetual}`,
      description: 'The same armor twice: a file holds exactly one.', reasons: ['BAD_ARMOR'] },
    { name: 'no-begin', text: replaceOnce(perpetual, `${BEGIN}\n`, ''),
      description: 'The BEGIN line is missing.', reasons: ['BAD_ARMOR'] },
    { name: 'signature-not-last', description: 'The Signature line comes before Message.', reasons: ['BAD_ARMOR'],
      text: (() => {
        const fieldLines = lines(KEY1, LICENSE);
        return armor([...fieldLines.slice(0, -1), signatureLine(KEY1, fieldLines), fieldLines.at(-1)!]);
      })() },
    { name: 'format-not-first', description: 'Kind comes before Format (signed as written).', reasons: ['BAD_ARMOR'],
      text: signedEdit(KEY1, LICENSE, ([format, kind, ...rest]) => [kind, format, ...rest]) },
    { name: 'line-without-colon-space', reasons: ['BAD_ARMOR'],
      text: signedEdit(KEY1, LICENSE, (l) => l.map((line) => line.replace('Owner: ', 'Owner:'))),
      description: 'The line "Owner:Kathrin Fretz" has no ": " (signed as written).' },
    { name: 'control-character', reasons: ['BAD_ARMOR'], text: license(KEY1, { ...LICENSE, Owner: 'Kathrin\u0007Fretz' }),
      description: 'A BEL (U+0007) inside the Owner value (signed as written): the line is malformed.' },

    // Fields: the only reason. Each is signed as written, so the field is the one fault.
    { name: 'duplicate-field', text: signedEdit(KEY1, LICENSE, (l) => l.flatMap((line) =>
      (line.startsWith('Features: ') ? [line, 'Features: R3Creative'] : [line]))),
      description: 'Features appears twice.', reasons: ['BAD_FIELD'] },
    { name: 'missing-required-field', text: license(KEY1, { ...LICENSE, Owner: undefined }),
      description: 'No Owner.', reasons: ['BAD_FIELD'] },
    { name: 'bad-time-form', text: license(KEY1, { ...LICENSE, Expires: '2027-11-21 09:30:00' }),
      description: 'Expires is not in the YYYY-MM-DDTHH:MM:SS[.sss]Z form.', reasons: ['BAD_FIELD'] },
    { name: 'unsupported-format', text: license(KEY1, { ...LICENSE, Format: '2' }),
      description: 'Format: 2, otherwise a valid file.', reasons: ['UNSUPPORTED_FORMAT'] },
    { name: 'domain-kind-without-domain', text: license(KEY1, { ...DOMAIN, Domain: undefined }),
      description: 'Kind domain without a Domain field.', reasons: ['BAD_FIELD'] },
    { name: 'unknown-kind', text: license(KEY1, { ...LICENSE, Kind: 'site' }),
      description: 'Kind is none of license, domain, app.', reasons: ['BAD_FIELD'] },
    { name: 'app-id-upper-case', text: license(KEY1, { ...APP, 'App-Id': APP_ID.toUpperCase() }),
      description: 'App-Id must be written lower-case.', reasons: ['BAD_FIELD'] },
    { name: 'grace-days-out-of-range', text: license(KEY1, { ...EXPIRING, 'Grace-Days': '3651' }),
      description: 'Grace-Days above 3650.', reasons: ['BAD_FIELD'] },
    { name: 'message-too-long', text: license(KEY1, { ...LICENSE, Message: 'x'.repeat(1025) }),
      description: 'Message of 1025 characters.', reasons: ['BAD_FIELD'] },
    { name: 'signature-wrong-length',
      text: perpetual.replace(/^Signature: .+$/m, (l) => `Signature: ${Buffer.from(l.slice(11), 'base64').subarray(0, 63).toString('base64')}`),
      description: 'Signature is base64 of 63 bytes, not 64.', reasons: ['BAD_FIELD'] },
  ];
}

/** Writes keys.json, vectors.json and every <name>.license into `outDir`, removing stale .license files. */
export function generateVectors(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith('.license')) rmSync(path.join(outDir, f));
  const json = (file: string, data: unknown) => writeFileSync(path.join(outDir, file), `${JSON.stringify(data, null, 2)}\n`);

  json('keys.json', [KEY1, KEY2, KEY3].map((k) => ({
    name: k.name, description: k.description, seedText: k.seedText,
    seedHex: k.seed.toString('hex'), seedBase64: k.seed.toString('base64'),
    publicKeyBase64: k.publicKey.toString('base64'), publicKeyHex: k.publicKey.toString('hex'), keyId: k.keyId,
  })));

  const manifest = vectors().map((v) => {
    const reasons = v.reasons ?? [];
    writeFileSync(path.join(outDir, `${v.name}.license`), v.text, 'utf8');
    return {
      name: v.name,
      file: `${v.name}.license`,
      description: v.description,
      ...(v.canonical ? { canonical: true } : {}),
      trustedKeys: (v.trusted ?? [KEY1]).map((k) => k.publicKey.toString('base64')),
      options: { at: AT, ...v.options },
      expect: { valid: reasons.length === 0, reasons, warnings: v.warnings ?? [] },
    };
  });
  const names = new Set(manifest.map((v) => v.name));
  if (names.size !== manifest.length) throw new Error('vector names must be unique');
  json('vectors.json', manifest);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outDir = path.dirname(fileURLToPath(import.meta.url));
  generateVectors(outDir);
  console.info(`Wrote the license vectors to ${outDir}`);
}
