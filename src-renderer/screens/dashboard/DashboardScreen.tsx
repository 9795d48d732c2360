import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/useApiQuery';
import { COMING_AREAS } from '../../shell/areas';
import { paths } from '../catalog/shared/paths';

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
  const steps = [
    { done: (counts.vendors ?? 0) > 0, label: 'Add the vendor whose products you sell', to: paths.newVendor, action: 'Add vendor' },
    { done: (counts.features ?? 0) > 0, label: 'Define the feature codes your apps check for', to: paths.newFeature(), action: 'Add feature code' },
    { done: (counts.skus ?? 0) > 0, label: 'Create SKUs that grant those feature codes', to: paths.newSku(), action: 'Add SKU' },
    { done: (counts.packages ?? 0) > 0, label: 'Add packages and their releases', to: paths.newPackage(), action: 'Add package' },
  ];
  const loaded = counts.vendors !== undefined;
  const allDone = steps.every((s) => s.done);

  return (
    <>
      <PageHeader title="Dashboard" subtitle="Your licensing books at a glance." />
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
      </div>
    </>
  );
}

function StatCard({ label, value, detail, to }: { label: string; value: number | undefined; detail?: string; to: string }) {
  return (
    <Link className="stat-card" to={to}>
      <span className="stat-card__value">{value === undefined ? '…' : value.toLocaleString()}</span>
      <span className="stat-card__label">{label}</span>
      {detail && <span className="stat-card__detail">{detail}</span>}
    </Link>
  );
}
