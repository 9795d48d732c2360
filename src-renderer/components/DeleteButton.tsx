/**
 * Delete with a confirmation that names what goes, and a clear answer when KeyHub
 * refuses (other records depend on it), with the better alternative when there is one
 * (a SKU with licenses is retired instead).
 */
import { useState } from 'react';
import { ApiError, messageOf } from '../api/client';
import { Dialog } from './Dialog';

export interface Alternative {
  label: string;
  explanation?: string;
  run: () => Promise<void>;
}

interface DeleteButtonProps {
  /** "vendor", "SKU". */
  kind: string;
  /** The record's name as people know it: "Acme Software". */
  name: string;
  /** What else goes with it, and that it cannot be undone. */
  consequence?: string;
  run: () => Promise<unknown>;
  onDeleted: () => void;
  /** When a refusal has a better way out, offer it in the same dialog. */
  alternativeFor?: (error: ApiError) => Alternative | null;
  small?: boolean;
}

type Phase =
  | { step: 'closed' }
  | { step: 'confirm' }
  | { step: 'working' }
  | { step: 'refused'; error: Error; alternative: Alternative | null };

export function DeleteButton({ kind, name, consequence, run, onDeleted, alternativeFor, small }: DeleteButtonProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'closed' });
  const close = () => setPhase({ step: 'closed' });

  async function confirm() {
    setPhase({ step: 'working' });
    try {
      await run();
      setPhase({ step: 'closed' });
      onDeleted();
    } catch (error) {
      const asError = error instanceof Error ? error : new Error(messageOf(error));
      const alternative = error instanceof ApiError && alternativeFor ? alternativeFor(error) : null;
      setPhase({ step: 'refused', error: asError, alternative });
    }
  }

  async function runAlternative(alternative: Alternative) {
    setPhase({ step: 'working' });
    try {
      await alternative.run();
      setPhase({ step: 'closed' });
    } catch (error) {
      setPhase({ step: 'refused', error: error instanceof Error ? error : new Error(messageOf(error)), alternative: null });
    }
  }

  return (
    <>
      <button
        type="button"
        className={small ? 'button button--small button--danger-quiet' : 'button button--danger-quiet'}
        onClick={() => setPhase({ step: 'confirm' })}
        aria-label={small ? `Delete ${kind} ${name}` : undefined}
      >
        Delete
      </button>
      {(phase.step === 'confirm' || phase.step === 'working') && (
        <Dialog
          alert
          title={`Delete ${kind} “${name}”?`}
          onClose={close}
          actions={
            <>
              <button type="button" className="button" onClick={close} autoFocus>
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={confirm}
                disabled={phase.step === 'working'}
              >
                {phase.step === 'working' ? 'Deleting…' : `Delete ${kind}`}
              </button>
            </>
          }
        >
          <p>
            The {kind} <strong>{name}</strong> will be deleted.
          </p>
          <p className="muted">{consequence ?? 'This cannot be undone.'}</p>
        </Dialog>
      )}
      {phase.step === 'refused' && (
        <Dialog
          alert
          title={`${capitalize(kind)} “${name}” was not deleted`}
          onClose={close}
          actions={
            <>
              <button type="button" className="button" onClick={close} autoFocus={!phase.alternative}>
                Close
              </button>
              {phase.alternative && (
                <button
                  type="button"
                  className="button button--primary"
                  autoFocus
                  onClick={() => phase.alternative && runAlternative(phase.alternative)}
                >
                  {phase.alternative.label}
                </button>
              )}
            </>
          }
        >
          <p className="refusal" role="alert">
            {phase.error.message}
          </p>
          {phase.alternative?.explanation && <p className="muted">{phase.alternative.explanation}</p>}
        </Dialog>
      )}
    </>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
