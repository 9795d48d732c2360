/**
 * Backing keys up to a file sealed with a backup passphrase, and restoring from one.
 * Both open the keys, so both need them unlocked (asked for when they are not).
 */
import { useState } from 'react';
import type { RestoreResult } from '../../../src-main/domain/keys/types';
import { downloadText } from '../../api/download';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { useToast } from '../../components/Toasts';
import { groupFingerprint } from '../../format/keys';
import { plural } from '../../format/numbers';
import { ChoiceList } from '../../forms/ChoiceList';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { FileDropField } from '../../forms/FileFields';
import type { ReadFile } from '../../forms/files';
import { SelectField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useVendorOptions } from '../catalog/shared/useVendorOptions';
import { NewPassphraseFields, passphraseMismatch } from './NewPassphraseFields';
import { useVault } from './VaultContext';

export function BackupDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const vault = useVault();
  const toast = useToast();
  const form = useApiForm();
  const keys = useApiQuery('key.list', { includeRetired: true });
  // Every key is chosen until the user chooses otherwise.
  const [chosen, setChosen] = useState<number[] | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const ids = chosen ?? (keys.data ?? []).map((k) => k.id);

  async function submit() {
    const mismatch = passphraseMismatch(passphrase, again);
    if (mismatch) return form.reject({ again: mismatch });
    const file = await form.submit('key.backup', { ids, backupPassphrase: passphrase }, vault.recoverLocked);
    if (!file) return;
    downloadText(file.fileName, file.content);
    toast.success(`${plural(file.keyCount, 'key')} backed up to ${file.fileName}. Keep the file and its passphrase apart.`);
    onDone();
  }

  return (
    <Dialog
      title="Back up signing keys"
      wide
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Download backup" busyLabel="Sealing…" onCancel={onClose} disabled={!keys.data?.length} />}
    >
      <p>The keys you choose are sealed in one file with a backup passphrase of its own. Restore it here or in another KeyHub.</p>
      <DialogRefusal form={form} fields={['ids', 'backupPassphrase', 'again']} />
      <div className="dialog__fields dialog__fields--two">
        <div className="field field--wide">
          <ChoiceList
            name="backup-key"
            legend="Keys"
            loading={!keys.data && !keys.error}
            choices={(keys.data ?? []).map((k) => ({
              id: k.id,
              label: `${k.displayName}${k.retiredAt ? ' (retired)' : ''}`,
              detail: `${k.vendorName} · ${groupFingerprint(k.fingerprint)}`,
            }))}
            selected={ids}
            onChange={(next) => {
              setChosen(next);
              form.clearError('ids');
            }}
            error={errorFor(form.errors, 'ids') ?? keys.error?.message}
            empty={<p className="muted">There are no signing keys to back up yet.</p>}
          />
        </div>
        <NewPassphraseFields
          form={form}
          name="backupPassphrase"
          label="Backup passphrase"
          againLabel="The backup passphrase again"
          hint="At least 10 characters. Without it the file cannot be restored."
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

/** A KeyHub key backup is a small JSON file (the API's limit is 1 MB). */
const BACKUP_MAX_BYTES = 1024 * 1024;

function restoredMessage(result: RestoreResult): string {
  const restored = result.restored.length
    ? `Restored ${plural(result.restored.length, 'key')}: ${result.restored.map((k) => `“${k.displayName}” (${k.vendorName})`).join(', ')}.`
    : 'No key restored.';
  const skipped = result.skipped.length
    ? ` Skipped ${plural(result.skipped.length, 'key')} already here: ${result.skipped.map(groupFingerprint).join(', ')}.`
    : '';
  return restored + skipped;
}

export function RestoreDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const vault = useVault();
  const toast = useToast();
  const form = useApiForm();
  const vendors = useVendorOptions();
  const [file, setFile] = useState<ReadFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [vendorId, setVendorId] = useState('');

  async function submit() {
    if (!file) return form.reject({ content: 'Choose the backup file, or drop it on the box.' });
    const result = await form.submit(
      'key.restore',
      { content: file.text, backupPassphrase: passphrase, vendorId: Number(vendorId) || undefined },
      vault.recoverLocked,
    );
    if (!result) return;
    if (result.restored.length) toast.success(restoredMessage(result));
    else toast.info(restoredMessage(result));
    onDone();
  }

  return (
    <Dialog
      title="Restore signing keys"
      wide
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Restore" busyLabel="Restoring…" onCancel={onClose} />}
    >
      <p>Keys from a KeyHub backup file come back sealed with this KeyHub’s passphrase. Keys already here are left as they are.</p>
      <DialogRefusal form={form} fields={['content', 'backupPassphrase', 'vendorId']} />
      <div className="dialog__fields dialog__fields--two">
        <FileDropField
          name="content"
          label="Backup file"
          dropText="Drop the backup file here"
          autoFocus
          accept=".json,application/json"
          maxBytes={BACKUP_MAX_BYTES}
          file={file}
          onFile={(read) => {
            setFile(read);
            form.clearError('content');
          }}
          error={errorFor(form.errors, 'content')}
        />
        <TextField
          type="password"
          name="backupPassphrase"
          label="Backup passphrase"
          value={passphrase}
          hint="The passphrase the backup was made with."
          onChange={(v) => {
            setPassphrase(v);
            form.clearError('backupPassphrase');
          }}
          error={errorFor(form.errors, 'backupPassphrase')}
        />
        <SelectField
          name="vendorId"
          label="Vendor"
          value={vendorId}
          onChange={(v) => {
            setVendorId(v);
            form.clearError('vendorId');
          }}
          options={vendors.options}
          placeholder="The vendors named in the backup"
          hint="Or restore every key to one vendor of this KeyHub."
          error={errorFor(form.errors, 'vendorId') ?? vendors.error?.message}
        />
      </div>
    </Dialog>
  );
}
