/**
 * Who holds which right on one record (a license, an app, a customer…), with Grant and
 * Revoke: a section any record's page can show. Revoking asks first; every change is
 * audited by the API.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { ObjectRight, ObjectType } from '../../src-main/domain/people/types';
import { api } from '../api/client';
import { userPaths } from '../screens/users/userPaths';
import { useApiQuery } from '../hooks/useApiQuery';
import { ConfirmButton } from './ConfirmButton';
import { EmptyState } from './EmptyState';
import { GrantRightDialog } from './GrantRightDialog';
import { Section } from './Section';
import { useToast } from './Toasts';

export interface ObjectRightsPanelProps {
  objectType: ObjectType;
  /** The record's id: a number, or an app's GUID. */
  objectId: string | number;
  /** How people know the record, for the dialog and messages: "license 12", "app Shop site". */
  objectLabel: string;
}

export function ObjectRightsPanel({ objectType, objectId, objectLabel }: ObjectRightsPanelProps) {
  const id = String(objectId);
  const grants = useApiQuery('right.forObject', { objectType, objectId: id });
  const [granting, setGranting] = useState(false);
  const rows = grants.data ?? grants.lastData;

  return (
    <Section
      title="Rights"
      count={rows?.length}
      actions={
        <button type="button" className="button button--small" onClick={() => setGranting(true)}>
          Grant a right…
        </button>
      }
    >
      {grants.error ? (
        <p className="section__error" role="alert">
          {grants.error.message}{' '}
          <button type="button" className="button button--small" onClick={grants.reload}>
            Try again
          </button>
        </p>
      ) : !rows ? (
        <p className="loading">Loading rights…</p>
      ) : rows.length === 0 ? (
        <EmptyState compact title={`No one holds a right on ${objectLabel}.`}>
          <p>Grant a right to say who may act on it.</p>
        </EmptyState>
      ) : (
        <RightsTable caption={`Rights on ${objectLabel}`} grants={rows} show="user" onChanged={grants.reload} />
      )}
      {granting && (
        <GrantRightDialog
          object={{ type: objectType, id, label: objectLabel }}
          onClose={() => setGranting(false)}
          onGranted={() => {
            setGranting(false);
            grants.reload();
          }}
        />
      )}
    </Section>
  );
}

interface RightsTableProps {
  caption: string;
  grants: ObjectRight[];
  /** The column that differs between rows: the user (on a record's page) or the record (on a user's page). */
  show: 'user' | 'object';
  /** Where a record's page is, for linking it; absent: the label alone. */
  objectHref?: (grant: ObjectRight) => string | null;
  onChanged: () => void;
}

/** Grants as a table, each with Revoke. */
export function RightsTable({ caption, grants, show, objectHref, onChanged }: RightsTableProps) {
  const toast = useToast();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{show === 'user' ? 'User' : 'On'}</th>
            <th scope="col">Right</th>
            <th scope="col" className="cell--end">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => {
            const href = objectHref?.(grant);
            return (
              <tr key={grant.id}>
                <td>
                  {show === 'user' ? (
                    <>
                      <Link to={userPaths.user(grant.userId)}>{grant.userName}</Link> <span className="muted">{grant.userEmail}</span>
                    </>
                  ) : href ? (
                    <Link to={href}>{grant.objectLabel}</Link>
                  ) : (
                    grant.objectLabel
                  )}
                </td>
                <td>{grant.rightName}</td>
                <td className="cell--end">
                  <ConfirmButton
                    small
                    label="Revoke"
                    ariaLabel={`Revoke ${grant.rightName} from ${grant.userName} on ${grant.objectLabel}`}
                    title={`Revoke “${grant.rightName}”?`}
                    confirmLabel="Revoke right"
                    busyLabel="Revoking…"
                    refusedTitle="The right was not revoked"
                    run={() => api('right.revoke', { id: grant.id })}
                    onDone={() => {
                      toast.success(`${grant.userName} no longer holds “${grant.rightName}” on ${grant.objectLabel}.`);
                      onChanged();
                    }}
                  >
                    <p>
                      <strong>{grant.userName}</strong> will no longer hold <strong>{grant.rightName}</strong> on {grant.objectLabel}.
                    </p>
                  </ConfirmButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
