import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { SEARCH_MAX_LENGTH } from '../hooks/useListParams';

interface SearchBoxProps {
  value: string;
  onSearch: (text: string) => void;
  placeholder: string;
  label: string;
}

const SEARCH_DELAY_MS = 250;

/** Searches as you type, once typing pauses; Esc clears it. */
export function SearchBox({ value, onSearch, placeholder, label }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const [syncedValue, setSyncedValue] = useState(value);
  const debounced = useDebouncedValue(text, SEARCH_DELAY_MS);

  // The search changed from outside (Clear filters, Back): show it. A change that came
  // from this box equals `debounced` and must not undo what was typed since.
  if (value !== syncedValue) {
    setSyncedValue(value);
    if (value !== debounced.trim()) setText(value);
  }

  useEffect(() => {
    if (debounced.trim() !== value) onSearch(debounced);
    // Only a settled change of the text should search, not a new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return (
    <div className="search-box">
      <span className="search-box__icon" aria-hidden="true">
        ⌕
      </span>
      <input
        type="search"
        className="input search-box__input"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        maxLength={SEARCH_MAX_LENGTH}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
          }
        }}
      />
    </div>
  );
}
