/**
 * A modal built on the native <dialog>: the browser traps focus inside it, makes the
 * page behind inert, and turns Esc into a cancel we route to `onClose`.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose: () => void;
  /** Alert dialogs ask for a decision (delete?) and are announced as such. */
  alert?: boolean;
}

export function Dialog({ title, children, actions, onClose, alert }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
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
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      closingItself.current = true;
      dialog?.close();
      if (focusedBefore instanceof HTMLElement && focusedBefore.isConnected) focusedBefore.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
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
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
