/**
 * Answering a partial refund: staff choose which of the purchase's licenses to revoke
 * (none keeps them all). The answer is logged on the transaction and audited; the
 * question is cleared. Refused when there is no open question or a license is not the purchase's.
 */
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import { statement } from '../../store/statements';
import { recordAuditFast } from '../audit/audit';
import { revokeWithin } from '../licenses/status';
import { plural } from '../licenses/terms';
import { COVERED_FULFILMENTS } from './ledger';
import { getTransaction } from './transactions';
import type { PaymentStatus, TransactionDetail } from './types';

export function decideTransaction(ctx: ApiContext, input: ParsedInput<'transaction.decide'>): TransactionDetail {
  const { sqlite } = ctx.store;
  const now = nowUtc();
  sqlite.transaction(() => {
    const t = statement(sqlite, 'SELECT id, status, provider_txn_id AS providerTxnId, pending_decision AS pendingDecision FROM transactions WHERE id = ?').get(input.id) as
      | { id: number; status: PaymentStatus; providerTxnId: string; pendingDecision: string | null }
      | undefined;
    if (!t) throw notFound('Transaction', input.id);
    if (t.pendingDecision === null) throw new KeyHubError('CONFLICT', `Transaction ${t.providerTxnId} has no open question to decide.`);
    const own = new Map(
      (
        statement(
          sqlite,
          `SELECT f.id AS fulfilmentId, f.license_id AS licenseId FROM transactions t JOIN transaction_items ti ON ti.transaction_id = t.id ${COVERED_FULFILMENTS} WHERE t.id = ?`,
        ).all(t.id) as Array<{
          fulfilmentId: number;
          licenseId: number;
        }>
      ).map((r) => [r.licenseId, r.fulfilmentId]),
    );
    const chosen = [...new Set(input.revokeLicenseIds)];
    const strangers = chosen.filter((id) => !own.has(id));
    if (strangers.length) {
      throw invalidField('revokeLicenseIds', `${strangers.length === 1 ? `License ${strangers[0]} was` : `Licenses ${strangers.join(', ')} were`} not issued by transaction ${t.providerTxnId}.`);
    }
    const message = chosen.length ? `Decided: revoke ${plural(chosen.length, 'license')} (${chosen.join(', ')}). ${input.note}` : `Decided: keep every license. ${input.note}`;
    const logId = Number(
      statement(sqlite, 'INSERT INTO payment_logs (transaction_id, event_type, from_status, to_status, message, data) VALUES (?, ?, ?, ?, ?, ?)').run(
        t.id,
        'decision',
        t.status,
        t.status,
        message,
        JSON.stringify({ question: t.pendingDecision, revokeLicenseIds: chosen, note: input.note, by: ctx.actor }),
      ).lastInsertRowid,
    );
    const reason = `Partial refund of transaction ${t.providerTxnId}: ${input.note}`;
    for (const licenseId of chosen) {
      if (revokeWithin(sqlite, ctx.actor, licenseId, reason, { purchase: { transactionId: t.id, providerTxnId: t.providerTxnId, paymentLogId: logId } }, now)) {
        statement(sqlite, 'UPDATE fulfilments SET revoked_by_log_id = ? WHERE id = ?').run(logId, own.get(licenseId));
      }
    }
    statement(sqlite, 'UPDATE transactions SET pending_decision = NULL, updated_at = ? WHERE id = ?').run(now, t.id);
    recordAuditFast(sqlite, {
      actor: ctx.actor,
      targetType: 'transaction',
      targetId: t.id,
      action: 'transaction.decide',
      details: { question: t.pendingDecision, revokeLicenseIds: chosen, note: input.note },
    });
  })();
  return getTransaction(ctx.store, input.id);
}
