/**
 * A modal built on the native <dialog>: the browser traps focus inside it, makes the
 * page behind inert, and turns Esc into a cancel we route to `onClose`. Given
 * `onSubmit`, its body and buttons are a form: Enter in a field submits (also from a
 * checkbox, radio or select, as in FormShell), Ctrl+Enter from a text area.
 */
import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose: () => void;
  /** Alert dialogs ask for a decision (delete?) and are announced as such. */
  alert?: boolean;
  /** Makes the dialog a form; its submit button (type="submit") and Enter call this. */
  onSubmit?: () => void;
  /** Room for a table, a list of keys or a progress bar. */
  wide?: boolean;
  /** Grows on every refused submit (useApiForm's `failures`): focus goes to the first bad field. */
  failures?: number;
}

export function Dialog({ title, children, actions, onClose, alert, onSubmit, wide, failures = 0 }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const bodyId = useId();
  // Set when this component closes the dialog itself (on unmount): that close is no user's request.
  const closingItself = useRef(false);

  // A layout effect, so the dialog closes while still in the page: removed open, it
  // would leave focus nowhere. Focus then goes back to where it was (the field being edited).
  useLayoutEffect(() => {
    const dialog = ref.current;
    const focusedBefore = document.activeElement;
    closingItself.current = false;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs before the dialog is open (and so cannot take focus); give it now.
      dialog.querySelector<HTMLElement>('[data-autofocus="true"]')?.focus();
    }
    return () => {
      closingItself.current = true;
      dialog?.close();
      if (focusedBefore instanceof HTMLElement && focusedBefore.isConnected) focusedBefore.focus();
    };
  }, []);

  useEffect(() => {
    if (failures === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.defaultPrevented || event.key !== 'Enter') return;
    const target = event.target as HTMLElement;
    const choice = target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio'));
    const textAreaSubmit = target instanceof HTMLTextAreaElement && (event.ctrlKey || event.metaKey);
    if (choice || textAreaSubmit) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  const content = (
    <>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <div className="dialog__actions">{actions}</div>
    </>
  );

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      role={alert ? 'alertdialog' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={(event) => {
        // Chrome may close a dialog on Esc without a cancel event (no user activation
        // since the last one); the state must follow, or the next open would be lost.
        if (!closingItself.current && !event.currentTarget.open) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {onSubmit ? (
        <form
          ref={formRef}
          className="dialog__form"
          noValidate
          onKeyDown={onKeyDown}
          onSubmit={(event) => {
            event.preventDefault();
            // A form inside a React child (a dialog opened from this one) must not submit this one.
            event.stopPropagation();
            onSubmit();
          }}
        >
          {content}
        </form>
      ) : (
        content
      )}
    </dialog>
  );
}
