import { Link } from 'react-router';
import type { LICENSE_SORT } from '../../../src-main/api/schemas';
import type { LicenseRow } from '../../../src-main/domain/licenses/types';
import { NarrowOnly, type Column } from '../../components/DataTable';
import { formatDay } from '../../format/dates';
import { LicenseStateBadge } from './LicenseBadges';
import { licensePaths } from './licensePaths';

export type LicenseSort = (typeof LICENSE_SORT)[number];

export const licenseColumns: Column<LicenseRow, LicenseSort>[] = [
  {
    id: 'id',
    header: 'License',
    sortKey: 'id',
    nowrap: true,
    cell: (l) => (
      <Link className="code" to={licensePaths.license(l.id)} aria-label={`License ${l.id}`}>
        #{l.id}
      </Link>
    ),
  },
  {
    id: 'owner',
    header: 'Owner',
    sortKey: 'owner',
    cell: (l) => (
      <>
        {l.ownerName}
        {l.owningEntityName && l.owningEntityName !== l.ownerName && <span className="cell-note">{l.owningEntityName}</span>}
        <NarrowOnly>{l.sku}</NarrowOnly>
      </>
    ),
  },
  { id: 'sku', header: 'SKU', sortKey: 'sku', nowrap: true, wideOnly: true, cell: (l) => <span className="code">{l.sku}</span> },
  { id: 'state', header: 'State', nowrap: true, cell: (l) => <LicenseStateBadge state={l.state} /> },
  { id: 'issued', header: 'Issued', sortKey: 'issued', nowrap: true, cell: (l) => formatDay(l.issued) },
  { id: 'expires', header: 'Expires', sortKey: 'expires', nowrap: true, cell: (l) => formatDay(l.expires, 'Never') },
  { id: 'domains', header: 'Domains', align: 'end', nowrap: true, cell: (l) => l.liveDomainCount },
  { id: 'apps', header: 'Apps', align: 'end', nowrap: true, cell: (l) => l.appCount },
];
