/**
 * Adding keys (generate, import) and renaming one. Adding needs the keys unlocked:
 * found locked, the vault asks to unlock and the dialog then goes on. The pasted
 * secret lives only in the import box, and is cleared once the key is in.
 */
import { useState } from 'react';
import type { SigningKeyDetail } from '../../../src-main/domain/keys/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { useToast } from '../../components/Toasts';
import { groupFingerprint } from '../../format/keys';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { TextOrFileField } from '../../forms/FileFields';
import { TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useVendorOptions } from '../catalog/shared/useVendorOptions';
import { VendorSelectField } from '../catalog/shared/VendorSelectField';
import { useVault } from './VaultContext';

interface AddKeyDialogProps {
  /** The vendor chosen at first (the list's vendor filter), or ''. */
  presetVendorId: string;
  onClose: () => void;
  onAdded: (key: SigningKeyDetail) => void;
}

const CHOOSE_VENDOR = 'Choose the vendor whose licenses this key signs.';

export function GenerateKeyDialog({ presetVendorId, onClose, onAdded }: AddKeyDialogProps) {
  const vault = useVault();
  const toast = useToast();
  const vendors = useVendorOptions();
  const form = useApiForm();
  const [vendorId, setVendorId] = useState(presetVendorId);
  const [displayName, setDisplayName] = useState('');

  async function submit() {
    if (!Number(vendorId)) return form.reject({ vendorId: CHOOSE_VENDOR });
    const key = await form.submit('key.generate', { vendorId: Number(vendorId), displayName }, vault.recoverLocked);
    if (!key) return;
    toast.success(`Key “${key.displayName}” generated for ${key.vendorName}: ${groupFingerprint(key.fingerprint)}.`);
    onAdded(key);
  }

  return (
    <Dialog
      title="Generate a signing key"
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Generate key" busyLabel="Generating…" onCancel={onClose} />}
    >
      <p>A new Ed25519 key, made here and sealed with your passphrase. Its public key goes into your product; the secret never leaves KeyHub.</p>
      <DialogRefusal form={form} fields={['vendorId', 'displayName']} />
      <div className="dialog__fields">
        <VendorSelectField
          vendors={vendors}
          autoFocus={!presetVendorId}
          value={vendorId}
          onChange={(v) => {
            setVendorId(v);
            form.clearError('vendorId');
          }}
          error={errorFor(form.errors, 'vendorId')}
        />
        <TextField
          name="displayName"
          label="Name"
          required
          autoFocus={Boolean(presetVendorId)}
          value={displayName}
          placeholder="e.g. Licenses 2026"
          hint="For you and your colleagues; files name the key by its key id."
          onChange={(v) => {
            setDisplayName(v);
            form.clearError('displayName');
          }}
          error={errorFor(form.errors, 'displayName')}
        />
      </div>
    </Dialog>
  );
}

/** Largest key file read: a PEM is a few hundred bytes; the API takes 8 KB of text. */
const KEY_FILE_MAX_BYTES = 8 * 1024;

export function ImportKeyDialog({ presetVendorId, onClose, onAdded }: AddKeyDialogProps) {
  const vault = useVault();
  const toast = useToast();
  const vendors = useVendorOptions();
  const form = useApiForm();
  const [vendorId, setVendorId] = useState(presetVendorId);
  const [displayName, setDisplayName] = useState('');
  const [secret, setSecret] = useState('');

  async function submit() {
    if (!Number(vendorId)) return form.reject({ vendorId: CHOOSE_VENDOR });
    const key = await form.submit('key.import', { vendorId: Number(vendorId), displayName, secret }, vault.recoverLocked);
    if (!key) return;
    setSecret('');
    toast.success(`Key “${key.displayName}” imported for ${key.vendorName}: ${groupFingerprint(key.fingerprint)}.`);
    onAdded(key);
  }

  return (
    <Dialog
      title="Import a signing key"
      wide
      onClose={() => {
        setSecret('');
        onClose();
      }}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Import key" busyLabel="Importing…" onCancel={onClose} />}
    >
      <p>A key you already sign with elsewhere: files it signed before keep verifying. It is sealed with your passphrase as it comes in.</p>
      <DialogRefusal form={form} fields={['vendorId', 'displayName', 'secret']} />
      <div className="dialog__fields dialog__fields--two">
        <VendorSelectField
          vendors={vendors}
          autoFocus={!presetVendorId}
          value={vendorId}
          onChange={(v) => {
            setVendorId(v);
            form.clearError('vendorId');
          }}
          error={errorFor(form.errors, 'vendorId')}
        />
        <TextField
          name="displayName"
          label="Name"
          required
          autoFocus={Boolean(presetVendorId)}
          value={displayName}
          placeholder="e.g. Legacy 2019"
          onChange={(v) => {
            setDisplayName(v);
            form.clearError('displayName');
          }}
          error={errorFor(form.errors, 'displayName')}
        />
        <TextOrFileField
          name="secret"
          label="Secret key"
          required
          rows={5}
          maxBytes={KEY_FILE_MAX_BYTES}
          binaryAsBase64
          accept=".pem,.key,.txt,.b64,.hex,application/x-pem-file,text/plain"
          placeholder="Base64 or hex of the 32-byte seed (or the 64-byte secret key), or a PKCS#8 PEM file's text"
          hint="Ctrl+Enter imports. The secret is sent once to KeyHub’s core and cleared from this box."
          value={secret}
          onChange={(v) => {
            setSecret(v);
            form.clearError('secret');
          }}
          error={errorFor(form.errors, 'secret')}
        />
      </div>
    </Dialog>
  );
}

export function RenameKeyDialog({ signingKey, onClose, onRenamed }: { signingKey: SigningKeyDetail; onClose: () => void; onRenamed: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const [displayName, setDisplayName] = useState(signingKey.displayName);

  async function submit() {
    const key = await form.submit('key.update', { id: signingKey.id, displayName });
    if (!key) return;
    toast.success(`Key renamed to “${key.displayName}”.`);
    onRenamed();
  }

  return (
    <Dialog
      title="Rename the key"
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Rename" busyLabel="Renaming…" onCancel={onClose} />}
    >
      <DialogRefusal form={form} fields={['displayName']} />
      <div className="dialog__fields">
        <TextField
          name="displayName"
          label="Name"
          required
          autoFocus
          value={displayName}
          hint="Only the name changes; the key and the files it signed stay the same."
          onChange={(v) => {
            setDisplayName(v);
            form.clearError('displayName');
          }}
          error={errorFor(form.errors, 'displayName')}
        />
      </div>
    </Dialog>
  );
}
