import { Link } from 'react-router';
import type { SKU_SORT } from '../../../../src-main/api/schemas';
import type { SkuRow } from '../../../../src-main/domain/catalog/types';
import { AvailabilityBadge } from '../../../components/Badges';
import { NarrowOnly, type Column } from '../../../components/DataTable';
import { formatDay } from '../../../format/dates';
import { paths } from '../shared/paths';

export type SkuSort = (typeof SKU_SORT)[number];

/** SKU table columns; a vendor's own page leaves out the vendor column. */
export function skuColumns({ withVendor }: { withVendor: boolean }): Column<SkuRow, SkuSort>[] {
  const columns: (Column<SkuRow, SkuSort> | false)[] = [
    {
      id: 'sku',
      header: 'SKU',
      sortKey: 'sku',
      nowrap: true,
      cell: (s) => (
        <Link className="code" to={paths.sku(s.id)}>
          {s.sku}
        </Link>
      ),
    },
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      cell: (s) => (
        <>
          {s.name ?? <span className="muted">—</span>}
          {withVendor && <NarrowOnly>{s.vendorName}</NarrowOnly>}
        </>
      ),
    },
    // Near the window's minimum width the vendor moves under the name, so the counts stay in view.
    withVendor && { id: 'vendor', header: 'Vendor', sortKey: 'vendor', wideOnly: true, cell: (s) => s.vendorName },
    { id: 'availability', header: 'Availability', nowrap: true, cell: (s) => <AvailabilityBadge availability={s.availability} /> },
    { id: 'releaseDate', header: 'Released', sortKey: 'releaseDate', nowrap: true, cell: (s) => formatDay(s.releaseDate) },
    { id: 'expirationDate', header: 'Expires', sortKey: 'expirationDate', nowrap: true, cell: (s) => formatDay(s.expirationDate, 'Never') },
    { id: 'features', header: 'Features', align: 'end', nowrap: true, cell: (s) => s.featureCount },
    { id: 'licenses', header: 'Licenses', align: 'end', nowrap: true, cell: (s) => s.licenseCount },
  ];
  return columns.filter((c): c is Column<SkuRow, SkuSort> => c !== false);
}
