/** One license row as the lifecycle reads it, and the words for where it stands. */
import { eq } from 'drizzle-orm';
import { licenses } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { Db } from '../../store/open';
import { dayText } from './terms';
import type { LicenseState } from './types';

export interface LicenseRecord {
  id: number;
  skuId: number;
  ownerName: string;
  owningEntityId: number | null;
  purchasingEntityId: number | null;
  issued: string;
  expires: string | null;
  status: 'active' | 'suspended' | 'revoked';
  statusReason: string | null;
  licenseBytes: Buffer | null;
}

export function requireLicense(db: Db, id: number): LicenseRecord {
  const row = db
    .select({
      id: licenses.id,
      skuId: licenses.skuId,
      ownerName: licenses.ownerName,
      owningEntityId: licenses.owningEntityId,
      purchasingEntityId: licenses.purchasingEntityId,
      issued: licenses.issued,
      expires: licenses.expires,
      status: licenses.status,
      statusReason: licenses.statusReason,
      licenseBytes: licenses.licenseBytes,
    })
    .from(licenses)
    .where(eq(licenses.id, id))
    .get();
  if (!row) throw notFound('License', id);
  return row;
}

/** The same rule as rows.ts's LICENSE_STATE_SQL: expiry is derived, never stored. */
export function stateOf(license: Pick<LicenseRecord, 'status' | 'expires'>, now: string): LicenseState {
  if (license.status !== 'active') return license.status;
  return license.expires !== null && license.expires <= now ? 'expired' : 'active';
}

/** "revoked: chargeback", "suspended", "expired on 2026-01-01". */
export function describeState(license: LicenseRecord, now: string): string {
  const state = stateOf(license, now);
  if (state === 'expired') return `expired on ${dayText(license.expires)}`;
  return license.statusReason && state !== 'active' ? `${state}: ${license.statusReason}` : state;
}

/** A request the license's state does not allow: nothing changed. */
export function stateConflict(license: LicenseRecord, message: string): KeyHubError {
  return new KeyHubError('CONFLICT', message, { id: license.id, status: license.status });
}

/** A rule that a staff override (with a reason) may lift; the field is where the reason goes. */
export function needsOverride(message: string): KeyHubError {
  return new KeyHubError('VALIDATION', message, { fields: { override: message } });
}
