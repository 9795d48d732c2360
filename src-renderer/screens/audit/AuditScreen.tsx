/**
 * The audit log: every change, newest first. Filters (who, what, which record, when)
 * live in the URL like any list's, so a record's "History" link is a filtered view and
 * Back returns to it. Each entry's JSON details open in place.
 */
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { AuditRow } from '../../../src-main/domain/insight/types';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { ListToolbar } from '../../components/ListToolbar';
import { PageHeader } from '../../components/PageHeader';
import { formatMoment } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { actionOptions, detailSummary, targetTypeLabel } from './auditWords';
import { objectPath } from './objectPaths';

const SORTABLE = ['at'] as const;
const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function AuditScreen() {
  const params = useListParams(SORTABLE, 'at', 'desc');
  const facets = useApiQuery('audit.facets', {});
  const filters = Object.fromEntries(
    FILTERS.map((name) => [name, params.filter(name).trim()]).filter(([name, value]) => value && (name === 'from' || name === 'to' ? DAY.test(value) : true)),
  ) as Partial<Record<(typeof FILTERS)[number], string>>;
  const query = { ...filters, dir: params.dir, limit: params.query.limit, offset: params.query.offset };
  const list = useApiQuery('audit.list', query);
  const filtered = Object.keys(filters).length > 0;

  const toOptions = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v, label: v }));
  const typeOptions = (facets.data?.targetTypes ?? []).map((t) => ({ value: t, label: targetTypeLabel(t) }));

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change to your books: who did what, to which record, and when. Nothing here can be edited." />
      <ListToolbar>
        <FilterSelect label="Who" allLabel="Anyone" value={params.filter('actor')} onChange={(v) => params.setFilter('actor', v)} options={toOptions(facets.data?.actors)} />
        <FilterSelect label="Action" allLabel="Any action" value={params.filter('action')} onChange={(v) => params.setFilter('action', v)} options={actionOptions(facets.data?.actions ?? [])} />
        <FilterSelect label="Record" allLabel="Any record" value={params.filter('targetType')} onChange={(v) => params.setFilter('targetType', v)} options={typeOptions} />
        <TextFilter label="Record id" value={params.filter('targetId')} onChange={(v) => params.setFilter('targetId', v)} />
        <DateFilter label="From" value={params.filter('from')} onChange={(v) => params.setFilter('from', v)} />
        <DateFilter label="To" value={params.filter('to')} onChange={(v) => params.setFilter('to', v)} />
        <label className="filter">
          <span className="filter__label">Order</span>
          <select className="input filter__select filter__select--narrow" value={params.dir} onChange={(e) => e.target.value !== params.dir && params.setSort('at')}>
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </label>
        <span className="list-toolbar__end">
          {filtered && (
            <button type="button" className="button" onClick={params.clearFilters}>
              Clear filters
            </button>
          )}
          <ExportCsvButton list="audit.list" query={query} noun="entry" />
        </span>
      </ListToolbar>
      {facets.error && (
        <p className="section__error" role="alert">
          The filter choices could not be loaded: {facets.error.message}
        </p>
      )}
      <ListBody
        query={list}
        noun="entries"
        onPage={params.setPage}
        filtered={filtered}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState title="Nothing recorded yet.">
            <p>Every change you make (a vendor added, a license issued, a right granted) is recorded here as you work.</p>
          </EmptyState>
        }
      >
        {(items) => <AuditTable rows={items} busy={list.loading} />}
      </ListBody>
    </>
  );
}

function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  // Applied on Enter or when leaving the box: every key would reload the list.
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(value);
  }
  const apply = () => text.trim() !== value && onChange(text.trim());
  return (
    <label className="filter">
      <span className="filter__label">{label}</span>
      <input
        type="search"
        className="input filter__input"
        value={text}
        maxLength={64}
        placeholder="Any"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
      />
    </label>
  );
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="filter">
      <span className="filter__label">{label} (UTC)</span>
      <input type="date" className="input filter__input" value={DAY.test(value) ? value : ''} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function AuditTable({ rows, busy }: { rows: AuditRow[]; busy: boolean }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((all) => {
      const next = new Set(all);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="table-wrap">
      <table className={busy ? 'table table--busy audit-table' : 'table audit-table'} aria-busy={busy || undefined}>
        <caption className="visually-hidden">Audit log entries</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col" className="cell--end">
              Details
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const href = objectPath(row.targetType, row.targetId);
            const expanded = open.has(row.id);
            const summary = detailSummary(row.details);
            // Some records are one of a kind (the vault): their id says nothing more.
            const typeLabel = targetTypeLabel(row.targetType);
            const oneOfAKind = row.targetId === '-' || row.targetId === row.targetType || row.targetId.toLowerCase() === typeLabel.toLowerCase();
            const target = oneOfAKind ? typeLabel : `${typeLabel} ${row.targetId}`;
            const detailsId = `audit-details-${row.id}`;
            return (
              <Fragment key={row.id}>
                <tr className={expanded ? 'audit-row audit-row--open' : 'audit-row'}>
                  <td className="cell--nowrap">{formatMoment(row.at)}</td>
                  <td>{row.actor}</td>
                  <td>
                    <code>{row.action}</code>
                    {summary && <span className="cell-detail">{summary}</span>}
                  </td>
                  <td className="audit-target">{href ? <Link to={href}>{target}</Link> : target}</td>
                  <td className="cell--end">
                    <button
                      type="button"
                      className="button button--small"
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      aria-label={`${expanded ? 'Hide' : 'Show'} details of ${row.action} on ${row.targetType} ${row.targetId}`}
                      onClick={() => toggle(row.id)}
                    >
                      {expanded ? 'Hide' : 'Show'}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="audit-row__details" id={detailsId}>
                    <td colSpan={5}>
                      <pre className="audit-json">{JSON.stringify(row.details, null, 2)}</pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
