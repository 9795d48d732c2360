/**
 * A new passphrase typed twice (the vault's first passphrase, a changed one, a backup's).
 * The second field is `again`; `passphraseMismatch` words its error.
 */
import { TextField } from '../../forms/fields';
import { errorFor, type ApiForm } from '../../forms/useApiForm';

export function passphraseMismatch(first: string, again: string): string | null {
  if (first === again) return null;
  return again ? 'The two passphrases differ. Type the same one twice.' : 'Type the passphrase again, to be sure of it.';
}

interface NewPassphraseFieldsProps {
  form: ApiForm;
  /** The API field the first one answers for (`passphrase`, `next`, `backupPassphrase`). */
  name: string;
  label: string;
  againLabel: string;
  hint: string;
  value: string;
  again: string;
  onChange: (value: string) => void;
  onAgainChange: (value: string) => void;
  autoFocus?: boolean;
}

export function NewPassphraseFields({ form, name, label, againLabel, hint, value, again, onChange, onAgainChange, autoFocus }: NewPassphraseFieldsProps) {
  return (
    <>
      <TextField
        type="password"
        name={name}
        label={label}
        autoFocus={autoFocus}
        value={value}
        hint={hint}
        onChange={(v) => {
          onChange(v);
          form.clearError(name);
        }}
        error={errorFor(form.errors, name)}
      />
      <TextField
        type="password"
        name="again"
        label={againLabel}
        value={again}
        onChange={(v) => {
          onAgainChange(v);
          form.clearError('again');
        }}
        error={errorFor(form.errors, 'again')}
      />
    </>
  );
}
