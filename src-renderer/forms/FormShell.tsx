/**
 * The frame of every create/edit form: Enter submits (from any single-line field or
 * checkbox), Esc and Cancel leave, any way out asks first when there are unsaved
 * changes, the first bad field gets focus after a refused save, and a banner says
 * what went wrong.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Dialog } from '../components/Dialog';
import type { LeaveQuestion } from './useUnsavedChangesGuard';

/** What the frame needs from the form's state (see useRecordForm). */
export interface FormControls {
  save: () => void;
  /** Leaves without saving; like any way out, it asks first when there are changes. */
  leave: () => void;
  /** Set while a way out waits for "Discard your changes?" to be answered. */
  leaveQuestion: LeaveQuestion | null;
  saving: boolean;
  banner: string | null;
  /** Grows on every refused save. */
  failures: number;
}

interface FormShellProps {
  form: FormControls;
  submitLabel: string;
  children: ReactNode;
}

export function FormShell({ form, submitLabel, children }: FormShellProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const { failures, leaveQuestion } = form;

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
      form.leave();
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
    <>
      <form
        ref={formRef}
        className="form card"
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          if (!form.saving) form.save();
        }}
      >
        {form.banner && (
          <div className="form__banner" role="alert">
            {form.banner}
          </div>
        )}
        {children}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.saving}>
            {form.saving ? 'Saving…' : submitLabel}
          </button>
          <button type="button" className="button" onClick={form.leave}>
            Cancel
          </button>
          <span className="form__keys muted">Enter saves · Esc cancels</span>
        </div>
      </form>
      {/* Outside the <form>: its keys (Esc, Enter) must not reach the form's own handlers. */}
      {leaveQuestion && <DiscardChangesDialog question={leaveQuestion} />}
    </>
  );
}

/** Esc or "Keep editing" goes back to the form; the safe choice has focus. */
function DiscardChangesDialog({ question }: { question: LeaveQuestion }) {
  return (
    <Dialog
      alert
      title="Discard your changes?"
      onClose={question.keepEditing}
      actions={
        <>
          <button type="button" className="button" onClick={question.keepEditing} autoFocus>
            Keep editing
          </button>
          <button type="button" className="button button--danger" onClick={question.discardChanges}>
            Discard changes
          </button>
        </>
      }
    >
      <p>What you changed in this form has not been saved.</p>
    </Dialog>
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
