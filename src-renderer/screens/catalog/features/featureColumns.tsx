import { Link } from 'react-router';
import type { FEATURE_SORT } from '../../../../src-main/api/schemas';
import type { FeatureRow } from '../../../../src-main/domain/catalog/types';
import type { Column } from '../../../components/DataTable';
import { formatDay } from '../../../format/dates';
import { paths } from '../shared/paths';

export type FeatureSort = (typeof FEATURE_SORT)[number];

export function featureColumns({ withVendor }: { withVendor: boolean }): Column<FeatureRow, FeatureSort>[] {
  const columns: (Column<FeatureRow, FeatureSort> | false)[] = [
    {
      id: 'code',
      header: 'Feature code',
      sortKey: 'code',
      nowrap: true,
      cell: (f) => (
        <Link className="code" to={paths.feature(f.id)}>
          {f.code}
        </Link>
      ),
    },
    { id: 'description', header: 'Description', cell: (f) => f.description ?? <span className="muted">—</span> },
    withVendor && { id: 'vendor', header: 'Vendor', sortKey: 'vendor', cell: (f) => f.vendorName },
    { id: 'skus', header: 'SKUs', align: 'end', nowrap: true, cell: (f) => f.skuCount },
    { id: 'createdAt', header: 'Added', sortKey: 'createdAt', nowrap: true, cell: (f) => formatDay(f.createdAt) },
  ];
  return columns.filter((c): c is Column<FeatureRow, FeatureSort> => c !== false);
}
