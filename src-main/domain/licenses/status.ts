/**
 * Revoke, suspend and resume. Status is not in the signed file (a product learns it by
 * other means), so these never re-sign the license; resume re-signs only the automatic
 * domains that lapsed meanwhile.
 */
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { fulfilments, licenses } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit, recordAuditFast } from '../audit/audit';
import { statement } from '../../store/statements';
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
    forgetEventRevocation(tx, license.id);
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
    forgetEventRevocation(tx, current.id);
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

/**
 * Revokes inside the caller's write transaction, for work that revokes many at once
 * (a refund, a reversal): same row change and audit entry as `license.revoke`.
 * False when the license is already revoked.
 */
export function revokeWithin(sqlite: Database.Database, actor: string, licenseId: number, reason: string, details: Record<string, unknown>, now: string): boolean {
  const row = statement(sqlite, 'SELECT status, status_reason AS statusReason FROM licenses WHERE id = ?').get(licenseId) as
    | { status: LicenseRecord['status']; statusReason: string | null }
    | undefined;
  if (!row || row.status === 'revoked') return false;
  statement(sqlite, "UPDATE licenses SET status = 'revoked', status_reason = ?, updated_at = ? WHERE id = ?").run(reason, now, licenseId);
  recordAuditFast(sqlite, { actor, targetType: 'license', targetId: licenseId, action: 'license.revoke', details: { from: row.status, previousReason: row.statusReason, reason, ...details } });
  return true;
}

/**
 * Undoes `revokeWithin` inside the caller's transaction (a cancelled reversal): the
 * license goes back to what it was before that revocation (suspended stays suspended,
 * with its reason), as `license.resume` does without the keys: lapsed automatic
 * domains are left for the renewal sweep, and the audit entry says so. False when it is not revoked.
 */
export function restoreWithin(sqlite: Database.Database, actor: string, licenseId: number, reason: string, details: Record<string, unknown>, now: string): boolean {
  const row = statement(sqlite, 'SELECT status, status_reason AS statusReason FROM licenses WHERE id = ?').get(licenseId) as
    | { status: LicenseRecord['status']; statusReason: string | null }
    | undefined;
  if (!row || row.status !== 'revoked') return false;
  const revocation = statement(
    sqlite,
    "SELECT json_extract(details, '$.from') AS status, json_extract(details, '$.previousReason') AS reason FROM audit_log WHERE target_type = 'license' AND target_id = ? AND action = 'license.revoke' ORDER BY id DESC LIMIT 1",
  ).get(String(licenseId)) as { status: string | null; reason: string | null } | undefined;
  const back = revocation?.status === 'suspended' ? { status: 'suspended' as const, reason: revocation.reason } : { status: 'active' as const, reason: null };
  statement(sqlite, 'UPDATE licenses SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(back.status, back.reason, now, licenseId);
  const pending = back.status === 'active' ? lapsedAutomaticDomains(sqlite, licenseId, now).map((d) => d.domainName) : [];
  recordAuditFast(sqlite, {
    actor,
    targetType: 'license',
    targetId: licenseId,
    action: 'license.resume',
    details: { from: 'revoked', to: back.status, previousReason: row.statusReason, reason, renewedDomains: [], pendingDomains: pending, ...details },
  });
  return true;
}

/** Staff changed the license by hand: no purchase event may undo that later. */
function forgetEventRevocation(tx: Db, licenseId: number): void {
  tx.update(fulfilments).set({ revokedByLogId: null }).where(eq(fulfilments.licenseId, licenseId)).run();
}
