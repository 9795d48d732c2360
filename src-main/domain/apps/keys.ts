/** App keys: GUIDs an app identifies itself with. Created and deleted, never edited. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appKeys } from '../../../db/schema';
import { notFound } from '../../api/errors';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { requireApp } from './apps';
import type { AppKey, DeletedApp } from './types';

export function createAppKey(db: Db, actor: string, appId: string): AppKey {
  return db.transaction((tx) => {
    const app = requireApp(tx, appId);
    const key = tx.insert(appKeys).values({ id: randomUUID(), appId: app.id }).returning().get();
    recordAudit(tx, { actor, targetType: 'app', targetId: app.id, action: 'app.createKey', details: { keyId: key.id } });
    return key;
  });
}

export function deleteAppKey(db: Db, actor: string, id: string): DeletedApp {
  return db.transaction((tx) => {
    const key = tx.select().from(appKeys).where(eq(appKeys.id, id)).get();
    if (!key) throw notFound('App key', id);
    tx.delete(appKeys).where(eq(appKeys.id, id)).run();
    recordAudit(tx, { actor, targetType: 'app', targetId: key.appId, action: 'app.deleteKey', details: { keyId: id } });
    return { id, deleted: true as const };
  });
}
