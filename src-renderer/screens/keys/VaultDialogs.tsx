/**
 * The vault's dialogs: set the first passphrase, unlock for a while, change the
 * passphrase. Passphrases live only in these dialogs' state, gone when they close.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { useToast } from '../../components/Toasts';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { SelectField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { NewPassphraseFields, passphraseMismatch } from './NewPassphraseFields';

const UNLOCK_CHOICES = [
  { value: '5', label: '5 minutes' },
  { value: '15', label: '15 minutes' },
  { value: '60', label: '1 hour' },
  { value: '240', label: '4 hours' },
];
const DEFAULT_UNLOCK = '15';

interface VaultDialogProps {
  onDone: () => void;
  onClose: () => void;
  /** Why the dialog opened, when an action asked for it. */
  reason?: string;
}

export function UnlockDialog({ onDone, onClose, reason }: VaultDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const [passphrase, setPassphrase] = useState('');
  const [minutes, setMinutes] = useState(DEFAULT_UNLOCK);

  async function submit() {
    const status = await form.submit('vault.unlock', { passphrase, minutes: Number(minutes) });
    if (!status) return;
    toast.success(`Signing keys unlocked for ${UNLOCK_CHOICES.find((c) => c.value === minutes)?.label ?? `${minutes} minutes`}.`);
    onDone();
  }

  return (
    <Dialog
      title="Unlock the signing keys"
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Unlock" busyLabel="Unlocking…" onCancel={onClose} />}
    >
      {reason && <p className="dialog__reason">{reason}</p>}
      <DialogRefusal form={form} fields={['passphrase', 'minutes']} />
      <div className="dialog__fields">
        <TextField
          type="password"
          name="passphrase"
          label="Passphrase"
          autoFocus
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            form.clearError('passphrase');
          }}
          error={errorFor(form.errors, 'passphrase')}
        />
        <SelectField
          name="minutes"
          label="Keep unlocked for"
          value={minutes}
          onChange={setMinutes}
          options={UNLOCK_CHOICES}
          error={errorFor(form.errors, 'minutes')}
          hint="They also lock after 10 minutes without use, and when KeyHub closes."
        />
      </div>
    </Dialog>
  );
}

export function SetPassphraseDialog({ onDone, onClose, reason }: VaultDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');

  async function submit() {
    const mismatch = passphraseMismatch(passphrase, again);
    if (mismatch) return form.reject({ again: mismatch });
    const status = await form.submit('vault.setup', { passphrase });
    if (!status) return;
    toast.success('Passphrase set. The signing keys are unlocked.');
    onDone();
  }

  return (
    <Dialog
      title="Set a passphrase"
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Set passphrase" busyLabel="Setting…" onCancel={onClose} />}
    >
      {reason && <p className="dialog__reason">{reason}</p>}
      <p>
        One passphrase seals every signing key in this data file. KeyHub cannot recover it: keep it in your password manager, and back up
        your keys.
      </p>
      <DialogRefusal form={form} fields={['passphrase', 'again']} />
      <div className="dialog__fields">
        <NewPassphraseFields
          form={form}
          name="passphrase"
          label="Passphrase"
          againLabel="The same passphrase again"
          hint="At least 10 characters; a few unrelated words are easy to type and hard to guess."
          autoFocus
          value={passphrase}
          again={again}
          onChange={setPassphrase}
          onAgainChange={setAgain}
        />
      </div>
    </Dialog>
  );
}

export function ChangePassphraseDialog({ onDone, onClose }: VaultDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');

  async function submit() {
    const mismatch = passphraseMismatch(next, again);
    if (mismatch) return form.reject({ again: mismatch });
    const status = await form.submit('vault.changePassphrase', { current, next });
    if (!status) return;
    toast.success('Passphrase changed. Every signing key is sealed with the new one.');
    onDone();
  }

  return (
    <Dialog
      title="Change the passphrase"
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Change passphrase" busyLabel="Changing…" onCancel={onClose} />}
    >
      <p>Every signing key is sealed again under the new passphrase, all at once; a wrong current passphrase changes nothing.</p>
      <DialogRefusal form={form} fields={['current', 'passphrase', 'next', 'again']} />
      <div className="dialog__fields">
        <TextField
          type="password"
          name="current"
          label="Current passphrase"
          autoFocus
          value={current}
          onChange={(v) => {
            setCurrent(v);
            form.clearError('current');
            // A wrong current passphrase comes back as the vault's `passphrase` field.
            form.clearError('passphrase');
          }}
          error={errorFor(form.errors, 'current') ?? errorFor(form.errors, 'passphrase')}
        />
        <NewPassphraseFields
          form={form}
          name="next"
          label="New passphrase"
          againLabel="The new passphrase again"
          hint="At least 10 characters."
          value={next}
          again={again}
          onChange={setNext}
          onAgainChange={setAgain}
        />
      </div>
    </Dialog>
  );
}
