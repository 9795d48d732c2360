/** Handlers of customers, users and rights. */
import type { AreaHandlers } from '../dispatch';
import type { peopleMethods } from '../methods/people';
import { createCustomer, deleteCustomer, getCustomer, listCustomers, updateCustomer } from '../../domain/people/customers';
import { createUser, deleteUser, getUser, listUsers, updateUser } from '../../domain/people/users';
import { createRight, deleteRight, listRights } from '../../domain/people/rights';
import { grantRight, grantsOnObject, revokeGrant } from '../../domain/people/grants';

export const peopleHandlers: AreaHandlers<typeof peopleMethods> = {
  'customer.list': (ctx, input) => listCustomers(ctx.store.db, input),
  'customer.get': (ctx, { id }) => getCustomer(ctx.store.db, id),
  'customer.create': (ctx, input) => createCustomer(ctx.store.db, ctx.actor, input),
  'customer.update': (ctx, input) => updateCustomer(ctx.store.db, ctx.actor, input),
  'customer.delete': (ctx, { id }) => deleteCustomer(ctx.store.db, ctx.actor, id),

  'user.list': (ctx, input) => listUsers(ctx.store.db, input),
  'user.get': (ctx, { id }) => getUser(ctx.store.db, id),
  'user.create': (ctx, input) => createUser(ctx.store.db, ctx.actor, input),
  'user.update': (ctx, input) => updateUser(ctx.store.db, ctx.actor, input),
  'user.delete': (ctx, { id }) => deleteUser(ctx.store.db, ctx.actor, id),

  'right.list': (ctx) => listRights(ctx.store.db),
  'right.create': (ctx, input) => createRight(ctx.store.db, ctx.actor, input),
  'right.delete': (ctx, { id }) => deleteRight(ctx.store.db, ctx.actor, id),
  'right.grant': (ctx, input) => grantRight(ctx.store.db, ctx.actor, input),
  'right.revoke': (ctx, { id }) => revokeGrant(ctx.store.db, ctx.actor, id),
  'right.forObject': (ctx, input) => grantsOnObject(ctx.store.db, input),
};
