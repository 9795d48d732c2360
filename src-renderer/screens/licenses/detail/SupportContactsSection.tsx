/**
 * A license's support contacts: at most the SKU's number, changeable within the SKU's
 * window after issue; after it, staff give a reason to override.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { Dialog } from '../../../components/Dialog';
import { DialogActions } from '../../../components/DialogActions';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { useToast } from '../../../components/Toasts';
import { formatDay } from '../../../format/dates';
import { plural } from '../../../format/numbers';
import { ChoiceList } from '../../../forms/ChoiceList';
import { DialogRefusal } from '../../../forms/DialogRefusal';
import { TextAreaField } from '../../../forms/fields';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { licensePaths } from '../licensePaths';
import { useUserChoices } from '../useUserChoices';
import { windowClosedAt } from './OwnerDialogs';

/** "1 of 2", or "1 (no limit)". */
export function contactUsage(count: number, max: number | null): string {
  return max === null ? `${count} (no limit)` : `${count} of ${max}`;
}

export function SupportContactsSection({ license, onChanged }: { license: LicenseDetail; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const { supportContacts: contacts, limits } = license;
  const closedAt = windowClosedAt(limits.supportContactsEditableUntil);

  return (
    <Section
      title="Support contacts"
      actions={
        <button type="button" className="button button--small" onClick={() => setEditing(true)}>
          Change contacts…
        </button>
      }
    >
      <p className="section__intro muted">
        <span className="usage">{contactUsage(contacts.length, limits.maxSupportContacts)}</span> support contacts.{' '}
        {closedAt
          ? `Changeable until ${formatDay(closedAt)}; later changes need a reason.`
          : limits.supportContactsEditableUntil
            ? `Changeable until ${formatDay(limits.supportContactsEditableUntil)}.`
            : 'Changeable at any time.'}
      </p>
      {contacts.length === 0 ? (
        <EmptyState compact title="No support contacts.">
          <p>Support contacts are the people who may ask for help under this license.</p>
        </EmptyState>
      ) : (
        <ul className="ref-list">
          {contacts.map((c) => (
            <li key={c.userId}>
              <Link to={licensePaths.user(c.userId)}>{c.name}</Link>
              <span className="muted"> — {c.email}</span>
            </li>
          ))}
        </ul>
      )}
      {editing && <SupportContactsDialog license={license} closedAt={closedAt} onClose={() => setEditing(false)} onChanged={onChanged} />}
    </Section>
  );
}

function SupportContactsDialog({ license, closedAt, onClose, onChanged }: { license: LicenseDetail; closedAt: string | null; onClose: () => void; onChanged: () => void }) {
  const form = useApiForm();
  const toast = useToast();
  const users = useUserChoices();
  const [selected, setSelected] = useState(license.supportContacts.map((c) => c.userId));
  const [reason, setReason] = useState('');
  const max = license.limits.maxSupportContacts;

  async function submit() {
    const errors: Record<string, string> = {};
    if (max !== null && selected.length > max) errors.userIds = `SKU ${license.sku} allows ${plural(max, 'support contact')}; ${selected.length} are chosen.`;
    if (closedAt && !reason.trim()) errors['override.reason'] = 'The change window has passed: give the reason for changing the contacts anyway.';
    if (Object.keys(errors).length) return form.reject(errors);
    const saved = await form.submit('license.setSupportContacts', { id: license.id, userIds: selected, override: closedAt ? { reason } : undefined });
    if (!saved) return;
    toast.success(`Support contacts of license ${license.id} saved.`);
    onChanged();
    onClose();
  }

  return (
    <Dialog
      title={`Support contacts of license ${license.id}`}
      wide
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Save contacts" busyLabel="Saving…" onCancel={onClose} />}
    >
      <p>
        <strong>{contactUsage(selected.length, max)}</strong> chosen{max === null ? '' : ` (SKU ${license.sku}’s limit is ${max})`}.
      </p>
      {closedAt && (
        <p className="window-note window-note--closed">
          SKU {license.sku} lets support contacts change until {formatDay(closedAt)}; that has passed. You may still change them with a reason, which the audit
          log keeps.
        </p>
      )}
      <DialogRefusal form={form} fields={['userIds', 'override']} />
      <div className="dialog__fields">
        <ChoiceList
          name="userIds"
          legend="Support contacts"
          choices={users.choices}
          selected={selected}
          onChange={(ids) => {
            setSelected(ids);
            form.clearError('userIds');
          }}
          loading={users.loading}
          error={errorFor(form.errors, 'userIds')}
          empty={<p className="muted">No users yet. Add users (staff or customers’ contacts) first.</p>}
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
