/** App licenses: the seed's many-to-many links between apps and licenses. */
import { and, eq, sql } from 'drizzle-orm';
import { appLicenses, licenses } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { auditLink, getApp, requireApp, type AppStore } from './apps';
import type { AppDetail } from './types';

function requireLicense(db: Db, id: number): void {
  if (!db.select({ id: licenses.id }).from(licenses).where(eq(licenses.id, id)).get()) throw notFound('License', id);
}

const linkOf = (appId: string, licenseId: number) => and(eq(appLicenses.appId, appId), eq(appLicenses.licenseId, licenseId));

export function linkLicense(store: AppStore, actor: string, input: ParsedInput<'app.linkLicense'>): AppDetail {
  store.db.transaction((tx) => {
    const app = requireApp(tx, input.appId);
    requireLicense(tx, input.licenseId);
    if (tx.select().from(appLicenses).where(linkOf(app.id, input.licenseId)).get()) {
      throw new KeyHubError('CONFLICT', `License ${input.licenseId} is already linked to app ${app.displayName}.`, {
        appId: app.id,
        licenseId: input.licenseId,
      });
    }
    tx.insert(appLicenses).values({ appId: app.id, licenseId: input.licenseId }).run();
    auditLink(tx, actor, 'app.linkLicense', app, input.licenseId);
  });
  return getApp(store, input.appId);
}

/**
 * Refuses to remove an app's last license: the seed says the app would be orphaned.
 * IMMEDIATE, so two KeyHubs unlinking an app's last two licenses at once cannot both
 * count two and leave none.
 */
export function unlinkLicense(store: AppStore, actor: string, input: ParsedInput<'app.unlinkLicense'>): AppDetail {
  store.db.transaction(
    (tx) => {
      const app = requireApp(tx, input.appId);
      if (!tx.select().from(appLicenses).where(linkOf(app.id, input.licenseId)).get()) {
        throw new KeyHubError('NOT_FOUND', `License ${input.licenseId} is not linked to app ${app.displayName}.`, {
          appId: app.id,
          licenseId: input.licenseId,
        });
      }
      const linked = tx.select({ n: sql<number>`count(*)` }).from(appLicenses).where(eq(appLicenses.appId, app.id)).get()?.n ?? 0;
      if (linked <= 1) {
        throw new KeyHubError(
          'IN_USE',
          `App ${app.displayName} has only this license; without one it would be orphaned. Link another license first, or delete the app.`,
          { appId: app.id, licenseId: input.licenseId, licenseCount: linked },
        );
      }
      tx.delete(appLicenses).where(linkOf(app.id, input.licenseId)).run();
      auditLink(tx, actor, 'app.unlinkLicense', app, input.licenseId);
    },
    { behavior: 'immediate' },
  );
  return getApp(store, input.appId);
}
