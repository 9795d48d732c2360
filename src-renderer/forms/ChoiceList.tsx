/**
 * A multi-select as a list of checkboxes (every option visible, reachable with Tab and
 * Space), with a filter box once the list grows long.
 */
import { useState, type ReactNode } from 'react';

export interface Choice {
  id: number;
  label: string;
  detail?: string | null;
}

interface ChoiceListProps {
  name: string;
  legend: string;
  choices: Choice[];
  selected: number[];
  onChange: (selected: number[]) => void;
  /** Shown instead of the list when there is nothing to choose. */
  empty: ReactNode;
  error?: string;
  loading?: boolean;
}

const FILTER_FROM = 8;

export function ChoiceList({ name, legend, choices, selected, onChange, empty, error, loading }: ChoiceListProps) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? choices.filter((c) => `${c.label} ${c.detail ?? ''}`.toLowerCase().includes(needle))
    : choices;

  function toggle(id: number, on: boolean) {
    onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  }

  return (
    <fieldset className={error ? 'choice-list field--invalid' : 'choice-list'} aria-invalid={error ? true : undefined}>
      <legend className="field__label">
        {legend}
        {choices.length > 0 && <span className="choice-list__count"> · {selected.length} selected</span>}
      </legend>
      {loading ? (
        <p className="muted">Loading…</p>
      ) : choices.length === 0 ? (
        <div className="choice-list__empty">{empty}</div>
      ) : (
        <>
          {choices.length >= FILTER_FROM && (
            <input
              type="search"
              className="input choice-list__filter"
              placeholder={`Filter ${legend.toLowerCase()}`}
              aria-label={`Filter ${legend.toLowerCase()}`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => {
                // Enter in the filter must not save the whole form.
                if (e.key === 'Enter') e.preventDefault();
              }}
            />
          )}
          <ul className="choice-list__items">
            {shown.map((choice) => {
              const id = `${name}-${choice.id}`;
              return (
                <li key={choice.id} className="choice-list__item">
                  <input
                    id={id}
                    type="checkbox"
                    className="checkbox"
                    checked={selected.includes(choice.id)}
                    onChange={(e) => toggle(choice.id, e.target.checked)}
                  />
                  <label htmlFor={id}>
                    <span className="choice-list__label">{choice.label}</span>
                    {choice.detail && <span className="choice-list__detail">{choice.detail}</span>}
                  </label>
                </li>
              );
            })}
            {shown.length === 0 && <li className="muted">Nothing matches “{filter}”.</li>}
          </ul>
        </>
      )}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
