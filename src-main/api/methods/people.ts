/** Customers, users (staff and customers' contacts), rights and who holds them on what. */
import * as s from '../schemas';
import type { Deleted, Page } from '../../domain/catalog/types';
import type { Customer, CustomerDetail, CustomerRow, ObjectRight, Right, User, UserDetail, UserRow } from '../../domain/people/types';
import { command, query } from './define';

export const peopleMethods = {
  'customer.list': query<typeof s.customerList, Page<CustomerRow>>(s.customerList),
  'customer.get': query<typeof s.byId, CustomerDetail>(s.byId),
  'customer.create': command<typeof s.customerFields, Customer>(s.customerFields),
  'customer.update': command<typeof s.customerUpdate, Customer>(s.customerUpdate),
  /** Refused (IN_USE) while a license names the customer. */
  'customer.delete': command<typeof s.byId, Deleted>(s.byId),

  'user.list': query<typeof s.userList, Page<UserRow>>(s.userList),
  'user.get': query<typeof s.byId, UserDetail>(s.byId),
  'user.create': command<typeof s.userFields, User>(s.userFields),
  'user.update': command<typeof s.userUpdate, User>(s.userUpdate),
  'user.delete': command<typeof s.byId, Deleted>(s.byId),

  'right.list': query<typeof s.empty, Right[]>(s.empty),
  'right.create': command<typeof s.rightFields, Right>(s.rightFields),
  /** Refused (IN_USE) while someone holds the right. */
  'right.delete': command<typeof s.byId, Deleted>(s.byId),
  'right.grant': command<typeof s.rightGrant, ObjectRight>(s.rightGrant),
  /** Takes back one grant (a user_object_rights row). */
  'right.revoke': command<typeof s.byId, Deleted>(s.byId),
  'right.forObject': query<typeof s.objectRef, ObjectRight[]>(s.objectRef),
} as const;
