/** Handlers of apps, app keys, app licenses, reports and notifications. */
import type { AreaHandlers } from '../dispatch';
import type { appMethods } from '../methods/apps';
import { notBuilt } from './not-built';

export const appHandlers: AreaHandlers<typeof appMethods> = {
  'app.list': notBuilt('app.list'),
  'app.get': notBuilt('app.get'),
  'app.create': notBuilt('app.create'),
  'app.update': notBuilt('app.update'),
  'app.delete': notBuilt('app.delete'),
  'app.linkLicense': notBuilt('app.linkLicense'),
  'app.unlinkLicense': notBuilt('app.unlinkLicense'),
  'app.createKey': notBuilt('app.createKey'),
  'app.deleteKey': notBuilt('app.deleteKey'),
  'app.issues': notBuilt('app.issues'),
  'app.stats': notBuilt('app.stats'),
  'app.report': notBuilt('app.report'),
  'app.notificationKinds': notBuilt('app.notificationKinds'),
  'app.subscribe': notBuilt('app.subscribe'),
  'app.unsubscribe': notBuilt('app.unsubscribe'),
};
