/** Handlers of the license lifecycle and domain licenses. */
import type { AreaHandlers } from '../dispatch';
import type { licenseMethods } from '../methods/licenses';
import { signOneLicense } from '../../domain/licenses/issue';
import { licenseDetail } from '../../domain/licenses/detail';
import { licenseTimeline } from '../../domain/licenses/timeline';
import { resumeLicense, revokeLicense, suspendLicense } from '../../domain/licenses/status';
import { renewLicense } from '../../domain/licenses/renew';
import { setSupportContacts, transferLicense, updateOwner } from '../../domain/licenses/ownership';
import { addDomain, deleteDomain } from '../../domain/licenses/domains';
import { renewDueDomains } from '../../domain/licenses/domain-renewal';
import { listDomains, listLicenses } from '../../domain/licenses/list';

export const licenseHandlers: AreaHandlers<typeof licenseMethods> = {
  'license.list': (ctx, input) => listLicenses(ctx.store.sqlite, input),
  'license.get': (ctx, { id }) => licenseDetail(ctx.store, id),
  'license.timeline': (ctx, { id }) => licenseTimeline(ctx.store, id),
  'license.issue': (ctx, input) => signOneLicense(ctx, input),
  'license.revoke': (ctx, input) => revokeLicense(ctx, input),
  'license.suspend': (ctx, input) => suspendLicense(ctx, input),
  'license.resume': (ctx, input) => resumeLicense(ctx, input),
  'license.renew': (ctx, input) => renewLicense(ctx, input),
  'license.transfer': (ctx, input) => transferLicense(ctx, input),
  'license.updateOwner': (ctx, input) => updateOwner(ctx, input),
  'license.setSupportContacts': (ctx, input) => setSupportContacts(ctx, input),
  'domain.list': (ctx, input) => listDomains(ctx.store.sqlite, input),
  'domain.add': (ctx, input) => addDomain(ctx, input),
  'domain.delete': (ctx, input) => deleteDomain(ctx, input),
  'domain.renewDue': (ctx, { withinDays }) => renewDueDomains(ctx, withinDays),
};
