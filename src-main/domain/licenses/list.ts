/**
 * license.list and domain.list: one search box, filters, sort, page, on stores of
 * millions of rows. Filters become SQL conditions; list-engine.ts picks the page of
 * ids through an index; rows.ts hydrates just that page.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract';
import { addDays, nowUtc } from '../../shared/time';
import { candidatePage, cappedPage, COUNT_CAP, filteredPage, pageRequestOf, type ListSpec } from './list-engine';
import { domainRowsByIds, licenseRowsByIds } from './rows';
import { domainCandidates, licenseCandidates, type ListFilter } from './search';
import { parseSearch } from './search-terms';
import type { CappedPage, DomainLicenseRow, LicenseRow } from './types';
import { NEVER } from '../../../db/schema';

/** `expiring`: active licenses whose expiry falls within this many days. */
export const EXPIRING_WITHIN_DAYS = 30;

/** The expiry with "never" last, as the list indexes hold it (db/schema.ts): a state is one index range. */
const EXPIRY = `coalesce(l.expires, '${NEVER}')`;
const LICENSE_VALID = `l.status = 'active' AND ${EXPIRY} > @now`;

const LICENSES: ListSpec = {
  from: 'licenses l',
  alias: 'l',
  sorts: {
    id: { terms: [{ expr: 'l.id' }], walk: 'licenses l INDEXED BY licenses_id_state_idx' },
    issued: { terms: [{ expr: 'l.issued' }, { expr: 'l.id' }], walk: 'licenses l INDEXED BY licenses_issued_idx' },
    expires: {
      terms: [{ expr: 'l.expires', nullMeansNever: true }, { expr: 'l.id' }],
      walk: 'licenses l INDEXED BY licenses_expires_idx',
      // A state is a range of (status, expiry): read just that range, in expiry order.
      byFilter: { state: { terms: [{ expr: EXPIRY }, { expr: 'l.id' }], walk: 'licenses l INDEXED BY licenses_status_expiry_idx' } },
    },
    owner: { terms: [{ expr: 'l.owner_name COLLATE NOCASE' }, { expr: 'l.id' }], walk: 'licenses l INDEXED BY licenses_owner_name_nocase_idx' },
    sku: {
      terms: [{ expr: 's.sku COLLATE NOCASE' }, { expr: 's.id' }, { expr: 'l.id' }],
      // Walks SKUs in code order and each SKU's licenses in id order: no sort at all.
      walk: 'skus s INDEXED BY skus_sku_nocase_idx CROSS JOIN licenses l INDEXED BY licenses_sku_idx ON l.sku_id = s.id',
      join: 'JOIN skus s ON s.id = l.sku_id',
      // One SKU: its licenses in id order, from the SKU index.
      byFilter: { skuId: { terms: [{ expr: 'l.id' }], walk: 'licenses l INDEXED BY licenses_sku_idx' } },
    },
  },
};

const DOMAINS: ListSpec = {
  from: 'domain_licenses d',
  alias: 'd',
  sorts: {
    domain: { terms: [{ expr: 'd.domain_name' }, { expr: 'd.id' }], walk: 'domain_licenses d INDEXED BY domain_licenses_domain_idx' },
    issued: { terms: [{ expr: 'd.issued' }, { expr: 'd.id' }], walk: 'domain_licenses d INDEXED BY domain_licenses_issued_idx' },
    expires: { terms: [{ expr: 'd.expires', nullMeansNever: true }, { expr: 'd.id' }], walk: 'domain_licenses d INDEXED BY domain_licenses_expires_idx' },
    license: { terms: [{ expr: 'd.license_id' }, { expr: 'd.domain_name' }], walk: 'domain_licenses d INDEXED BY domain_licenses_license_domain_unique' },
  },
};

type FilterPart = [key: string, sql: string, params: Record<string, unknown>];

function filterOf(parts: Array<FilterPart | null>): ListFilter {
  const used = parts.filter((p): p is FilterPart => p !== null);
  return {
    sql: used.length ? used.map(([, sql]) => `(${sql})`).join(' AND ') : null,
    params: Object.assign({}, ...used.map(([, , params]) => params)),
    keys: used.map(([key]) => key),
  };
}

const STATE_SQL = {
  active: LICENSE_VALID,
  expired: `l.status = 'active' AND ${EXPIRY} <= @now`,
  suspended: `l.status = 'suspended'`,
  revoked: `l.status = 'revoked'`,
  expiring: `l.status = 'active' AND ${EXPIRY} > @now AND ${EXPIRY} <= @soon`,
} as const;

export function licenseFilter(input: ParsedInput<'license.list'>, now: string): ListFilter {
  return filterOf([
    input.state ? ['state', STATE_SQL[input.state], { now, soon: addDays(now, EXPIRING_WITHIN_DAYS) }] : null,
    input.skuId !== undefined ? ['skuId', 'l.sku_id = @skuId', { skuId: input.skuId }] : null,
    input.vendorId !== undefined ? ['vendorId', 'l.sku_id IN (SELECT id FROM skus WHERE vendor_id = @vendorId)', { vendorId: input.vendorId }] : null,
    input.customerId !== undefined ? ['customerId', 'l.owning_entity_id = @customerId OR l.purchasing_entity_id = @customerId', { customerId: input.customerId }] : null,
    input.appId !== undefined ? ['appId', 'l.id IN (SELECT license_id FROM app_licenses WHERE app_id = @appId)', { appId: input.appId }] : null,
  ]);
}

const DOMAIN_NOT_EXPIRED = '(d.expires IS NULL OR d.expires > @now)';

/**
 * `stopped` reads the suspended and revoked licenses' domains through their index: a
 * domain license never outlives its license (issuing, domain.add and renewals cap its
 * expiry at the license's), so an expired license's domains are expired themselves, and
 * only suspended or revoked licenses whose own expiry is ahead can have stopped domains.
 */
const PAUSED_UNEXPIRED = `l.status IN ('suspended', 'revoked') AND ${EXPIRY} > @now`;
const DOMAIN_STATE_SQL = {
  live: `${DOMAIN_NOT_EXPIRED} AND EXISTS (SELECT 1 FROM licenses l WHERE l.id = d.license_id AND ${LICENSE_VALID})`,
  expired: 'd.expires <= @now',
  stopped: `d.license_id IN (SELECT l.id FROM licenses l WHERE ${PAUSED_UNEXPIRED}) AND ${DOMAIN_NOT_EXPIRED}`,
} as const;

/** Stopped domains are few: read them from the suspended and revoked licenses, through the license's domain index. */
const STOPPED_FROM =
  'licenses l INDEXED BY licenses_status_expiry_idx CROSS JOIN domain_licenses d INDEXED BY domain_licenses_license_expires_idx ON d.license_id = l.id';

export function domainFilter(input: ParsedInput<'domain.list'>, now: string): ListFilter {
  const automatic: FilterPart | null = input.automatic !== undefined ? ['automatic', 'd.is_automatic = @automatic', { automatic: input.automatic ? 1 : 0 }] : null;
  const filter = filterOf([
    input.state ? ['state', DOMAIN_STATE_SQL[input.state], { now }] : null,
    input.licenseId !== undefined ? ['licenseId', 'd.license_id = @licenseId', { licenseId: input.licenseId }] : null,
    automatic,
  ]);
  // A domain's state other than expired needs its license: one look-up a row.
  const probes = input.state === 'live' || input.state === 'stopped';
  if (input.state !== 'stopped' || input.licenseId !== undefined) return { ...filter, probes };
  const driven = filterOf([['paused', `${PAUSED_UNEXPIRED} AND ${DOMAIN_NOT_EXPIRED}`, { now }], automatic]);
  return { ...filter, probes, drive: { from: STOPPED_FROM, sql: driven.sql! } };
}

/** Licenses: newest first unless a sort is given. */
export function listLicenses(sqlite: Database.Database, input: ParsedInput<'license.list'>, now = nowUtc()): CappedPage<LicenseRow> {
  const req = pageRequestOf(input, 'id', 'desc');
  const filter = licenseFilter(input, now);
  const terms = parseSearch(input.search);
  const page = terms
    ? candidatePage(sqlite, LICENSES, licenseCandidates(sqlite, terms, filter, COUNT_CAP), req)
    : filteredPage(sqlite, LICENSES, filter, req);
  return cappedPage(page, licenseRowsByIds(sqlite, page.ids, now), req);
}

/** Domain licenses: by domain name unless a sort is given. */
export function listDomains(sqlite: Database.Database, input: ParsedInput<'domain.list'>, now = nowUtc()): CappedPage<DomainLicenseRow> {
  const req = pageRequestOf(input, 'domain', 'asc');
  const filter = domainFilter(input, now);
  const terms = parseSearch(input.search);
  const page = terms
    ? candidatePage(sqlite, DOMAINS, domainCandidates(sqlite, terms, filter, COUNT_CAP), req)
    : filteredPage(sqlite, DOMAINS, filter, req);
  return cappedPage(page, domainRowsByIds(sqlite, page.ids, now), req);
}
