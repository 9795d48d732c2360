import { Link, useNavigate } from 'react-router';
import type { VendorDetail } from '../../../../src-main/domain/catalog/types';
import { api } from '../../../api/client';
import { DeleteButton } from '../../../components/DeleteButton';
import { Facts } from '../../../components/Facts';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { formatMoment } from '../../../format/dates';
import { keyPaths } from '../../keys/keyPaths';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { VendorFeaturesSection, VendorPackagesSection, VendorSkusSection } from './VendorCatalogSections';

export function VendorDetailScreen() {
  return (
    <RouteRecord method="vendor.get" what="vendor">
      {(v) => <VendorDetailView vendor={v} />}
    </RouteRecord>
  );
}

function VendorDetailView({ vendor }: { vendor: VendorDetail }) {
  const navigate = useNavigate();
  const toast = useToast();
  const address = [vendor.street, vendor.city, [vendor.region, vendor.postal].filter(Boolean).join(' '), vendor.country]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <PageHeader
        title={vendor.name}
        subtitle={address || 'No address on file.'}
        back={{ to: paths.vendors, label: 'Vendors' }}
        actions={
          <>
            <Link className="button" to={paths.editVendor(vendor.id)}>
              Edit
            </Link>
            <DeleteButton
              kind="vendor"
              name={vendor.name}
              consequence="Only a vendor without SKUs, feature codes, packages or signing keys can be deleted. This cannot be undone."
              run={() => api('vendor.delete', { id: vendor.id })}
              onDeleted={() => {
                toast.success(`Vendor “${vendor.name}” deleted.`);
                navigate(paths.vendors, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'SKUs', value: vendor.skuCount },
            { label: 'Feature codes', value: vendor.featureCount },
            { label: 'Packages', value: vendor.packageCount },
            { label: 'Signing keys', value: <Link to={keyPaths.keysOfVendor(vendor.id)}>{vendor.keyCount}</Link> },
            { label: 'Licenses issued', value: vendor.licenseCount },
            { label: 'Added', value: formatMoment(vendor.createdAt) },
            { label: 'Last changed', value: formatMoment(vendor.updatedAt) },
          ]}
        />
      </div>
      <VendorSkusSection vendorId={vendor.id} />
      <VendorFeaturesSection vendorId={vendor.id} />
      <VendorPackagesSection vendorId={vendor.id} />
    </>
  );
}
