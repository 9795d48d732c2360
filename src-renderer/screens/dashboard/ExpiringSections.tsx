/**
 * What needs doing soon: the licenses expiring within the window (each linking to its
 * license), and a warning list of licenses and domains about to lapse — licenses within
 * a week, and domain licenses that will not renew by themselves.
 */
import { Link } from 'react-router';
import type { DashboardSummary } from '../../../src-main/domain/insight/types';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { formatDay } from '../../format/dates';
import { plural } from '../../format/numbers';
import { licensePaths } from '../licenses/licensePaths';
import { daysUntil, relativeDays } from '../licenses/licenseWords';

/** Licenses expiring within this many days are warnings, not just upcoming. */
export const WARNING_DAYS = 7;

export function ExpiringLicensesSection({ summary }: { summary: DashboardSummary }) {
  const { expiringLicenses: rows, expiringWithinDays: days } = summary;
  const total = summary.licenses.expiringSoon;
  return (
    <Section
      title={`Expiring in the next ${days} days`}
      count={total}
      actions={
        total > 0 && (
          <Link className="button button--small" to={licensePaths.licensesWhere({ state: 'expiring', sort: 'expires', dir: 'asc' })}>
            Show all
          </Link>
        )
      }
    >
      {rows.length === 0 ? (
        <EmptyState compact title={`No active license expires in the next ${days} days.`} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Licenses expiring in the next {days} days</caption>
            <thead>
              <tr>
                <th scope="col">License</th>
                <th scope="col">Owner</th>
                <th scope="col">SKU</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.id}>
                  <td className="cell--nowrap">
                    <Link className="code" to={licensePaths.license(l.id)} aria-label={`License ${l.id}`}>
                      #{l.id}
                    </Link>
                  </td>
                  <td>{l.ownerName}</td>
                  <td className="code cell--nowrap">{l.sku}</td>
                  <td className="cell--nowrap">
                    {formatDay(l.expires)} <span className="cell-note">{l.expires && relativeDays(l.expires, new Date(summary.now))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > rows.length && <p className="section__more muted">…and {plural(total - rows.length, 'more license')}.</p>}
        </div>
      )}
    </Section>
  );
}

interface Warning {
  key: string;
  expires: string;
  licenseId: number;
  text: string;
}

function warningsOf(summary: DashboardSummary): Warning[] {
  const now = new Date(summary.now);
  const licenses = summary.expiringLicenses
    .filter((l) => l.expires !== null && daysUntil(l.expires, now) <= WARNING_DAYS)
    .map((l) => ({
      key: `license-${l.id}`,
      expires: l.expires as string,
      licenseId: l.id,
      text: `License ${l.id} (${l.ownerName}, ${l.sku}) expires ${relativeDays(l.expires as string, now)}.`,
    }));
  const domains = summary.expiringDomains
    .filter((d) => d.expires !== null)
    .map((d) => ({
      key: `domain-${d.id}`,
      expires: d.expires as string,
      licenseId: d.licenseId,
      text: `Domain ${d.domainName} of license ${d.licenseId} expires ${relativeDays(d.expires as string, now)} and will not renew by itself.`,
    }));
  return [...licenses, ...domains].sort((a, b) => a.expires.localeCompare(b.expires));
}

export function WarningsSection({ summary }: { summary: DashboardSummary }) {
  const warnings = warningsOf(summary);
  return (
    <Section title="Needs attention" count={warnings.length}>
      {warnings.length === 0 ? (
        <EmptyState compact title="Nothing is about to lapse.">
          <p>
            Licenses expiring within {WARNING_DAYS} days, and domains expiring within {summary.expiringWithinDays} days that will not renew by themselves, show
            here.
          </p>
        </EmptyState>
      ) : (
        <ul className="warning-list" aria-label="Licenses and domains expiring soon">
          {warnings.map((w) => (
            <li key={w.key} className="warning-list__item">
              <span className="warning-list__mark" aria-hidden="true">
                !
              </span>
              <span className="warning-list__text">{w.text}</span>
              <Link className="button button--small" to={licensePaths.license(w.licenseId)} aria-label={`Open license ${w.licenseId}`}>
                Open
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
