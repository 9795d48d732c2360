/** The license lifecycle and domain licenses. */
import * as s from '../schemas';
import type { Deleted } from '../../domain/catalog/types';
import type { SignedLicense } from '../../domain/licenses/issue';
import type {
  CappedPage,
  DomainLicenseRow,
  DomainRenewal,
  LicenseDetail,
  LicenseRow,
  TimelineEntry,
} from '../../domain/licenses/types';
import { command, query } from './define';

export const licenseMethods = {
  /** Search (owner, customer, email, domain, license id, app id, app key), filter, sort, page. */
  'license.list': query<typeof s.licenseList, CappedPage<LicenseRow>>(s.licenseList),
  'license.get': query<typeof s.byId, LicenseDetail>(s.byId),
  /** Issued, domains added, renewals, revocations, transfers: who did each, oldest first. */
  'license.timeline': query<typeof s.byId, TimelineEntry[]>(s.byId),
  'license.issue': command<typeof s.licenseIssue, SignedLicense>(s.licenseIssue),
  'license.revoke': command<typeof s.licenseRevoke, LicenseDetail>(s.licenseRevoke),
  'license.suspend': command<typeof s.licenseSuspend, LicenseDetail>(s.licenseSuspend),
  'license.resume': command<typeof s.licenseResume, LicenseDetail>(s.licenseResume),
  'license.renew': command<typeof s.licenseRenew, LicenseDetail>(s.licenseRenew),
  'license.transfer': command<typeof s.licenseTransfer, LicenseDetail>(s.licenseTransfer),
  'license.updateOwner': command<typeof s.licenseUpdateOwner, LicenseDetail>(s.licenseUpdateOwner),
  'license.setSupportContacts': command<typeof s.licenseSetSupportContacts, LicenseDetail>(s.licenseSetSupportContacts),

  'domain.list': query<typeof s.domainList, CappedPage<DomainLicenseRow>>(s.domainList),
  'domain.add': command<typeof s.domainAdd, DomainLicenseRow>(s.domainAdd),
  'domain.delete': command<typeof s.domainDelete, Deleted>(s.domainDelete),
  'domain.renewDue': command<typeof s.domainRenewDue, DomainRenewal>(s.domainRenewDue),
} as const;
