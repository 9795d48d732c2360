/** Handlers of the license lifecycle and domain licenses. */
import type { AreaHandlers } from '../dispatch';
import type { licenseMethods } from '../methods/licenses';
import { notBuilt } from './not-built';
import { signOneLicense } from '../../domain/licenses/issue';

export const licenseHandlers: AreaHandlers<typeof licenseMethods> = {
  'license.list': notBuilt('license.list'),
  'license.get': notBuilt('license.get'),
  'license.timeline': notBuilt('license.timeline'),
  'license.issue': (ctx, input) => signOneLicense(ctx, { ...input, owner: input.owner ?? '' }),
  'license.revoke': notBuilt('license.revoke'),
  'license.suspend': notBuilt('license.suspend'),
  'license.resume': notBuilt('license.resume'),
  'license.renew': notBuilt('license.renew'),
  'license.transfer': notBuilt('license.transfer'),
  'license.updateOwner': notBuilt('license.updateOwner'),
  'license.setSupportContacts': notBuilt('license.setSupportContacts'),
  'domain.list': notBuilt('domain.list'),
  'domain.add': notBuilt('domain.add'),
  'domain.delete': notBuilt('domain.delete'),
  'domain.renewDue': notBuilt('domain.renewDue'),
};
