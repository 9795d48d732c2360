/**
 * What a RecordPicker searches: the first matches of a list method, each with a label
 * people recognise (a license by its id, owner and SKU; a user by name and email).
 */
import type { ObjectType } from '../../src-main/domain/people/types';
import { api } from '../api/client';
import type { PickedRecord, RecordSearch } from './RecordPicker';

const MATCHES = 8;

function query(text: string) {
  const search = text.trim();
  return { ...(search ? { search } : {}), limit: MATCHES };
}

export function licenseLabel(license: { id: number; ownerName: string }): string {
  return `License ${license.id} · ${license.ownerName}`;
}

export const searchLicenses: RecordSearch = async (text) =>
  (await api('license.list', query(text))).items.map((l) => ({
    value: String(l.id),
    label: licenseLabel(l),
    detail: `${l.sku} · ${l.vendorName} · ${l.state}`,
  }));

export const searchUsers: RecordSearch = async (text) =>
  (await api('user.list', { ...query(text), sort: 'name' })).items.map((u) => ({
    value: String(u.id),
    label: u.name,
    detail: [u.email, u.customerName ? `contact of ${u.customerName}` : 'staff', u.isActive ? null : 'inactive'].filter(Boolean).join(' · '),
  }));

export const searchCustomers: RecordSearch = async (text) =>
  (await api('customer.list', { ...query(text), sort: 'name' })).items.map((c) => ({
    value: String(c.id),
    label: c.name,
    detail: [c.kind === 'person' ? 'Person' : 'Organisation', c.email].filter(Boolean).join(' · '),
  }));

export const searchApps: RecordSearch = async (text) =>
  (await api('app.list', { ...query(text), sort: 'displayName' })).items.map((a) => ({ value: a.id, label: a.displayName, detail: a.id }));

const searchVendors: RecordSearch = async (text) =>
  (await api('vendor.list', { ...query(text), sort: 'name' })).items.map((v) => ({ value: String(v.id), label: v.name }));

const searchSkus: RecordSearch = async (text) =>
  (await api('sku.list', { ...query(text), sort: 'sku' })).items.map((s) => ({
    value: String(s.id),
    label: s.sku,
    detail: [s.name, s.vendorName].filter(Boolean).join(' · '),
  }));

const searchPackages: RecordSearch = async (text) =>
  (await api('package.list', { ...query(text), sort: 'displayName' })).items.map((p) => ({
    value: String(p.id),
    label: p.displayName,
    detail: p.vendorName,
  }));

/** The object a right is held on, by its type. */
export const OBJECT_SEARCHES: Record<ObjectType, RecordSearch> = {
  license: searchLicenses,
  app: searchApps,
  customer: searchCustomers,
  vendor: searchVendors,
  sku: searchSkus,
  package: searchPackages,
};

export const OBJECT_TYPE_LABELS: Record<ObjectType, string> = {
  license: 'License',
  app: 'App',
  customer: 'Customer',
  vendor: 'Vendor',
  sku: 'SKU',
  package: 'Package',
};

export type { PickedRecord };
