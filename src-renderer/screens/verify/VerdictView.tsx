/** A verifier's verdict, for a person: the verdict first, every reason and warning, then what the file says. */
import type { ReactNode } from 'react';
import { humanTime, type LicenseClaims, type Verdict } from '../../../src-main/license/verifier';
import { Facts, type Fact } from '../../components/Facts';
import { Section } from '../../components/Section';
import { groupFingerprint } from '../../format/keys';
import { plural } from '../../format/numbers';

export interface TrustedKey {
  publicKey: string;
  fingerprint: string;
  /** How to name it: “Main 2026” (Acme) in KeyHub, or a key you pasted. */
  name: string;
  fromStore: boolean;
}

const KIND_LABELS: Record<LicenseClaims['kind'], string> = {
  license: 'License',
  domain: 'Domain license',
  app: 'App license',
};

export function VerdictView({ verdict, trusted }: { verdict: Verdict; trusted: TrustedKey[] }) {
  const { valid, reasons, warnings, claims, signatureVerified } = verdict;
  const signer = claims ? trusted.find((k) => k.fingerprint === claims.keyId) : undefined;
  return (
    <>
      <section className={valid ? 'card verdict verdict--valid' : 'card verdict verdict--invalid'} aria-labelledby="verdict-word" aria-live="polite">
        <h2 id="verdict-word" className="verdict__word">
          {valid ? 'VALID' : 'NOT VALID'}
        </h2>
        <p className="verdict__summary">
          {valid
            ? `Signed by ${signer?.name ?? 'a trusted key'}, and every check passed${warnings.length ? `, with ${plural(warnings.length, 'warning')}` : ''}.`
            : `${plural(reasons.length, 'reason')} it is not valid${signatureVerified ? ' (the signature itself is good)' : ''}:`}
        </p>
        {reasons.length > 0 && (
          <ul className="verdict__list verdict__list--reasons" aria-label="Reasons">
            {reasons.map((r) => (
              <li key={`${r.code}-${r.message}`}>
                {r.message} <span className="verdict__code">{r.code}</span>
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <>
            <h3 className="verdict__subhead">Warnings</h3>
            <ul className="verdict__list verdict__list--warnings" aria-label="Warnings">
              {warnings.map((w) => (
                <li key={`${w.code}-${w.message}`}>
                  {w.message} <span className="verdict__code">{w.code}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {claims && (
        <Section title={signatureVerified ? 'What the license says' : 'What the file claims'}>
          {!signatureVerified && (
            <p className="section__intro claimed-note">
              <Claimed /> The signature did not verify, so none of this is vouched for: anyone could have written it.
            </p>
          )}
          <Facts facts={claimFacts(claims, signer, signatureVerified)} />
        </Section>
      )}
    </>
  );
}

function Claimed() {
  return <span className="badge badge--claimed">claimed</span>;
}

function claimFacts(claims: LicenseClaims, signer: TrustedKey | undefined, verified: boolean): Fact[] {
  const fact = (label: string, value: ReactNode, hint?: string): Fact => ({
    label,
    value: verified ? (
      value
    ) : (
      <>
        {value} <Claimed />
      </>
    ),
    hint,
  });
  const facts: Fact[] = [
    fact('Kind', KIND_LABELS[claims.kind]),
    fact('License id', claims.licenseId),
    fact('Vendor', claims.vendor),
    fact('SKU', <span className="code">{claims.sku}</span>),
    fact('Owner', claims.owner),
  ];
  if (claims.domain !== undefined) facts.push(fact('Domain', <span className="code">{claims.domain}</span>));
  if (claims.appId !== undefined) facts.push(fact('App id', <span className="code">{claims.appId}</span>));
  facts.push(
    fact('Feature codes', claims.features.length ? <span className="code">{claims.features.join(', ')}</span> : 'None'),
    fact('Issued', humanTime(claims.issued)),
    fact('Expires', claims.expires === null ? 'Never (perpetual)' : humanTime(claims.expires)),
  );
  if (claims.maintenanceEnds !== undefined) facts.push(fact('Maintenance ends', humanTime(claims.maintenanceEnds)));
  if (claims.graceDays !== undefined) facts.push(fact('Grace period', plural(claims.graceDays, 'day')));
  facts.push(
    fact('Signing key', <code className="fingerprint">{groupFingerprint(claims.keyId)}</code>, signer ? `Trusted: ${signer.name}.` : 'Not among the trusted keys.'),
  );
  if (claims.message !== undefined) facts.push(fact('Message', claims.message));
  for (const [name, value] of Object.entries(claims.unknown)) facts.push(fact(name, value, 'A field this verifier does not know (signed, ignored).'));
  return facts;
}
