/**
 * KeyHub's license verifier, for vendors to embed in their products. Runs in Node and
 * in browsers; depends on tweetnacl alone. The format is src-main/license/FORMAT.md.
 */
export { verifyLicense, humanTime, CLOCK_SKEW_MS } from './verify.js';
export type { Verdict, VerifyOptions, Finding, ReasonCode, WarningCode } from './verify.js';
export { readArmor, BEGIN_LINE, END_LINE, MAX_FILE_BYTES } from './armor.js';
export { readFields, FORMAT_VERSION, LICENSE_KINDS } from './fields.js';
export type { LicenseClaims, LicenseKind } from './fields.js';
export { normalizeDomain } from './domain-name.js';
export type { DomainResult } from './domain-name.js';
export { fingerprintOf, parsePublicKey } from './key-id.js';
