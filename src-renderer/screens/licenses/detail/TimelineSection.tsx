/** What happened to a license and who did it: issued, domains, renewals, revocations, transfers. */
import { useEffect } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { formatMoment } from '../../../format/dates';
import { useApiQuery } from '../../../hooks/useApiQuery';

interface TimelineSectionProps {
  licenseId: number;
  /** Grows whenever the license changed on this page: the timeline loads again. */
  version: number;
}

export function TimelineSection({ licenseId, version }: TimelineSectionProps) {
  const timeline = useApiQuery('license.timeline', { id: licenseId });
  const { reload } = timeline;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const entries = timeline.data ?? timeline.lastData;

  return (
    <Section title="Timeline" count={entries?.length}>
      {timeline.error ? (
        <EmptyState
          compact
          title="The timeline could not be loaded."
          action={
            <button type="button" className="button button--small" onClick={reload}>
              Try again
            </button>
          }
        >
          <p>{timeline.error.message}</p>
        </EmptyState>
      ) : !entries ? (
        <p className="loading" aria-busy="true">
          Loading the timeline…
        </p>
      ) : entries.length === 0 ? (
        <EmptyState compact title="Nothing recorded yet." />
      ) : (
        <ol className="timeline" aria-label={`Timeline of license ${licenseId}`}>
          {entries.map((entry) => (
            <li key={entry.id} className="timeline__entry">
              <time className="timeline__when" dateTime={entry.at}>
                {formatMoment(entry.at)}
              </time>
              <span className="timeline__what">{entry.summary}</span>
              <span className="timeline__who">by {entry.actor}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
