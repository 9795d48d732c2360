/** What an app reported going wrong, newest first, a page at a time; details open on request. */
import { useEffect, useState } from 'react';
import type { AppDetail } from '../../../src-main/domain/apps/types';
import { EmptyState } from '../../components/EmptyState';
import { Pagination } from '../../components/Pagination';
import { Section } from '../../components/Section';
import { formatMoment } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';

const ISSUES_PAGE = 10;

/** Known severities get a colour; anything else reads as neutral. */
function severityClass(severity: string): string {
  const s = severity.toLowerCase();
  if (s.startsWith('crit') || s === 'fatal') return 'badge badge--severity-critical';
  if (s.startsWith('err')) return 'badge badge--severity-error';
  if (s.startsWith('warn')) return 'badge badge--severity-warning';
  return 'badge badge--severity-info';
}

export function AppIssuesSection({ app, version }: { app: AppDetail; version: number }) {
  const [page, setPage] = useState(1);
  const issues = useApiQuery('app.issues', { appId: app.id, limit: ISSUES_PAGE, offset: (page - 1) * ISSUES_PAGE });
  const { reload } = issues;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const data = issues.data ?? issues.lastData;

  return (
    <Section title="Recent issues" count={data?.total}>
      {issues.error ? (
        <p className="section__error" role="alert">
          {issues.error.message}
        </p>
      ) : !data ? (
        <p className="loading">Loading issues…</p>
      ) : data.total === 0 ? (
        <EmptyState compact title="No issues reported.">
          <p>Issues arrive in the app’s reports: use Import report.</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className={issues.loading ? 'table table--busy' : 'table'}>
              <caption className="visually-hidden">Issues reported by {app.displayName}</caption>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Message</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((issue) => (
                  <tr key={issue.id}>
                    <td className="cell--nowrap">
                      <span className={severityClass(issue.severity)}>{issue.severity}</span>
                    </td>
                    <td>
                      {issue.details ? (
                        <details className="issue-details">
                          <summary>{issue.message}</summary>
                          <pre className="issue-details__text">{issue.details}</pre>
                        </details>
                      ) : (
                        issue.message
                      )}
                    </td>
                    <td className="cell--nowrap">{formatMoment(issue.time)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="section__pages">
            <Pagination offset={data.offset} pageSize={data.limit} total={data.total} onPage={setPage} noun="issues" />
          </div>
        </>
      )}
    </Section>
  );
}
