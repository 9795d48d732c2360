import { Link, useNavigate } from 'react-router';
import type { FeatureDetail } from '../../../../src-main/domain/catalog/types';
import { api } from '../../../api/client';
import { AvailabilityBadge } from '../../../components/Badges';
import { DeleteButton } from '../../../components/DeleteButton';
import { EmptyState } from '../../../components/EmptyState';
import { Facts } from '../../../components/Facts';
import { PageHeader } from '../../../components/PageHeader';
import { Section } from '../../../components/Section';
import { useToast } from '../../../components/Toasts';
import { formatMoment } from '../../../format/dates';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';

export function FeatureDetailScreen() {
  return (
    <RouteRecord method="feature.get" what="feature code">
      {(f) => <FeatureDetailView feature={f} />}
    </RouteRecord>
  );
}

function FeatureDetailView({ feature }: { feature: FeatureDetail }) {
  const navigate = useNavigate();
  const toast = useToast();

  return (
    <>
      <PageHeader
        title={feature.code}
        subtitle={
          <>
            Feature code of <Link to={paths.vendor(feature.vendorId)}>{feature.vendorName}</Link>
          </>
        }
        back={{ to: paths.features, label: 'Feature codes' }}
        actions={
          <>
            <Link className="button" to={paths.editFeature(feature.id)}>
              Edit
            </Link>
            <DeleteButton
              kind="feature code"
              name={feature.code}
              consequence={
                feature.skuCount > 0
                  ? `${feature.skuCount} SKU${feature.skuCount === 1 ? '' : 's'} grant this code; remove it from them first. This cannot be undone.`
                  : 'This cannot be undone.'
              }
              run={() => api('feature.delete', { id: feature.id })}
              onDeleted={() => {
                toast.success(`Feature code ${feature.code} deleted.`);
                navigate(paths.features, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'Description', value: feature.description ?? <span className="muted">None</span> },
            { label: 'Vendor', value: <Link to={paths.vendor(feature.vendorId)}>{feature.vendorName}</Link> },
            { label: 'Granted by', value: `${feature.skuCount} SKU${feature.skuCount === 1 ? '' : 's'}` },
            { label: 'Added', value: formatMoment(feature.createdAt) },
          ]}
        />
      </div>
      <Section title="SKUs that grant it" count={feature.skus.length}>
        {feature.skus.length === 0 ? (
          <EmptyState compact title="No SKU grants this code yet.">
            <p>Open a SKU of {feature.vendorName} and pick this code under “Feature codes”.</p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {feature.skus.map((s) => (
              <li key={s.id}>
                <Link className="code" to={paths.sku(s.id)}>
                  {s.sku}
                </Link>
                {s.name && <span className="muted"> — {s.name}</span>}
                <AvailabilityBadge availability={s.availability} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
