/**
 * An action that takes something away but is not a delete (revoke a right, unlink a
 * license, unsubscribe): asked first, in words that name what changes, and a refusal
 * is shown in the same place with KeyHub's reason. DeleteButton is the delete case.
 */
import { useState, type ReactNode } from 'react';
import { messageOf } from '../api/client';
import { Dialog } from './Dialog';

interface ConfirmButtonProps {
  /** The button's text: "Revoke". */
  label: string;
  /** Its accessible name when the label alone is ambiguous in a table: "Revoke Support from Ann". */
  ariaLabel?: string;
  /** The question: "Revoke “Support” from Ann Lee?". */
  title: string;
  children: ReactNode;
  /** The confirming button: "Revoke right". */
  confirmLabel: string;
  busyLabel: string;
  /** The refusal dialog's title: "The right was not revoked". */
  refusedTitle: string;
  run: () => Promise<unknown>;
  onDone: () => void;
  small?: boolean;
}

type Phase = { step: 'closed' } | { step: 'confirm' } | { step: 'working' } | { step: 'refused'; message: string };

export function ConfirmButton({ label, ariaLabel, title, children, confirmLabel, busyLabel, refusedTitle, run, onDone, small }: ConfirmButtonProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'closed' });
  const close = () => setPhase({ step: 'closed' });

  async function confirm() {
    setPhase({ step: 'working' });
    try {
      await run();
      setPhase({ step: 'closed' });
      onDone();
    } catch (error) {
      setPhase({ step: 'refused', message: messageOf(error) });
    }
  }

  return (
    <>
      <button
        type="button"
        className={small ? 'button button--small button--danger-quiet' : 'button button--danger-quiet'}
        aria-label={ariaLabel}
        onClick={() => setPhase({ step: 'confirm' })}
      >
        {label}
      </button>
      {(phase.step === 'confirm' || phase.step === 'working') && (
        <Dialog
          alert
          title={title}
          onClose={close}
          actions={
            <>
              <button type="button" className="button" onClick={close} autoFocus>
                Cancel
              </button>
              <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={phase.step === 'working'}>
                {phase.step === 'working' ? busyLabel : confirmLabel}
              </button>
            </>
          }
        >
          {children}
        </Dialog>
      )}
      {phase.step === 'refused' && (
        <Dialog
          alert
          title={refusedTitle}
          onClose={close}
          actions={
            <button type="button" className="button" onClick={close} autoFocus>
              Close
            </button>
          }
        >
          <p className="refusal" role="alert">
            {phase.message}
          </p>
        </Dialog>
      )}
    </>
  );
}
