/** A vendor's page lists its catalog: SKUs, feature codes and packages, each with an Add button. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Page } from '../../../../src-main/domain/catalog/types';
import { DataTable } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { useApiQuery, type QueryState } from '../../../hooks/useApiQuery';
import { featureColumns } from '../features/featureColumns';
import { packageColumns } from '../packages/packageColumns';
import { paths } from '../shared/paths';
import { skuColumns } from '../skus/skuColumns';

const SECTION_LIMIT = 50;

interface CatalogSectionProps<T> {
  title: string;
  query: QueryState<Page<T>>;
  addLink: { to: string; label: string };
  /** The full list, filtered to this vendor, for when there are more than fit here. */
  allLink: string;
  empty: { title: string; text: string };
  table: (items: T[]) => ReactNode;
}

function CatalogSection<T>({ title, query, addLink, allLink, empty, table }: CatalogSectionProps<T>) {
  const { data, error } = query;
  let body: ReactNode;
  if (error) body = <p className="field__error">{error.message}</p>;
  else if (!data) body = <p className="loading">Loading…</p>;
  else if (data.items.length === 0) {
    body = (
      <EmptyState compact title={empty.title}>
        <p>{empty.text}</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        {table(data.items)}
        {data.total > data.items.length && (
          <p className="section__more">
            <Link to={allLink}>
              View all {data.total} {title.toLowerCase()} →
            </Link>
          </p>
        )}
      </>
    );
  }
  return (
    <Section
      title={title}
      count={data?.total}
      actions={
        <Link className="button button--small" to={addLink.to}>
          {addLink.label}
        </Link>
      }
    >
      {body}
    </Section>
  );
}

export function VendorSkusSection({ vendorId }: { vendorId: number }) {
  const skus = useApiQuery('sku.list', { vendorId, sort: 'sku', limit: SECTION_LIMIT });
  return (
    <CatalogSection
      title="SKUs"
      query={skus}
      addLink={{ to: paths.newSku(vendorId), label: 'Add SKU' }}
      allLink={`${paths.skus}?vendor=${vendorId}`}
      empty={{ title: 'No SKUs yet.', text: 'A SKU is what you sell: its feature codes, limits and durations.' }}
      table={(items) => (
        <DataTable caption="SKUs of this vendor" columns={skuColumns({ withVendor: false })} rows={items} rowKey={(s) => s.id} rowHref={(s) => paths.sku(s.id)} />
      )}
    />
  );
}

export function VendorFeaturesSection({ vendorId }: { vendorId: number }) {
  const features = useApiQuery('feature.list', { vendorId, sort: 'code', limit: SECTION_LIMIT });
  return (
    <CatalogSection
      title="Feature codes"
      query={features}
      addLink={{ to: paths.newFeature(vendorId), label: 'Add feature code' }}
      allLink={`${paths.features}?vendor=${vendorId}`}
      empty={{ title: 'No feature codes yet.', text: 'Feature codes are what your apps check for (“export-pdf”, “pro”). SKUs grant them.' }}
      table={(items) => (
        <DataTable caption="Feature codes of this vendor" columns={featureColumns({ withVendor: false })} rows={items} rowKey={(f) => f.id} rowHref={(f) => paths.feature(f.id)} />
      )}
    />
  );
}

export function VendorPackagesSection({ vendorId }: { vendorId: number }) {
  const packages = useApiQuery('package.list', { vendorId, sort: 'displayName', limit: SECTION_LIMIT });
  return (
    <CatalogSection
      title="Packages"
      query={packages}
      addLink={{ to: paths.newPackage(vendorId), label: 'Add package' }}
      allLink={`${paths.packages}?vendor=${vendorId}`}
      empty={{ title: 'No packages yet.', text: 'Packages are the downloads a license gives access to, with their releases.' }}
      table={(items) => (
        <DataTable caption="Packages of this vendor" columns={packageColumns({ withVendor: false })} rows={items} rowKey={(p) => p.id} rowHref={(p) => paths.package(p.id)} />
      )}
    />
  );
}
