/**
 * The licensing books at a glance: license and domain counts, licenses issued per month
 * and by state, revenue per month, what expires soon, and what needs attention. A new
 * store shows the steps from an empty catalog to the first license instead.
 */
import { Link } from 'react-router';
import type { DashboardSummary } from '../../../src-main/domain/insight/types';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/useApiQuery';
import { COMING_AREAS } from '../../shell/areas';
import { paths } from '../catalog/shared/paths';
import { licensePaths } from '../licenses/licensePaths';
import { ExpiringLicensesSection, WarningsSection } from './ExpiringSections';
import { IssuedPerMonthChart, LicensesByStateChart } from './LicenseCharts';
import { RevenueSection } from './RevenueChart';
import '../licenses/licensing.css';

/** Counts only: a one-row page of each list carries its total. */
const COUNT = { limit: 1 } as const;

function useCatalogCounts() {
  const vendors = useApiQuery('vendor.list', COUNT);
  const skus = useApiQuery('sku.list', COUNT);
  const onSale = useApiQuery('sku.list', { ...COUNT, availability: 'on_sale' });
  const features = useApiQuery('feature.list', COUNT);
  const packages = useApiQuery('package.list', COUNT);
  return {
    vendors: vendors.data?.total,
    skus: skus.data?.total,
    onSale: onSale.data?.total,
    features: features.data?.total,
    packages: packages.data?.total,
  };
}

export function DashboardScreen() {
  const counts = useCatalogCounts();
  const summary = useApiQuery('dashboard.summary', { expiringWithinDays: 30 });
  const data = summary.data;
  const hasLicenses = (data?.licenses.total ?? 0) > 0;

  return (
    <>
      <PageHeader title="Dashboard" subtitle="Your licensing books at a glance." />
      {summary.error ? (
        <EmptyState
          title="The licensing summary could not be loaded."
          action={
            <button type="button" className="button" onClick={summary.reload}>
              Try again
            </button>
          }
        >
          <p>{summary.error.message}</p>
        </EmptyState>
      ) : !data ? (
        <p className="loading" aria-busy="true">
          Loading the summary…
        </p>
      ) : (
        <>
          {hasLicenses ? (
            <LicensingOverview summary={data} />
          ) : (
            <EmptyState
              title="No licenses yet."
              action={
                <Link className="button button--primary" to={licensePaths.newLicense}>
                  Issue your first license
                </Link>
              }
            >
              <p>Once licenses are issued, their counts, a chart of issues per month and what expires soon show here.</p>
            </EmptyState>
          )}
          <RevenueSection revenue={data.revenuePerMonth} />
        </>
      )}
      <CatalogSection counts={counts} hasLicenses={hasLicenses} />
    </>
  );
}

function LicensingOverview({ summary }: { summary: DashboardSummary }) {
  const { licenses, domains } = summary;
  return (
    <>
      <div className="stat-grid stat-grid--licensing">
        <StatCard label="Active licenses" value={licenses.active} detail={`of ${licenses.total.toLocaleString()} issued`} to={licensePaths.licensesWhere({ state: 'active' })} />
        <StatCard
          label={`Expiring in ${summary.expiringWithinDays} days`}
          value={licenses.expiringSoon}
          to={licensePaths.licensesWhere({ state: 'expiring', sort: 'expires', dir: 'asc' })}
          tone={licenses.expiringSoon > 0 ? 'warning' : undefined}
        />
        <StatCard label="Expired" value={licenses.expired} to={licensePaths.licensesWhere({ state: 'expired' })} />
        <StatCard label="Suspended" value={licenses.suspended} to={licensePaths.licensesWhere({ state: 'suspended' })} />
        <StatCard label="Revoked" value={licenses.revoked} to={licensePaths.licensesWhere({ state: 'revoked' })} />
        <StatCard
          label="Live domains"
          value={domains.live}
          detail={`${domains.expiringSoon.toLocaleString()} expiring soon · ${domains.stopped.toLocaleString()} stopped`}
          to={licensePaths.domainsWhere({ state: 'live' })}
        />
      </div>
      <div className="dashboard-charts">
        <IssuedPerMonthChart months={summary.issuedPerMonth} />
        <LicensesByStateChart licenses={licenses} />
      </div>
      <div className="dashboard-columns">
        <ExpiringLicensesSection summary={summary} />
        <WarningsSection summary={summary} />
      </div>
    </>
  );
}

interface CatalogCounts {
  vendors: number | undefined;
  skus: number | undefined;
  onSale: number | undefined;
  features: number | undefined;
  packages: number | undefined;
}

/** The catalog's counts, and until the first license is out, the steps to get there. */
function CatalogSection({ counts, hasLicenses }: { counts: CatalogCounts; hasLicenses: boolean }) {
  const steps = [
    { done: (counts.vendors ?? 0) > 0, label: 'Add the vendor whose products you sell', to: paths.newVendor, action: 'Add vendor' },
    { done: (counts.features ?? 0) > 0, label: 'Define the feature codes your apps check for', to: paths.newFeature(), action: 'Add feature code' },
    { done: (counts.skus ?? 0) > 0, label: 'Create SKUs that grant those feature codes', to: paths.newSku(), action: 'Add SKU' },
    { done: (counts.packages ?? 0) > 0, label: 'Add packages and their releases', to: paths.newPackage(), action: 'Add package' },
    { done: hasLicenses, label: 'Issue a license to a customer', to: licensePaths.newLicense, action: 'Issue license' },
  ];
  const loaded = counts.vendors !== undefined;
  const allDone = steps.every((s) => s.done);

  return (
    <>
      <h2 className="dashboard-heading">Catalog</h2>
      <div className="stat-grid">
        <StatCard label="Vendors" value={counts.vendors} to={paths.vendors} />
        <StatCard label="SKUs on sale" value={counts.onSale} detail={counts.skus !== undefined ? `of ${counts.skus} SKUs` : undefined} to={`${paths.skus}?availability=on_sale`} />
        <StatCard label="Feature codes" value={counts.features} to={paths.features} />
        <StatCard label="Packages" value={counts.packages} to={paths.packages} />
      </div>
      <div className="dashboard-columns">
        {loaded && !allDone && (
          <section className="card section" aria-labelledby="getting-started">
            <h2 id="getting-started" className="section__title">
              Getting started
            </h2>
            <ol className="checklist">
              {steps.map((step) => (
                <li key={step.label} className={step.done ? 'checklist__item checklist__item--done' : 'checklist__item'}>
                  <span className="checklist__mark" aria-hidden="true">
                    {step.done ? '✓' : ''}
                  </span>
                  <span className="checklist__label">
                    {step.label}
                    {step.done && <span className="visually-hidden"> (done)</span>}
                  </span>
                  {!step.done && (
                    <Link className="button button--small" to={step.to}>
                      {step.action}
                    </Link>
                  )}
                </li>
              ))}
            </ol>
          </section>
        )}
        {COMING_AREAS.length > 0 && (
          <section className="card section" aria-labelledby="coming-next">
            <h2 id="coming-next" className="section__title">
              Coming next
            </h2>
            <ul className="coming-list">
              {COMING_AREAS.map((area) => (
                <li key={area.path}>
                  <Link to={area.path}>{area.label}</Link>
                  <span className="muted"> — {area.coming?.summary}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}

interface StatCardProps {
  label: string;
  value: number | undefined;
  detail?: string;
  to: string;
  tone?: 'warning';
}

function StatCard({ label, value, detail, to, tone }: StatCardProps) {
  return (
    <Link className={tone ? `stat-card stat-card--${tone}` : 'stat-card'} to={to}>
      <span className="stat-card__value">{value === undefined ? '…' : value.toLocaleString()}</span>
      <span className="stat-card__label">{label}</span>
      {detail && <span className="stat-card__detail">{detail}</span>}
    </Link>
  );
}
