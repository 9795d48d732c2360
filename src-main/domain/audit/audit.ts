/** The audit log: who did what to which object, when, with JSON details. */
import type Database from 'better-sqlite3';
import { auditLog } from '../../../db/schema';
import { statement } from '../../store/statements';
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

/** The same entry through a cached prepared statement, for hot paths (fulfilment of a whole import). */
export function recordAuditFast(sqlite: Database.Database, entry: AuditEntry): void {
  statement(sqlite, 'INSERT INTO audit_log (actor, actor_user_id, target_type, target_id, action, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.actor,
    entry.actorUserId ?? null,
    entry.targetType,
    String(entry.targetId),
    entry.action,
    JSON.stringify(entry.details ?? {}),
  );
}
