import type { DomainState, LicenseState } from '../../../src-main/domain/licenses/types';
import { LICENSE_STATE_LABELS } from './licenseWords';

const DOMAIN_STATE_LABELS: Record<DomainState, string> = { live: 'Live', expired: 'Expired', stopped: 'Stopped' };

/** Where a license stands now: active, suspended, revoked or expired. */
export function LicenseStateBadge({ state }: { state: LicenseState }) {
  return <span className={`badge badge--license-${state}`}>{LICENSE_STATE_LABELS[state]}</span>;
}

/** A domain license: live, expired (its own date), or stopped (its license is not valid). */
export function DomainStateBadge({ state }: { state: DomainState }) {
  return <span className={`badge badge--domain-${state}`}>{DOMAIN_STATE_LABELS[state]}</span>;
}

export function domainStateLabel(state: DomainState): string {
  return DOMAIN_STATE_LABELS[state];
}
