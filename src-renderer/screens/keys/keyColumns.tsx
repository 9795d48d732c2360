import { Link } from 'react-router';
import type { SigningKeyRow } from '../../../src-main/domain/keys/types';
import { NarrowOnly, type Column } from '../../components/DataTable';
import { formatMoment } from '../../format/dates';
import { groupFingerprint } from '../../format/keys';
import { keyPaths } from './keyPaths';

export function RetiredBadge() {
  return (
    <span className="badge badge--retired" title="No SKU signs with it any more; kept so the files it signed still verify.">
      Retired
    </span>
  );
}

/** The grouped fingerprint, in a monospace face that keeps its groups aligned. */
export function Fingerprint({ value }: { value: string }) {
  return <code className="fingerprint">{groupFingerprint(value)}</code>;
}

/** The key table's columns: the key list shows every vendor's keys. */
export const keyColumns: Column<SigningKeyRow>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: (k) => (
      <>
        <Link to={keyPaths.key(k.id)}>{k.displayName}</Link> {k.retiredAt && <RetiredBadge />}
        <NarrowOnly>{k.vendorName}</NarrowOnly>
      </>
    ),
  },
  { id: 'vendor', header: 'Vendor', wideOnly: true, cell: (k) => k.vendorName },
  { id: 'fingerprint', header: 'Fingerprint', nowrap: true, cell: (k) => <Fingerprint value={k.fingerprint} /> },
  { id: 'created', header: 'Created', nowrap: true, cell: (k) => formatMoment(k.createdAt) },
  { id: 'skus', header: 'SKUs', align: 'end', nowrap: true, cell: (k) => k.skuCount.toLocaleString() },
  { id: 'signed', header: 'Signed files', align: 'end', nowrap: true, cell: (k) => k.signedCount.toLocaleString() },
];
