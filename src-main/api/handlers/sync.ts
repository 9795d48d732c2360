/** Handlers of provider sync. */
import type { AreaHandlers } from '../dispatch';
import type { syncMethods } from '../methods/sync';
import { KeyHubError } from '../errors';

const notYet = (): never => {
  throw new KeyHubError('INTERNAL', 'Not built yet.');
};

export const syncHandlers: AreaHandlers<typeof syncMethods> = {
  'stripe.status': notYet,
  'stripe.connect': notYet,
  'stripe.disconnect': notYet,
  'stripe.test': notYet,
  'stripe.settings': notYet,
  'stripe.sync': notYet,
  'stripe.stop': notYet,
  'stripe.prices': notYet,
  'sync.runs': notYet,
  'sync.run': notYet,
  'subscription.list': notYet,
  'subscription.get': notYet,
};
