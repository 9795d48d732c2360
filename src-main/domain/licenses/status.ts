/**
 * Revoke, suspend and resume. Status is not in the signed file (a product learns it by
 * other means), so these never re-sign the license; resume re-signs only the automatic
 * domains that lapsed meanwhile.
 */
import { eq } from 'drizzle-orm';
import { licenses } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { licenseDetail } from './detail';
import { lapsedAutomaticDomains, renewLapsedDomains, type RenewedDomain } from './domain-renewal';
import { describeState, requireLicense, stateConflict, stateOf, type LicenseRecord } from './record';
import { inSigningTransaction } from './resign';
import { skuRules } from './terms';
import type { LicenseDetail } from './types';

function setStatus(tx: Db, id: number, status: LicenseRecord['status'], reason: string | null, now: string): void {
  tx.update(licenses).set({ status, statusReason: reason, updatedAt: now }).where(eq(licenses.id, id)).run();
}

/** Revoking is for good (a chargeback, a refund); only a resume with a reason undoes it. */
export function revokeLicense(ctx: ApiContext, input: ParsedInput<'license.revoke'>): LicenseDetail {
  const now = nowUtc();
  ctx.store.db.transaction((tx) => {
    const license = requireLicense(tx, input.id);
    if (license.status === 'revoked') throw stateConflict(license, `License ${license.id} is already ${describeState(license, now)}.`);
    setStatus(tx, license.id, 'revoked', input.reason, now);
    recordAudit(tx, { actor: ctx.actor, targetType: 'license', targetId: license.id, action: 'license.revoke', details: { from: license.status, reason: input.reason } });
  });
  return licenseDetail(ctx.store, input.id);
}

export function suspendLicense(ctx: ApiContext, input: ParsedInput<'license.suspend'>): LicenseDetail {
  const now = nowUtc();
  ctx.store.db.transaction((tx) => {
    const license = requireLicense(tx, input.id);
    if (license.status === 'suspended') throw stateConflict(license, `License ${license.id} is already ${describeState(license, now)}.`);
    if (license.status === 'revoked') {
      throw stateConflict(license, `License ${license.id} is ${describeState(license, now)}; a revoked license cannot be suspended.`);
    }
    setStatus(tx, license.id, 'suspended', input.reason, now);
    recordAudit(tx, { actor: ctx.actor, targetType: 'license', targetId: license.id, action: 'license.suspend', details: { from: license.status, reason: input.reason } });
  });
  return licenseDetail(ctx.store, input.id);
}

/** Why a license cannot be resumed, or null. */
function resumeRefusal(license: LicenseRecord, reason: string | null, now: string): KeyHubError | null {
  if (license.status === 'active') return stateConflict(license, `License ${license.id} is not suspended or revoked (it is ${describeState(license, now)}); there is nothing to resume.`);
  if (license.status === 'revoked' && !reason) {
    const message = `License ${license.id} is ${describeState(license, now)}. Resuming a revoked license needs a reason (a reversed chargeback, a cancelled refund).`;
    return new KeyHubError('VALIDATION', message, { fields: { reason: message } });
  }
  return null;
}

/**
 * Back to active. Automatic domains that lapsed while the license was suspended or
 * revoked are renewed now when the keys are unlocked; otherwise the resume still
 * happens and the audit entry (the timeline) says the next renewal sweep renews them.
 */
export async function resumeLicense(ctx: ApiContext, input: ParsedInput<'license.resume'>): Promise<LicenseDetail> {
  const { db, sqlite } = ctx.store;
  const now = nowUtc();
  const license = requireLicense(db, input.id);
  const refusal = resumeRefusal(license, input.reason, now);
  if (refusal) throw refusal;
  const validAgain = stateOf({ status: 'active', expires: license.expires }, now) === 'active';
  const lapsed = validAgain ? lapsedAutomaticDomains(sqlite, license.id, now) : [];
  const rules = skuRules(db, license.skuId);
  const canSign = lapsed.length > 0 && ctx.vault.isUnlocked() && rules.keyId !== null && !rules.keyRetired;

  const apply = (tx: Db, renew: () => { renewed: RenewedDomain[]; left: string[]; full?: Array<{ domain: string; reason: string }> }) => {
    const current = requireLicense(tx, input.id);
    const again = resumeRefusal(current, input.reason, now);
    if (again) throw again;
    setStatus(tx, current.id, 'active', null, now);
    const { renewed, left, full = [] } = renew();
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: current.id,
      action: 'license.resume',
      details: {
        from: current.status,
        previousReason: current.statusReason,
        reason: input.reason,
        renewedDomains: renewed,
        // Lapsed automatic domains the next renewal sweep will renew (keys locked, or a file to look at).
        pendingDomains: left,
        // Lapsed automatic domains left lapsed: the license's live domains already fill max_domains.
        ...(full.length > 0 && { fullDomains: full }),
      },
    });
  };
  if (canSign) {
    await inSigningTransaction(ctx, rules.keyId!, (tx, key) => apply(tx, () => renewLapsedDomains(sqlite, license.id, key, now)));
  } else {
    db.transaction((tx) => apply(tx, () => ({ renewed: [], left: lapsed.map((d) => d.domainName) })));
  }
  return licenseDetail(ctx.store, input.id);
}
