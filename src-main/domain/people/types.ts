/** What the customer, user and rights methods return. */

export type CustomerKind = 'organization' | 'person';

export interface Customer {
  id: number;
  kind: CustomerKind;
  name: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postal: string | null;
  country: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRow extends Customer {
  /** Licenses the customer owns or bought. */
  licenseCount: number;
  contactCount: number;
}

export type UserRole = 'owner' | 'admin' | 'staff' | 'viewer';

export interface User {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  isActive: boolean;
  /** Set for a customer's contact; null for the vendor's staff. */
  customerId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserRow extends User {
  customerName: string | null;
  rightCount: number;
}

export interface CustomerDetail extends CustomerRow {
  contacts: UserRow[];
  providerIds: Array<{ provider: string; providerCustomerId: string }>;
}

export interface Right {
  id: number;
  name: string;
  grantCount: number;
}

export type ObjectType = 'vendor' | 'sku' | 'license' | 'app' | 'package' | 'customer';

/** One row of the seed's UserObjectRights, with names for people. */
export interface ObjectRight {
  id: number;
  userId: number;
  userName: string;
  userEmail: string;
  rightId: number;
  rightName: string;
  objectType: ObjectType;
  objectId: string;
  /** "License 12 · Kathrin Fretz · R3Bundle1Ent", "App Shop site", "Customer Imazen"; "… (deleted)" once the object is gone. */
  objectLabel: string;
}

export interface NotificationSubscription {
  id: number;
  userId: number;
  userName: string;
  appId: string;
  appName: string;
  kindId: number;
  kind: string;
}

export interface UserDetail extends UserRow {
  rights: ObjectRight[];
  supportContactFor: Array<{ licenseId: number; ownerName: string; sku: string }>;
  subscriptions: NotificationSubscription[];
}
