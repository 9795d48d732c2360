/**
 * The frame of every create/edit form: Enter submits (from any single-line field or
 * checkbox), Esc cancels, the first bad field gets focus after a refused save, and a
 * banner says what went wrong.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface FormShellProps {
  onSubmit: () => void;
  onCancel: () => void;
  saving: boolean;
  submitLabel: string;
  banner: string | null;
  failures: number;
  children: ReactNode;
}

export function FormShell({ onSubmit, onCancel, saving, submitLabel, banner, failures, children }: FormShellProps) {
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (failures === 0) return;
    const firstBad = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    firstBad?.focus();
  }, [failures]);

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'checkbox') {
      // Browsers toggle checkboxes with Space but ignore Enter; make Enter save, as in text fields.
      event.preventDefault();
      formRef.current?.requestSubmit();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target instanceof HTMLTextAreaElement) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <form
      ref={formRef}
      className="form card"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) onSubmit();
      }}
    >
      {banner && (
        <div className="form__banner" role="alert">
          {banner}
        </div>
      )}
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="form__keys muted">Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}

/** A titled group of fields inside a form. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{title}</legend>
      {description && <p className="form-section__description">{description}</p>}
      <div className="form-section__fields">{children}</div>
    </fieldset>
  );
}
