/**
 * dashboard.summary: counts by state, licenses issued per month, revenue per month, and
 * the two warning lists. Every license and domain number is a whole-table count or a
 * count of an index range (licenses by status and expiry, domain licenses by expiry or
 * by license), never a read of rows one by one, so it stays quick on millions of rows.
 * Revenue sums one year of transactions, a range of the payment-date index.
 *
 * Domain counts rely on the rule every writer keeps (issuing, domain.add, renewals):
 * a domain license never outlives its license. So an expired license's domains are
 * expired themselves, and "stopped" domains are the unexpired ones of suspended or
 * revoked licenses.
 */
import type Database from 'better-sqlite3';
import { addDays, nowUtc } from '../../shared/time';
import { domainRowsByIds, licenseRowsByIds } from '../licenses/rows';
import { statement } from '../../store/statements';
import type { DashboardSummary, RevenueMonth } from './types';
import { NEVER } from '../../../db/schema';

const WARNING_LIST_SIZE = 20;
const MONTHS = 12;

/** A license's expiry with "never" last, as licenses_status_expiry_idx holds it. */
const EXPIRY = `coalesce(expires, '${NEVER}')`;

const LICENSE_COUNTS = `SELECT
  (SELECT count(*) FROM licenses) AS total,
  (SELECT count(*) FROM licenses WHERE status = 'suspended') AS suspended,
  (SELECT count(*) FROM licenses WHERE status = 'revoked') AS revoked,
  (SELECT count(*) FROM licenses WHERE status = 'active' AND ${EXPIRY} <= @now) AS expired,
  (SELECT count(*) FROM licenses WHERE status = 'active' AND ${EXPIRY} > @now AND ${EXPIRY} <= @soon) AS expiringSoon`;

/** Unexpired is counted (dated + never), expired is the rest: a long-lived store holds more expired than unexpired. */
const DOMAIN_COUNTS = `SELECT
  (SELECT count(*) FROM domain_licenses) AS total,
  (SELECT count(*) FROM domain_licenses WHERE expires > @now) + (SELECT count(*) FROM domain_licenses WHERE expires IS NULL) AS unexpired,
  (SELECT count(*) FROM domain_licenses WHERE expires > @now AND expires <= @soon AND is_automatic = 0) AS manualSoon`;

/**
 * One pass over the unexpired domains of suspended and revoked licenses whose own expiry
 * is ahead (the others' domains have expired with them), index only.
 */
const PAUSED_DOMAINS = `SELECT count(*) AS stopped, coalesce(sum(d.is_automatic = 0 AND d.expires <= @soon), 0) AS manualSoon
  FROM licenses l INDEXED BY licenses_status_expiry_idx
  CROSS JOIN domain_licenses d INDEXED BY domain_licenses_license_expires_idx ON d.license_id = l.id
  WHERE l.status IN ('suspended', 'revoked') AND coalesce(l.expires, '${NEVER}') > @now AND (d.expires IS NULL OR d.expires > @now)`;

/** Automatic domains in the window whose license ends first: the renewal sweep will not extend them. */
const AUTO_OUTLASTING = `FROM licenses l INDEXED BY licenses_status_expiry_idx
  CROSS JOIN domain_licenses d INDEXED BY domain_licenses_license_expires_idx ON d.license_id = l.id
  WHERE l.status = 'active' AND coalesce(l.expires, '${NEVER}') > @now AND coalesce(l.expires, '${NEVER}') <= @soon
    AND d.is_automatic = 1 AND d.expires > @now AND d.expires <= @soon AND d.expires >= l.expires`;

/** Manual domains of valid licenses in the window, soonest first (the expiry index is walked; few rows read). */
const MANUAL_EXPIRING = `FROM domain_licenses d INDEXED BY domain_licenses_expires_idx
  CROSS JOIN licenses l ON l.id = d.license_id
  WHERE d.expires > @now AND d.expires <= @soon AND d.is_automatic = 0
    AND l.status = 'active' AND coalesce(l.expires, '${NEVER}') > @now`;

const DOMAINS_EXPIRING = `SELECT id FROM (
    SELECT * FROM (SELECT d.id, d.expires ${MANUAL_EXPIRING} ORDER BY d.expires, d.id LIMIT ${WARNING_LIST_SIZE})
    UNION ALL
    SELECT * FROM (SELECT d.id, d.expires ${AUTO_OUTLASTING} ORDER BY d.expires, d.id LIMIT ${WARNING_LIST_SIZE})
  ) ORDER BY expires, id LIMIT ${WARNING_LIST_SIZE}`;

const LICENSES_EXPIRING = `SELECT id FROM licenses INDEXED BY licenses_status_expiry_idx
  WHERE status = 'active' AND ${EXPIRY} > @now AND ${EXPIRY} <= @soon ORDER BY ${EXPIRY}, id LIMIT ${WARNING_LIST_SIZE}`;

const ISSUED_PER_MONTH = `SELECT substr(issued, 1, 7) AS month, count(*) AS count FROM licenses
  WHERE issued >= @from GROUP BY month`;

/**
 * Paid purchases by payment month and currency, read through transactions_payment_date_idx.
 * A reversal took the whole payment back; a refund took `refunded` (never more than the gross).
 */
const REVENUE_PER_MONTH = `SELECT substr(payment_date, 1, 7) AS month, currency, sum(gross) AS gross,
    sum(CASE WHEN status = 'reversed' THEN gross ELSE min(refunded, gross) END) AS refunded, count(*) AS purchases
  FROM transactions INDEXED BY transactions_payment_date_idx
  WHERE payment_date >= @from AND payment_date < @until AND status IN ('confirmed', 'partially_refunded', 'refunded', 'reversed')
  GROUP BY month, currency`;

/** The first instant after `YYYY-MM`. */
export function monthAfter(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${String(year + 1).padStart(4, '0')}-01-01T00:00:00.000Z` : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01T00:00:00.000Z`;
}

/** Every month for each currency sold in them (months without sales as zeros), the currency with the most gross first. */
export function revenuePerMonth(sqlite: Database.Database, months: string[]): RevenueMonth[] {
  const rows = statement(sqlite, REVENUE_PER_MONTH).all({ from: `${months[0]}-01T00:00:00.000Z`, until: monthAfter(months[months.length - 1]) }) as Array<
    Omit<RevenueMonth, 'net'>
  >;
  const byCurrency = new Map<string, Map<string, Omit<RevenueMonth, 'net'>>>();
  for (const row of rows) {
    let currency = byCurrency.get(row.currency);
    if (!currency) byCurrency.set(row.currency, (currency = new Map()));
    currency.set(row.month, row);
  }
  const grossOf = (currency: string) => [...(byCurrency.get(currency)?.values() ?? [])].reduce((sum, r) => sum + r.gross, 0);
  const currencies = [...byCurrency.keys()].sort((a, b) => grossOf(b) - grossOf(a) || a.localeCompare(b));
  return currencies.flatMap((currency) =>
    months.map((month) => {
      const row = byCurrency.get(currency)?.get(month);
      const gross = row?.gross ?? 0;
      const refunded = row?.refunded ?? 0;
      return { month, currency, gross, refunded, net: gross - refunded, purchases: row?.purchases ?? 0 };
    }),
  );
}

/** `YYYY-MM` of the last `MONTHS` months, oldest first: month arithmetic on the UTC text (no local time zone). */
export function lastMonths(now: string): string[] {
  const current = Number(now.slice(0, 4)) * 12 + Number(now.slice(5, 7)) - 1;
  return Array.from({ length: MONTHS }, (_, i) => {
    const m = current - (MONTHS - 1) + i;
    return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

type Counts<K extends string> = Record<K, number>;

export function dashboardSummary(sqlite: Database.Database, input: { expiringWithinDays: number }, now = nowUtc()): DashboardSummary {
  const params = { now, soon: addDays(now, input.expiringWithinDays) };
  const get = <K extends string>(sql: string) => statement(sqlite, sql).get(params) as Counts<K>;
  const ids = (sql: string) => statement(sqlite, sql).pluck().all(params) as number[];
  const read = sqlite.transaction((): DashboardSummary => {
    const l = get<'total' | 'suspended' | 'revoked' | 'expired' | 'expiringSoon'>(LICENSE_COUNTS);
    const d = get<'total' | 'unexpired' | 'manualSoon'>(DOMAIN_COUNTS);
    const paused = get<'stopped' | 'manualSoon'>(PAUSED_DOMAINS);
    const autoOutlasting = statement(sqlite, `SELECT count(*) ${AUTO_OUTLASTING}`).pluck().get(params) as number;
    const months = lastMonths(now);
    const issued = new Map(
      (statement(sqlite, ISSUED_PER_MONTH).all({ from: `${months[0]}-01T00:00:00.000Z` }) as Array<{ month: string; count: number }>).map((r) => [r.month, r.count]),
    );
    return {
      now,
      expiringWithinDays: input.expiringWithinDays,
      licenses: {
        total: l.total,
        active: l.total - l.suspended - l.revoked - l.expired,
        expired: l.expired,
        suspended: l.suspended,
        revoked: l.revoked,
        expiringSoon: l.expiringSoon,
      },
      domains: {
        live: d.unexpired - paused.stopped,
        expired: d.total - d.unexpired,
        stopped: paused.stopped,
        expiringSoon: d.manualSoon - paused.manualSoon + autoOutlasting,
      },
      customers: statement(sqlite, 'SELECT count(*) FROM customers').pluck().get() as number,
      apps: statement(sqlite, 'SELECT count(*) FROM apps').pluck().get() as number,
      issuedPerMonth: months.map((month) => ({ month, count: issued.get(month) ?? 0 })),
      revenuePerMonth: revenuePerMonth(sqlite, months),
      expiringLicenses: licenseRowsByIds(sqlite, ids(LICENSES_EXPIRING), now),
      expiringDomains: domainRowsByIds(sqlite, ids(DOMAINS_EXPIRING), now),
    };
  });
  // One read transaction: every number comes from the same moment of the store.
  return read.deferred();
}
