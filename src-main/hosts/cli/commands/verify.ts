/**
 * keyhub verify: checks a license file with the portable verifier, as a product would.
 * It needs public keys only, so it never opens a data folder.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { LicenseClaims, Verdict } from '../../../license/verifier';
import { storelessAction } from '../action';
import { EXIT_FAILED, EXIT_OK, UsageFailure } from '../failures';
import { keyValues } from '../format';
import { collectList } from '../parse';
import { readInput } from '../terminal';

interface VerifyOptions {
  publicKey: string[];
  domain?: string;
  app?: string;
  feature?: string[];
  at?: string;
  released?: string;
}

const MAX_KEY_FILE_BYTES = 256 * 1024;

/** A time as the verifier takes it: YYYY-MM-DD (midnight UTC) or an ISO time. */
function isoTime(value: string): string {
  const text = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) || Number.isNaN(Date.parse(iso))) {
    throw new InvalidArgumentError(`"${value}" is not a date like 2026-01-31 or an ISO time like 2026-01-31T09:00:00Z.`);
  }
  return iso;
}

function collectText(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Every public key a file holds: one per line, a `keyhub key export` listing, a PEM, a config line. */
function keysInText(text: string, parsePublicKey: (key: string) => Uint8Array | null): Uint8Array[] {
  if (/-----BEGIN PUBLIC KEY-----/.test(text)) {
    try {
      const jwk = createPublicKey(text).export({ format: 'jwk' });
      if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) return [new Uint8Array(Buffer.from(jwk.x, 'base64url'))];
    } catch {
      return [];
    }
  }
  const whole = parsePublicKey(text.trim());
  if (whole) return [whole];
  return text
    .split(/[\s"'`,;()[\]{}<>]+/)
    .map((token) => parsePublicKey(token))
    .filter((key): key is Uint8Array => key !== null);
}

/** `--public-key` values: a key itself (base64 or hex), or a file holding one or more. */
async function trustedKeys(values: string[]): Promise<Uint8Array[]> {
  const { parsePublicKey, fingerprintOf } = await import('../../../license/verifier');
  const keys = new Map<string, Uint8Array>();
  values.forEach((value, i) => {
    const direct = parsePublicKey(value);
    let found: Uint8Array[] = direct ? [direct] : [];
    if (!direct) {
      const which = values.length > 1 ? `--public-key #${i + 1}` : '--public-key';
      let isFile = false;
      try {
        isFile = statSync(value).isFile();
      } catch {
        isFile = false;
      }
      if (!isFile) throw new UsageFailure(`${which} is neither a public key (32 bytes as base64 or hex) nor a file holding one.`);
      if (statSync(value).size > MAX_KEY_FILE_BYTES) throw new UsageFailure(`${which}: ${value} is too large to be a public key file.`);
      found = keysInText(readFileSync(value, 'utf8'), parsePublicKey);
      if (!found.length) throw new UsageFailure(`${which}: ${value} holds no public key (32 bytes as base64 or hex, or an Ed25519 PEM).`);
    }
    for (const key of found) keys.set(fingerprintOf(key), key);
  });
  return [...keys.values()];
}

function claimLines(claims: LicenseClaims, humanTime: (iso: string) => string): string {
  const pairs: [string, string | number | null | undefined][] = [
    ['Owner', claims.owner],
    ['SKU', claims.sku],
    ['Vendor', claims.vendor],
    ['Kind', claims.kind],
  ];
  if (claims.domain !== undefined) pairs.push(['Domain', claims.domain]);
  if (claims.appId !== undefined) pairs.push(['App', claims.appId]);
  pairs.push(
    ['Features', claims.features.length ? claims.features.join(', ') : '(none)'],
    ['Issued', humanTime(claims.issued)],
    ['Expires', claims.expires === null ? 'never' : humanTime(claims.expires)],
  );
  if (claims.maintenanceEnds !== undefined) pairs.push(['Maintenance ends', humanTime(claims.maintenanceEnds)]);
  if (claims.graceDays !== undefined) pairs.push(['Grace days', claims.graceDays]);
  if (claims.message !== undefined) pairs.push(['Message', claims.message]);
  pairs.push(['License id', claims.licenseId], ['Signed by key', claims.keyId]);
  return keyValues(pairs);
}

function verdictText(verdict: Verdict, humanTime: (iso: string) => string): string {
  const lines = [verdict.valid ? 'VALID' : 'NOT VALID'];
  for (const reason of verdict.reasons) lines.push(`  - ${reason.message}`);
  for (const warning of verdict.warnings) lines.push(`  warning: ${warning.message}`);
  if (verdict.claims) {
    lines.push('', verdict.signatureVerified ? 'The license:' : 'What the file claims (the signature does not vouch for it):');
    lines.push(claimLines(verdict.claims, humanTime));
  }
  return lines.join('\n');
}

export function verifyCommand(): Command {
  return new Command('verify')
    .description('check a license file the way a product does: signature, expiry, domain, app, features (exit 0 when valid, 1 when not)')
    .argument('<file>', 'the license file, or - for stdin')
    .requiredOption('--public-key <key>', 'a trusted public key (base64 or hex), or a file holding keys; repeatable', collectText)
    .option('--domain <domain>', 'the domain the product runs on (any form: https://www.example.com/ works)')
    .option('--app <id>', 'the app id (GUID) the product runs as')
    .option('--feature <code>', 'a feature code the product needs; repeatable or comma-separated', collectList)
    .option('--at <time>', 'judge at this time instead of now (YYYY-MM-DD or ISO time)', isoTime)
    .option('--released <time>', "this product version's release time, checked against the maintenance end", isoTime)
    .addHelpText(
      'after',
      `
Examples:
  keyhub verify customer.license --public-key "$(keyhub key public 3)" --domain example.com
  keyhub verify - --public-key keys.txt --feature R_Elite --json < customer.license`,
    )
    .action(
      storelessAction<VerifyOptions>(async ({ args, opts }) => {
        const file = args[0] as string;
        const publicKeys = await trustedKeys(opts.publicKey);
        const bytes = await readInput(file, 'the license file');
        const { verifyLicense, humanTime } = await import('../../../license/verifier');
        const verdict = verifyLicense(new Uint8Array(bytes), {
          publicKeys,
          ...(opts.domain !== undefined && { domain: opts.domain }),
          ...(opts.app !== undefined && { appId: opts.app }),
          ...(opts.feature !== undefined && { features: opts.feature }),
          ...(opts.at !== undefined && { at: opts.at }),
          ...(opts.released !== undefined && { releasedAt: opts.released }),
        });
        return { data: verdict, human: verdictText(verdict, humanTime), exitCode: verdict.valid ? EXIT_OK : EXIT_FAILED };
      }),
    );
}
