/** Handlers of apps, app keys, app licenses, reports and notifications. */
import type { AreaHandlers } from '../dispatch';
import type { appMethods } from '../methods/apps';
import { createApp, deleteApp, getApp, listApps, updateApp } from '../../domain/apps/apps';
import { listIssues } from '../../domain/apps/issues';
import { createAppKey, deleteAppKey } from '../../domain/apps/keys';
import { linkLicense, unlinkLicense } from '../../domain/apps/links';
import { notificationKinds, subscribe, unsubscribe } from '../../domain/apps/notifications';
import { importReport } from '../../domain/apps/report';
import { statSeries } from '../../domain/apps/stats';

export const appHandlers: AreaHandlers<typeof appMethods> = {
  'app.list': (ctx, input) => listApps(ctx.store.db, input),
  'app.get': (ctx, { id }) => getApp(ctx.store, id),
  'app.create': (ctx, input) => createApp(ctx.store, ctx.actor, input),
  'app.update': (ctx, input) => updateApp(ctx.store, ctx.actor, input),
  'app.delete': (ctx, { id }) => deleteApp(ctx.store.db, ctx.actor, id),
  'app.linkLicense': (ctx, input) => linkLicense(ctx.store, ctx.actor, input),
  'app.unlinkLicense': (ctx, input) => unlinkLicense(ctx.store, ctx.actor, input),
  'app.createKey': (ctx, { appId }) => createAppKey(ctx.store.db, ctx.actor, appId),
  'app.deleteKey': (ctx, { id }) => deleteAppKey(ctx.store.db, ctx.actor, id),
  'app.issues': (ctx, input) => listIssues(ctx.store.db, input),
  'app.stats': (ctx, input) => statSeries(ctx.store.db, input),
  'app.report': (ctx, input) => importReport(ctx.store, ctx.actor, input),
  'app.notificationKinds': (ctx) => notificationKinds(ctx.store.db),
  'app.subscribe': (ctx, input) => subscribe(ctx.store.db, ctx.actor, input),
  'app.unsubscribe': (ctx, { id }) => unsubscribe(ctx.store.db, ctx.actor, id),
};
