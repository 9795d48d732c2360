/**
 * The domain-name rule shared by issuing and verifying (FORMAT.md, "Domain names").
 * Issuing adds the public-suffix check on top (src-main/domain/licensing/domain-policy.ts).
 */

export type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d+(\.\d+){3}$/;

/** Strips what a person pastes around a host name: scheme, user info, port, path. */
function hostPart(input: string): string {
  let host = input.trim().toLowerCase();
  const scheme = host.indexOf('://');
  if (scheme >= 0) host = host.slice(scheme + 3);
  host = host.split(/[/?#]/, 1)[0];
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) return host; // IPv6 literal: refused below.
  return host.replace(/:\d*$/, '');
}

/** Punycode through the WHATWG URL parser (UTS #46), as browsers and Node do it. */
function toAscii(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

export function normalizeDomain(input: string): DomainResult {
  let host = hostPart(input);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!host) return { ok: false, reason: 'A domain name is required.' };
  if (host.includes('*')) {
    return { ok: false, reason: `"${input.trim()}" is a wildcard; each domain needs its own license.` };
  }
  if (host.startsWith('[') || host.includes(':')) {
    return { ok: false, reason: `"${input.trim()}" is an IP address, not a domain name.` };
  }
  const ascii = toAscii(host);
  if (ascii === null || ascii === '') {
    return { ok: false, reason: `"${input.trim()}" is not a valid domain name.` };
  }
  if (IPV4.test(ascii)) return { ok: false, reason: `"${input.trim()}" is an IP address, not a domain name.` };
  const domain = ascii.startsWith('www.') ? ascii.slice(4) : ascii;
  if (domain.length > 253) return { ok: false, reason: 'A domain name is at most 253 characters.' };
  const labels = domain.split('.');
  if (labels.length < 2) {
    return { ok: false, reason: `"${domain}" has no top-level domain; licenses cover public names like example.com.` };
  }
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    const why = bad === '' ? 'has an empty label (two dots in a row)' : `has a malformed part "${bad}"`;
    return { ok: false, reason: `"${input.trim()}" ${why}: parts hold a-z, 0-9 and inner dashes, up to 63 characters.` };
  }
  return { ok: true, domain };
}
