/**
 * Who a license belongs to: transfer it to another owning customer, or edit the owner
 * fields. Owner fields are editable within the SKU's ownership window; after it, staff
 * give a reason to override (the audit log keeps it). Both re-sign the file.
 */
import { useState } from 'react';
import type { LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { Dialog } from '../../../components/Dialog';
import { DialogActions } from '../../../components/DialogActions';
import { useToast } from '../../../components/Toasts';
import { formatDay } from '../../../format/dates';
import { DialogRefusal } from '../../../forms/DialogRefusal';
import { TextAreaField, TextField } from '../../../forms/fields';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useVault } from '../../keys/VaultContext';
import { RecordPicker, type PickedRecord } from '../../../components/RecordPicker';
import { searchCustomers } from '../../../components/recordSearches';
import { customerIdOf, pickedCustomer } from '../customerChoice';

interface LicenseDialogProps {
  license: LicenseDetail;
  onClose: () => void;
  onChanged: () => void;
}

/** The moment a SKU window closed, or null while it is open (or there is none). */
export function windowClosedAt(until: string | null): string | null {
  return until !== null && until <= new Date().toISOString() ? until : null;
}

export function TransferDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const vault = useVault();
  const [customer, setCustomer] = useState<PickedRecord | null>(null);
  const [ownerName, setOwnerName] = useState('');
  const [reason, setReason] = useState('');

  async function submit() {
    const customerId = customerIdOf(customer);
    if (!customer || customerId === null) return form.reject({ owningEntityId: 'Choose the customer who will own the license.' });
    if (customerId === license.owningEntityId) return form.reject({ owningEntityId: `${customer.label} already owns this license.` });
    const moved = await form.submit(
      'license.transfer',
      { id: license.id, owningEntityId: customerId, ownerName: ownerName.trim() || undefined, reason: reason.trim() || null },
      vault.recoverLocked,
    );
    if (!moved) return;
    toast.success(`License ${license.id} transferred to ${moved.owningEntityName ?? customer.label}.`);
    onChanged();
    onClose();
  }

  return (
    <Dialog
      title={`Transfer license ${license.id}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Transfer" busyLabel="Transferring…" onCancel={onClose} />}
    >
      <p>
        Owned now by <strong>{license.owningEntityName ?? license.ownerName}</strong>. The new owner gets a newly signed file with their name; the old file
        keeps its old owner name.
      </p>
      <DialogRefusal form={form} fields={['owningEntityId', 'ownerName', 'reason']} />
      <div className="dialog__fields">
        <RecordPicker
          name="owningEntityId"
          label="New owning customer"
          required
          autoFocus
          value={customer}
          onChange={(v) => {
            setCustomer(v);
            form.clearError('owningEntityId');
          }}
          search={searchCustomers}
          placeholder="Type a name or email…"
          noMatch="No customer matches."
          error={errorFor(form.errors, 'owningEntityId')}
        />
        <TextField
          name="ownerName"
          label="New owner name"
          value={ownerName}
          onChange={(v) => {
            setOwnerName(v);
            form.clearError('ownerName');
          }}
          placeholder={customer ? customer.label : 'The new customer’s name'}
          hint="As it appears in the license file. Blank: the new customer’s name."
          error={errorFor(form.errors, 'ownerName')}
        />
        <TextAreaField
          name="reason"
          label="Reason"
          rows={2}
          value={reason}
          onChange={(v) => {
            setReason(v);
            form.clearError('reason');
          }}
          hint="Optional; kept in the timeline and the audit log."
          error={errorFor(form.errors, 'reason')}
        />
      </div>
    </Dialog>
  );
}

export function EditOwnerDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const vault = useVault();
  const [ownerName, setOwnerName] = useState(license.ownerName);
  const [owning, setOwning] = useState(pickedCustomer(license.owningEntityId, license.owningEntityName));
  const [purchasing, setPurchasing] = useState(pickedCustomer(license.purchasingEntityId, license.purchasingEntityName));
  const [reason, setReason] = useState('');
  const closedAt = windowClosedAt(license.limits.ownershipEditableUntil);

  async function submit() {
    const errors: Record<string, string> = {};
    if (closedAt && !reason.trim()) errors['override.reason'] = 'The ownership window has passed: give the reason for changing the owner anyway.';
    if (Object.keys(errors).length) return form.reject(errors);

    const changes = {
      ...(ownerName.trim() !== license.ownerName ? { ownerName } : {}),
      ...(customerIdOf(owning) !== license.owningEntityId ? { owningEntityId: customerIdOf(owning) } : {}),
      ...(customerIdOf(purchasing) !== license.purchasingEntityId ? { purchasingEntityId: customerIdOf(purchasing) } : {}),
    };
    if (Object.keys(changes).length === 0) return onClose();
    const saved = await form.submit('license.updateOwner', { id: license.id, ...changes, override: closedAt ? { reason } : undefined }, vault.recoverLocked);
    if (!saved) return;
    toast.success(`Owner of license ${license.id} saved.`);
    onChanged();
    onClose();
  }

  return (
    <Dialog
      title={`Edit the owner of license ${license.id}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Save owner" busyLabel="Saving…" onCancel={onClose} />}
    >
      {closedAt ? (
        <p className="window-note window-note--closed">
          SKU {license.sku} lets the owner be edited until {formatDay(closedAt)}; that has passed. You may still change it with a reason, which the audit log
          keeps.
        </p>
      ) : license.limits.ownershipEditableUntil ? (
        <p className="muted">Editable until {formatDay(license.limits.ownershipEditableUntil)} (SKU {license.sku}’s ownership window).</p>
      ) : null}
      <DialogRefusal form={form} fields={['ownerName', 'owningEntityId', 'purchasingEntityId', 'override']} />
      <div className="dialog__fields">
        <TextField
          name="ownerName"
          label="Owner name"
          required
          autoFocus
          value={ownerName}
          onChange={(v) => {
            setOwnerName(v);
            form.clearError('ownerName');
          }}
          error={errorFor(form.errors, 'ownerName')}
        />
        <RecordPicker
          name="owningEntityId"
          label="Owning customer"
          value={owning}
          onChange={(v) => {
            setOwning(v);
            form.clearError('owningEntityId');
          }}
          search={searchCustomers}
          placeholder="Type a name or email…"
          noMatch="No customer matches."
          hint="Clear the box to leave the license without an owning customer."
          error={errorFor(form.errors, 'owningEntityId')}
        />
        <RecordPicker
          name="purchasingEntityId"
          label="Purchasing customer"
          value={purchasing}
          onChange={(v) => {
            setPurchasing(v);
            form.clearError('purchasingEntityId');
          }}
          search={searchCustomers}
          placeholder="Type a name or email…"
          noMatch="No customer matches."
          error={errorFor(form.errors, 'purchasingEntityId')}
        />
        {closedAt && (
          <TextAreaField
            name="override.reason"
            label="Reason to override the window"
            required
            rows={2}
            value={reason}
            onChange={(v) => {
              setReason(v);
              form.clearError('override');
            }}
            error={errorFor(form.errors, 'override')}
          />
        )}
      </div>
    </Dialog>
  );
}
