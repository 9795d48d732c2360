import { Link } from 'react-router';
import type { DOMAIN_SORT } from '../../../src-main/api/schemas';
import type { DomainLicenseRow } from '../../../src-main/domain/licenses/types';
import type { Column } from '../../components/DataTable';
import { formatDay } from '../../format/dates';
import { DomainStateBadge } from '../licenses/LicenseBadges';
import { licensePaths } from '../licenses/licensePaths';
import { domainStateWhy } from '../licenses/licenseWords';

export type DomainSort = (typeof DOMAIN_SORT)[number];

export const domainColumns: Column<DomainLicenseRow, DomainSort>[] = [
  {
    id: 'domain',
    header: 'Domain',
    sortKey: 'domain',
    cell: (d) => (
      <Link className="code" to={licensePaths.license(d.licenseId)} aria-label={`${d.domainName}, license ${d.licenseId}`}>
        {d.domainName}
      </Link>
    ),
  },
  {
    id: 'license',
    header: 'License',
    sortKey: 'license',
    cell: (d) => (
      <>
        #{d.licenseId} · {d.ownerName}
        <span className="cell-note code">{d.sku}</span>
      </>
    ),
  },
  { id: 'kind', header: 'Kind', nowrap: true, cell: (d) => (d.isAutomatic ? 'Automatic' : 'Manual') },
  {
    id: 'state',
    header: 'State',
    cell: (d) => (
      <>
        <DomainStateBadge state={d.state} /> <span className="cell-note">{domainStateWhy(d)}</span>
      </>
    ),
  },
  { id: 'issued', header: 'Issued', sortKey: 'issued', nowrap: true, cell: (d) => formatDay(d.issued) },
  { id: 'expires', header: 'Expires', sortKey: 'expires', nowrap: true, cell: (d) => formatDay(d.expires, 'Never') },
];
