/**
 * Form fields: a label bound to its control, an optional hint, and the error message
 * under it (announced, linked with aria-describedby, and marked aria-invalid).
 */
import { useState, type ReactNode } from 'react';
import { INCOMPLETE_DATE_MESSAGE, isIncompleteDate, readDateInput, type DateInput } from './dateInput';

export interface FieldFrameProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Spans both columns of a two-column form. */
  wide?: boolean;
  children: ReactNode;
}

export const fieldId = (name: string) => `field-${name}`;
const hintId = (name: string) => `field-${name}-hint`;
const errorId = (name: string) => `field-${name}-error`;

function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldFrame({ name, label, hint, error, required, wide, children }: FieldFrameProps) {
  return (
    <div className={['field', wide && 'field--wide', error && 'field--invalid'].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={fieldId(name)}>
        {label}
        {required && <span className="field__required"> (required)</span>}
      </label>
      {children}
      <FieldMessages name={name} hint={hint} error={error} />
    </div>
  );
}

/** The hint and the error under a control, with the ids its aria-describedby names. */
function FieldMessages({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <p className="field__hint" id={hintId(name)}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId(name)}>
          {error}
        </p>
      )}
    </>
  );
}

export interface CommonProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  autoFocus?: boolean;
  wide?: boolean;
}

/**
 * What every control shares: its id for the label, and its hint and error for screen
 * readers. `data-autofocus` lets a dialog focus the field once it is open (see Dialog).
 */
export function controlAttributes({ name, hint, error, required, autoFocus }: CommonProps) {
  return {
    id: fieldId(name),
    name,
    required,
    autoFocus,
    'data-autofocus': autoFocus ? 'true' : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(name, hint, error),
  } as const;
}

interface TextFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** A password field never shows what is typed; passphrases are never trimmed or spell-checked. */
  type?: 'text' | 'url' | 'password' | 'datetime-local';
  /** Monospace for codes and keys. */
  code?: boolean;
  maxLength?: number;
}

export function TextField({ value, onChange, placeholder, type = 'text', code, maxLength, ...frame }: TextFieldProps) {
  return (
    <FieldFrame {...frame}>
      <input
        {...controlAttributes(frame)}
        type={type}
        className={code ? 'input input--code' : 'input'}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        spellCheck={code || type === 'password' ? false : undefined}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

interface DateFieldProps extends CommonProps {
  value: DateInput;
  onChange: (value: DateInput) => void;
}

/**
 * A date box that knows a half-typed date from an empty one, and says so once the
 * user leaves it (the form also refuses to save it).
 */
export function DateField({ value, onChange, ...frame }: DateFieldProps) {
  const [left, setLeft] = useState(false);
  const error = frame.error ?? (left && isIncompleteDate(value) ? INCOMPLETE_DATE_MESSAGE : undefined);
  // Typing into an empty date box fires no input event until the date is whole, so the
  // box is read again on every key and when focus leaves it.
  const report = (input: HTMLInputElement) => {
    const next = readDateInput(input);
    if (next !== value) onChange(next);
  };
  return (
    <FieldFrame {...frame} error={error}>
      <input
        {...controlAttributes({ ...frame, error })}
        type="date"
        className="input"
        value={isIncompleteDate(value) ? '' : value}
        autoComplete="off"
        onChange={(e) => report(e.target)}
        onKeyUp={(e) => report(e.currentTarget)}
        onFocus={() => setLeft(false)}
        onBlur={(e) => {
          setLeft(true);
          report(e.currentTarget);
        }}
      />
    </FieldFrame>
  );
}

interface NumberFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  /** "days" after the box. */
  unit?: string;
  /** What a blank box means: "No limit" unless told ("None"). */
  placeholder?: string;
}

/**
 * Whole numbers typed as text: a number input would silently turn "12x" into blank,
 * which here means "no limit"; as text, zod can say what is wrong.
 */
export function NumberField({ value, onChange, unit, placeholder = 'No limit', ...frame }: NumberFieldProps) {
  return (
    <FieldFrame {...frame}>
      <span className="input-with-unit">
        <input
          {...controlAttributes(frame)}
          type="text"
          inputMode="numeric"
          className="input input--number"
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="input-with-unit__unit">{unit}</span>}
      </span>
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
  /** Monospace, and no spelling, capitals or autocomplete: for keys and license text. */
  code?: boolean;
}

export function TextAreaField({ value, onChange, rows = 3, placeholder, code, ...frame }: TextAreaFieldProps) {
  return (
    <FieldFrame {...frame} wide>
      <textarea
        {...controlAttributes(frame)}
        className={code ? 'input input--textarea input--code' : 'input input--textarea'}
        rows={rows}
        value={value}
        placeholder={placeholder}
        {...(code ? CODE_TEXT_ATTRIBUTES : {})}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

/** A text area for keys and license text: the browser must not correct, capitalise or remember it. */
export const CODE_TEXT_ATTRIBUTES = { spellCheck: false, autoComplete: 'off', autoCapitalize: 'off', autoCorrect: 'off' } as const;

interface SelectFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** The first, empty choice ("Choose a vendor…"); omit when a value is always chosen. */
  placeholder?: string;
}

export function SelectField({ value, onChange, options, placeholder, ...frame }: SelectFieldProps) {
  return (
    <FieldFrame {...frame}>
      <select {...controlAttributes(frame)} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}

export function CheckboxField({ name, label, hint, checked, onChange, error }: CheckboxFieldProps) {
  return (
    <div className={error ? 'checkbox-field field--invalid' : 'checkbox-field'}>
      <input
        id={fieldId(name)}
        name={name}
        type="checkbox"
        className="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={fieldId(name)} className="checkbox-field__label">
          {label}
        </label>
        <FieldMessages name={name} hint={hint} error={error} />
      </div>
    </div>
  );
}

/** A static value shown where a field would be (e.g. the vendor of an existing SKU). */
export function ReadOnlyField({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="field">
      <span className="field__label">{label}</span>
      <div className="field__static">{children}</div>
      {hint && <p className="field__hint">{hint}</p>}
    </div>
  );
}
