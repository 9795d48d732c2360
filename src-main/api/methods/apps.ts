/** Apps, their keys and licenses, and what they report: issues, stats, notifications. */
import * as s from '../schemas';
import type { Deleted, Page } from '../../domain/catalog/types';
import type {
  AppDetail,
  AppIssue,
  AppKey,
  AppReportResult,
  AppRow,
  AppStatSeries,
  DeletedApp,
  NotificationKind,
} from '../../domain/apps/types';
import type { NotificationSubscription } from '../../domain/people/types';
import { command, query } from './define';

export const appMethods = {
  'app.list': query<typeof s.appList, Page<AppRow>>(s.appList),
  'app.get': query<typeof s.byAppId, AppDetail>(s.byAppId),
  'app.create': command<typeof s.appCreate, AppDetail>(s.appCreate),
  'app.update': command<typeof s.appUpdate, AppDetail>(s.appUpdate),
  'app.delete': command<typeof s.byAppId, DeletedApp>(s.byAppId),
  'app.linkLicense': command<typeof s.appLicenseLink, AppDetail>(s.appLicenseLink),
  /** Refused for the app's last license: the app would be orphaned. */
  'app.unlinkLicense': command<typeof s.appLicenseLink, AppDetail>(s.appLicenseLink),
  'app.createKey': command<typeof s.appKeyCreate, AppKey>(s.appKeyCreate),
  'app.deleteKey': command<typeof s.appKeyDelete, DeletedApp>(s.appKeyDelete),
  'app.issues': query<typeof s.appIssues, Page<AppIssue>>(s.appIssues),
  'app.stats': query<typeof s.appStats, AppStatSeries[]>(s.appStats),
  /** Imports a JSON-lines report of issues and stats; bad lines are listed, good ones kept. */
  'app.report': command<typeof s.appReport, AppReportResult>(s.appReport),
  'app.notificationKinds': query<typeof s.empty, NotificationKind[]>(s.empty),
  'app.subscribe': command<typeof s.appSubscribe, NotificationSubscription>(s.appSubscribe),
  'app.unsubscribe': command<typeof s.byId, Deleted>(s.byId),
} as const;
