import { Link } from 'react-router';
import type { Release } from '../../../../src-main/domain/catalog/types';
import { api } from '../../../api/client';
import { StabilityBadge } from '../../../components/Badges';
import { DeleteButton } from '../../../components/DeleteButton';
import { formatDay } from '../../../format/dates';
import { useToast } from '../../../components/Toasts';
import { paths } from '../shared/paths';

interface ReleasesTableProps {
  packageId: number;
  releases: Release[];
  onChanged: () => void;
}

/** A package's releases, newest first, with their links and per-release actions. */
export function ReleasesTable({ packageId, releases, onChanged }: ReleasesTableProps) {
  const toast = useToast();
  const newestFirst = [...releases].sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || b.id - a.id);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Releases</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Name</th>
            <th scope="col">Stability</th>
            <th scope="col">Released</th>
            <th scope="col">Links</th>
            <th scope="col" className="cell--end">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((r) => (
            <tr key={r.id}>
              <td className="cell--nowrap">
                <span className="code">{r.version}</span>
              </td>
              <td>{r.displayName}</td>
              <td className="cell--nowrap">
                <StabilityBadge stability={r.stability} />
              </td>
              <td className="cell--nowrap">{formatDay(r.releaseDate)}</td>
              <td className="cell--nowrap">
                {r.notesUrl && (
                  <a href={r.notesUrl} target="_blank" rel="noreferrer noopener">
                    Notes
                  </a>
                )}
                {r.notesUrl && r.downloadUrl && ' · '}
                {r.downloadUrl && (
                  <a href={r.downloadUrl} target="_blank" rel="noreferrer noopener">
                    Download
                  </a>
                )}
                {!r.notesUrl && !r.downloadUrl && <span className="muted">—</span>}
              </td>
              <td className="cell--end cell--nowrap">
                <div className="row-actions">
                  <Link className="button button--small" to={paths.editRelease(packageId, r.id)} aria-label={`Edit release ${r.version}`}>
                    Edit
                  </Link>
                  <DeleteButton
                    small
                    kind="release"
                    name={`${r.displayName} ${r.version}`}
                    run={() => api('release.delete', { id: r.id })}
                    onDeleted={() => {
                      toast.success(`Release ${r.version} deleted.`);
                      onChanged();
                    }}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
