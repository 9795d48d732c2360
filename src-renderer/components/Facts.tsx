import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  /** A short explanation under the value. */
  hint?: string;
}

/** A record's fields as label/value pairs, in a grid that reads top to bottom. */
export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div className="facts__item" key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>
            {fact.value}
            {fact.hint && <span className="facts__hint">{fact.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
