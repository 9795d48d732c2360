/**
 * The issuing side of the domain rule (FORMAT.md, "Domain names"): the shared normal
 * form, plus the Public Suffix List, so `com`, `co.uk` and `github.io` are refused.
 */
import { parse } from 'tldts';
import { normalizeDomain, type DomainResult } from '../../license/verifier/domain-name';

export function domainForIssue(input: string): DomainResult {
  const normal = normalizeDomain(input);
  if (!normal.ok) return normal;
  const info = parse(normal.domain, { allowPrivateDomains: true });
  if (!info.isIcann && !info.isPrivate) {
    return { ok: false, reason: `"${normal.domain}" is under no known top-level domain.` };
  }
  if (info.publicSuffix === normal.domain) {
    return {
      ok: false,
      reason: `"${normal.domain}" is a public suffix that many owners share, not one site; license a name under it (like example.${normal.domain}).`,
    };
  }
  return normal;
}
