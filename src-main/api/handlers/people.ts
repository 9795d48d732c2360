/** Handlers of customers, users and rights. */
import type { AreaHandlers } from '../dispatch';
import type { peopleMethods } from '../methods/people';
import { notBuilt } from './not-built';

export const peopleHandlers: AreaHandlers<typeof peopleMethods> = {
  'customer.list': notBuilt('customer.list'),
  'customer.get': notBuilt('customer.get'),
  'customer.create': notBuilt('customer.create'),
  'customer.update': notBuilt('customer.update'),
  'customer.delete': notBuilt('customer.delete'),
  'user.list': notBuilt('user.list'),
  'user.get': notBuilt('user.get'),
  'user.create': notBuilt('user.create'),
  'user.update': notBuilt('user.update'),
  'user.delete': notBuilt('user.delete'),
  'right.list': notBuilt('right.list'),
  'right.create': notBuilt('right.create'),
  'right.delete': notBuilt('right.delete'),
  'right.grant': notBuilt('right.grant'),
  'right.revoke': notBuilt('right.revoke'),
  'right.forObject': notBuilt('right.forObject'),
};
