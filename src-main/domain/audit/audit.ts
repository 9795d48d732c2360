/** The audit log: who did what to which object, when, with JSON details. */
import { auditLog } from '../../../db/schema';
import type { Db } from '../../store/open';

export interface AuditEntry {
  actor: string;
  actorUserId?: number | null;
  targetType: string;
  targetId: string | number;
  action: string;
  details?: Record<string, unknown>;
}

export function recordAudit(db: Db, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      actor: entry.actor,
      actorUserId: entry.actorUserId ?? null,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      action: entry.action,
      details: entry.details ?? {},
    })
    .run();
}
