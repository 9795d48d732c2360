import type { ReactNode } from 'react';

interface SectionProps {
  title: string;
  count?: number;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card on a detail page (a vendor's SKUs, a package's releases). */
export function Section({ title, count, actions, children }: SectionProps) {
  const headingId = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card section" aria-labelledby={headingId}>
      <header className="section__header">
        <h2 id={headingId} className="section__title">
          {title}
          {count !== undefined && <span className="section__count">{count}</span>}
        </h2>
        {actions && <div className="section__actions">{actions}</div>}
      </header>
      <div className="section__body">{children}</div>
    </section>
  );
}
