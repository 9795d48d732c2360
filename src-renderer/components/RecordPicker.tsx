/**
 * Choosing one record among many (a license, a user, a customer): type to search, the
 * API answers with the first matches, arrows move, Enter or a click picks. A combobox
 * in the ARIA sense, so a screen reader hears the choices. Esc closes the list first,
 * the dialog around it next; Enter picks while the list is open, and submits after.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { messageOf } from '../api/client';
import { controlAttributes, FieldFrame, type CommonProps } from '../forms/fields';
import { useDebouncedValue } from '../hooks/useDebouncedValue';

export interface PickedRecord {
  /** The record's id as text (numbers and GUIDs alike). */
  value: string;
  label: string;
  detail?: string | null;
}

/** Must be a module-level function: a new identity searches again. */
export type RecordSearch = (text: string) => Promise<PickedRecord[]>;

interface RecordPickerProps extends CommonProps {
  value: PickedRecord | null;
  onChange: (picked: PickedRecord | null) => void;
  search: RecordSearch;
  placeholder?: string;
  /** "No license matches". */
  noMatch: string;
}

const SEARCH_DELAY_MS = 200;

type Results = { text: string; records: PickedRecord[]; error?: undefined } | { text: string; records?: undefined; error: string };

export function RecordPicker({ value, onChange, search, placeholder, noMatch, ...frame }: RecordPickerProps) {
  const listId = useId();
  const [text, setText] = useState(value?.label ?? '');
  const [syncedValue, setSyncedValue] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<Results | null>(null);
  const debounced = useDebouncedValue(text, SEARCH_DELAY_MS);

  // Picked (or cleared) from outside: show it.
  if (value !== syncedValue) {
    setSyncedValue(value);
    setText(value?.label ?? '');
  }

  const query = value ? '' : debounced.trim();
  useEffect(() => {
    if (!open) return;
    let current = true;
    search(query).then(
      (records) => current && setResults({ text: query, records }),
      (error: unknown) => current && setResults({ text: query, error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [open, query, search]);

  const records = results?.text === query ? results.records : undefined;
  const shown = records ?? [];

  function pick(record: PickedRecord) {
    setOpen(false);
    setActive(-1);
    setSyncedValue(record);
    setText(record.label);
    onChange(record);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (shown.length ? (i + step + shown.length) % shown.length : -1));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const chosen = shown[active] ?? (shown.length === 1 ? shown[0] : undefined);
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape' && open) {
      // Only the list closes; the dialog stays.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const activeRecord = open ? shown[active] : undefined;
  const attributes = controlAttributes(frame);
  return (
    <FieldFrame {...frame}>
      <div className="picker">
        <input
          {...attributes}
          type="text"
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeRecord ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
            if (value) {
              // Typing over a pick un-picks it; the text typed stays.
              setSyncedValue(null);
              onChange(null);
            }
          }}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        {open && (
          <ul className="picker__list" role="listbox" id={listId} aria-label={frame.label}>
            {results?.error !== undefined && results.text === query ? (
              <li className="picker__note picker__note--error">{results.error}</li>
            ) : !records ? (
              <li className="picker__note">Searching…</li>
            ) : records.length === 0 ? (
              <li className="picker__note">{noMatch}</li>
            ) : (
              records.map((record, i) => (
                <li
                  key={record.value}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'picker__option picker__option--active' : 'picker__option'}
                  // Picked on mouse down, before the input's blur closes the list.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(record);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className="picker__label">{record.label}</span>
                  {record.detail && <span className="picker__detail">{record.detail}</span>}
                </li>
              ))
            )}
          </ul>
        )}
      </div>
    </FieldFrame>
  );
}
