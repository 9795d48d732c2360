/**
 * Notification subscriptions: the seed's UserAppNotifications, a user asking to hear
 * about one kind of event (AppNotificationKind) of one app. Reading them with names is
 * shared with the user page (people/subscriptions.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { appNotificationKinds, apps, userAppNotifications, users } from '../../../db/schema';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { subscriptionsWhere } from '../people/subscriptions';
import type { NotificationSubscription } from '../people/types';
import type { Deleted } from '../catalog/types';
import type { NotificationKind } from './types';

export function notificationKinds(db: Db): NotificationKind[] {
  return db.select().from(appNotificationKinds).orderBy(asc(appNotificationKinds.id)).all();
}

/** One subscription by its id, with names; undefined when there is none. */
const subscriptionById = (db: Db, id: number) => subscriptionsWhere(db, eq(userAppNotifications.id, id))[0];

export function subscribe(db: Db, actor: string, input: ParsedInput<'app.subscribe'>): NotificationSubscription {
  return db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!user) throw invalidField('userId', `User ${input.userId} does not exist.`);
    const app = tx.select().from(apps).where(eq(apps.id, input.appId)).get();
    if (!app) throw invalidField('appId', `App ${input.appId} does not exist.`);
    const kind = tx.select().from(appNotificationKinds).where(eq(appNotificationKinds.id, input.kindId)).get();
    if (!kind) throw invalidField('kindId', `Notification kind ${input.kindId} does not exist.`);
    const existing = tx
      .select({ id: userAppNotifications.id })
      .from(userAppNotifications)
      .where(
        and(
          eq(userAppNotifications.userId, user.id),
          eq(userAppNotifications.appId, app.id),
          eq(userAppNotifications.appNotificationKindId, kind.id),
        ),
      )
      .get();
    if (existing) {
      throw new KeyHubError('CONFLICT', `${user.name} is already subscribed to ${kind.kind} for app ${app.displayName}.`, { existingId: existing.id });
    }
    const row = tx.insert(userAppNotifications).values({ userId: user.id, appId: app.id, appNotificationKindId: kind.id }).returning().get();
    recordAudit(tx, {
      actor,
      targetType: 'app',
      targetId: app.id,
      action: 'app.subscribe',
      details: { subscriptionId: row.id, userId: user.id, userName: user.name, kind: kind.kind },
    });
    return subscriptionById(tx, row.id);
  });
}

export function unsubscribe(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const subscription = subscriptionById(tx, id);
    if (!subscription) throw notFound('Notification subscription', id);
    tx.delete(userAppNotifications).where(eq(userAppNotifications.id, id)).run();
    recordAudit(tx, {
      actor,
      targetType: 'app',
      targetId: subscription.appId,
      action: 'app.unsubscribe',
      details: { subscriptionId: id, userId: subscription.userId, userName: subscription.userName, kind: subscription.kind },
    });
    return { id, deleted: true as const };
  });
}
