/**
 * Where a record's page is, from the type and id the audit log and rights name it by
 * (`license` 12, `app` 3f2b…). Null for records without a page of their own.
 */
import { paths } from '../catalog/shared/paths';
import { customerPaths } from '../customers/customerPaths';
import { keyPaths } from '../keys/keyPaths';
import { appPaths } from '../apps/appPaths';
import { licensePaths } from '../licenses/licensePaths';
import { userPaths } from '../users/userPaths';

export const auditPaths = {
  audit: '/audit',
  /** The log narrowed to one record: its whole history. */
  forTarget: (targetType: string, targetId: string | number) =>
    `/audit?${new URLSearchParams({ targetType, targetId: String(targetId) }).toString()}`,
};

const numeric = (id: string) => (/^\d+$/.test(id) ? Number(id) : null);

const PAGES: Record<string, (id: string) => string | null> = {
  vendor: (id) => (numeric(id) ? paths.vendor(Number(id)) : null),
  sku: (id) => (numeric(id) ? paths.sku(Number(id)) : null),
  feature: (id) => (numeric(id) ? paths.feature(Number(id)) : null),
  package: (id) => (numeric(id) ? paths.package(Number(id)) : null),
  private_key: (id) => (numeric(id) ? keyPaths.key(Number(id)) : null),
  license: (id) => (numeric(id) ? licensePaths.license(Number(id)) : null),
  customer: (id) => (numeric(id) ? customerPaths.customer(Number(id)) : null),
  user: (id) => (numeric(id) ? userPaths.user(Number(id)) : null),
  right: () => userPaths.rights,
  app: (id) => (/^[0-9a-f-]{36}$/i.test(id) ? appPaths.app(id.toLowerCase()) : null),
};

export function objectPath(type: string, id: string): string | null {
  return PAGES[type]?.(id) ?? null;
}
