/** How license and domain dates and states read on screen. */
import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { DomainLicenseRow, LicenseState } from '../../../src-main/domain/licenses/types';
import { formatDay } from '../../format/dates';
import { plural } from '../../format/numbers';

export const LICENSE_STATE_LABELS: Record<LicenseState, string> = {
  active: 'Active',
  suspended: 'Suspended',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** Whole UTC days from `now` to `iso` (negative: in the past). */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const d = parseISO(iso);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return differenceInCalendarDays(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())), today);
}

/** "today", "tomorrow", "in 12 days", "3 days ago". */
export function relativeDays(iso: string, now?: Date): string {
  const days = daysUntil(iso, now);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

/** An expiry for a person: "21 Nov 2026 (in 12 days)", or "Never". */
export function expiryWords(expires: string | null, now?: Date): string {
  if (expires === null) return 'Never';
  return `${formatDay(expires)} (${relativeDays(expires, now)})`;
}

/** A license's duration in words: "365 days", or "never expires" for none. */
export function durationWords(days: number | null): string {
  return days === null ? 'never expires' : plural(days, 'day');
}

/** Why a domain license is in its state, in a few words. */
export function domainStateWhy(domain: Pick<DomainLicenseRow, 'state' | 'expires' | 'isAutomatic' | 'renewsAutomatically'>, licenseState?: LicenseState): string {
  if (domain.state === 'expired') return domain.expires ? `Expired ${formatDay(domain.expires)}` : 'Expired';
  if (domain.state === 'stopped') {
    return licenseState && licenseState !== 'active' ? `License ${LICENSE_STATE_LABELS[licenseState].toLowerCase()}: not renewing` : 'License not valid: not renewing';
  }
  if (domain.renewsAutomatically) return 'Renews automatically';
  return domain.expires ? `Until ${formatDay(domain.expires)}` : 'No expiry';
}
