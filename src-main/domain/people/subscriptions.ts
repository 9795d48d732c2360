/** The seed's UserAppNotifications, with names: who hears about which kind of event from which app. */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { appNotificationKinds, apps, userAppNotifications, users } from '../../../db/schema';
import type { Db } from '../../store/open';
import type { NotificationSubscription } from './types';

/** Subscriptions matching `where` (a user's, an app's), ordered by app, then kind, then user. */
export function subscriptionsWhere(db: Db, where: SQL | undefined): NotificationSubscription[] {
  return db
    .select({
      id: userAppNotifications.id,
      userId: userAppNotifications.userId,
      userName: users.name,
      appId: userAppNotifications.appId,
      appName: apps.displayName,
      kindId: userAppNotifications.appNotificationKindId,
      kind: appNotificationKinds.kind,
    })
    .from(userAppNotifications)
    .innerJoin(users, eq(users.id, userAppNotifications.userId))
    .innerJoin(apps, eq(apps.id, userAppNotifications.appId))
    .innerJoin(appNotificationKinds, eq(appNotificationKinds.id, userAppNotifications.appNotificationKindId))
    .where(where)
    .orderBy(sql`${apps.displayName} COLLATE NOCASE`, asc(appNotificationKinds.kind), sql`${users.name} COLLATE NOCASE`, asc(userAppNotifications.id))
    .all();
}

export const subscriptionsOfUser = (db: Db, userId: number) => subscriptionsWhere(db, eq(userAppNotifications.userId, userId));
export const subscriptionsOfApp = (db: Db, appId: string) => subscriptionsWhere(db, eq(userAppNotifications.appId, appId));
