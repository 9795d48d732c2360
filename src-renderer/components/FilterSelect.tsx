interface FilterSelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The "no filter" choice: "All vendors". */
  allLabel: string;
  options: { value: string; label: string }[];
}

/** A labelled drop-down that narrows a list. */
export function FilterSelect({ label, value, onChange, allLabel, options }: FilterSelectProps) {
  return (
    <label className="filter">
      <span className="filter__label">{label}</span>
      <select className="input filter__select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
