/**
 * A confirmation that takes a reason: suspend, revoke, resume, delete a domain with an
 * override. It says what will happen before anything does; Esc or Cancel changes nothing.
 */
import { useState, type ReactNode } from 'react';
import { Dialog } from '../../../components/Dialog';
import { DialogRefusal } from '../../../forms/DialogRefusal';
import { TextAreaField } from '../../../forms/fields';
import { errorFor, useApiForm, type ApiForm } from '../../../forms/useApiForm';

interface ReasonDialogProps {
  title: string;
  /** What will happen, in the dialog's body. */
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  /** Red button: the action is hard to undo. */
  danger?: boolean;
  /** When given, a reason is asked for; required unless `reasonOptional`. */
  reasonLabel?: string;
  reasonHint?: string;
  reasonOptional?: boolean;
  /** The API field the reason goes to, for its error message ("reason", "override.reason"). */
  reasonField?: string;
  /** Makes the call through `form.submit`; true when done. */
  run: (form: ApiForm, reason: string) => Promise<boolean>;
  onClose: () => void;
}

export function ReasonDialog({
  title,
  children,
  confirmLabel,
  busyLabel,
  danger,
  reasonLabel,
  reasonHint,
  reasonOptional,
  reasonField = 'reason',
  run,
  onClose,
}: ReasonDialogProps) {
  const form = useApiForm();
  const [reason, setReason] = useState('');

  async function submit() {
    if (reasonLabel && !reasonOptional && !reason.trim()) return form.reject({ [reasonField]: `${reasonLabel} is required.` });
    if (await run(form, reason.trim())) onClose();
  }

  return (
    <Dialog
      alert
      title={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus={!reasonLabel} data-autofocus={reasonLabel ? undefined : 'true'}>
            Cancel
          </button>
          <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={form.saving}>
            {form.saving ? busyLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <DialogRefusal form={form} fields={[reasonField]} />
      {reasonLabel && (
        <div className="dialog__fields">
          <TextAreaField
            name={reasonField}
            label={reasonLabel}
            required={!reasonOptional}
            autoFocus
            rows={2}
            value={reason}
            onChange={(v) => {
              setReason(v);
              form.clearError(reasonField);
            }}
            hint={reasonHint ?? 'Kept in the license’s timeline and the audit log. Ctrl+Enter confirms.'}
            error={errorFor(form.errors, reasonField)}
          />
        </div>
      )}
    </Dialog>
  );
}
