import { Link, useNavigate } from 'react-router';
import type { PackageDetail } from '../../../../src-main/domain/catalog/types';
import { api } from '../../../api/client';
import { AvailabilityBadge } from '../../../components/Badges';
import { DeleteButton } from '../../../components/DeleteButton';
import { EmptyState } from '../../../components/EmptyState';
import { Facts } from '../../../components/Facts';
import { PageHeader } from '../../../components/PageHeader';
import { Section } from '../../../components/Section';
import { useToast } from '../../../components/Toasts';
import { formatDay, formatMoment } from '../../../format/dates';
import { plural } from '../../../format/numbers';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { ReleasesTable } from './ReleasesTable';

export function PackageDetailScreen() {
  return (
    <RouteRecord method="package.get" what="package">
      {(p, reload) => <PackageDetailView pkg={p} reload={reload} />}
    </RouteRecord>
  );
}

function PackageDetailView({ pkg, reload }: { pkg: PackageDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const addRelease = (
    <Link className="button button--small button--primary" to={paths.newRelease(pkg.id)}>
      Add release
    </Link>
  );

  return (
    <>
      <PageHeader
        title={pkg.displayName}
        subtitle={
          <>
            Package of <Link to={paths.vendor(pkg.vendorId)}>{pkg.vendorName}</Link>
          </>
        }
        back={{ to: paths.packages, label: 'Packages' }}
        actions={
          <>
            <Link className="button" to={paths.editPackage(pkg.id)}>
              Edit
            </Link>
            <DeleteButton
              kind="package"
              name={pkg.displayName}
              consequence={`Its ${plural(pkg.releaseCount, 'release')} and its links to ${plural(pkg.skuCount, 'SKU')} go with it. This cannot be undone.`}
              run={() => api('package.delete', { id: pkg.id })}
              onDeleted={() => {
                toast.success(`Package “${pkg.displayName}” deleted.`);
                navigate(paths.packages, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'Latest version', value: pkg.latestVersion ? <span className="code">{pkg.latestVersion}</span> : 'No releases yet' },
            { label: 'Latest release', value: formatDay(pkg.latestRelease) },
            { label: 'Releases', value: pkg.releaseCount },
            { label: 'Linked SKUs', value: pkg.skuCount },
            { label: 'Added', value: formatMoment(pkg.createdAt) },
          ]}
        />
      </div>
      <Section title="Releases" count={pkg.releases.length} actions={addRelease}>
        {pkg.releases.length === 0 ? (
          <EmptyState compact title="No releases yet.">
            <p>Add the first release: its version, stability and download link.</p>
          </EmptyState>
        ) : (
          <ReleasesTable packageId={pkg.id} releases={pkg.releases} onChanged={reload} />
        )}
      </Section>
      <Section
        title="SKUs that include it"
        count={pkg.skus.length}
        actions={
          <Link className="button button--small" to={paths.editPackage(pkg.id)}>
            Change SKUs
          </Link>
        }
      >
        {pkg.skus.length === 0 ? (
          <EmptyState compact title="No SKU includes this package yet.">
            <p>Licenses of the SKUs you link here give access to its downloads.</p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {pkg.skus.map((s) => (
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
