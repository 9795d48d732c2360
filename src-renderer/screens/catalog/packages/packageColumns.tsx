import { Link } from 'react-router';
import type { PACKAGE_SORT } from '../../../../src-main/api/schemas';
import type { PackageRow } from '../../../../src-main/domain/catalog/types';
import type { Column } from '../../../components/DataTable';
import { formatDay } from '../../../format/dates';
import { paths } from '../shared/paths';

export type PackageSort = (typeof PACKAGE_SORT)[number];

export function packageColumns({ withVendor }: { withVendor: boolean }): Column<PackageRow, PackageSort>[] {
  const columns: (Column<PackageRow, PackageSort> | false)[] = [
    {
      id: 'displayName',
      header: 'Package',
      sortKey: 'displayName',
      cell: (p) => <Link to={paths.package(p.id)}>{p.displayName}</Link>,
    },
    withVendor && { id: 'vendor', header: 'Vendor', sortKey: 'vendor', cell: (p) => p.vendorName },
    {
      id: 'latestVersion',
      header: 'Latest version',
      nowrap: true,
      cell: (p) => (p.latestVersion ? <span className="code">{p.latestVersion}</span> : <span className="muted">No releases</span>),
    },
    { id: 'latestRelease', header: 'Released', sortKey: 'latestRelease', nowrap: true, cell: (p) => formatDay(p.latestRelease) },
    { id: 'releases', header: 'Releases', align: 'end', nowrap: true, cell: (p) => p.releaseCount },
    { id: 'skus', header: 'SKUs', align: 'end', nowrap: true, cell: (p) => p.skuCount },
  ];
  return columns.filter((c): c is Column<PackageRow, PackageSort> => c !== false);
}
