/**
 * The license's lifecycle, each behind a dialog that says what happens: renew or extend,
 * suspend, resume, revoke. Renewing re-signs the file, so it may ask to unlock the keys.
 */
import { useState } from 'react';
import type { LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { addDays } from '../../../../src-main/shared/time';
import { Dialog } from '../../../components/Dialog';
import { DialogActions } from '../../../components/DialogActions';
import { useToast } from '../../../components/Toasts';
import { formatDay } from '../../../format/dates';
import { numberForApi, plural } from '../../../format/numbers';
import { INCOMPLETE_DATE_MESSAGE, isIncompleteDate, type DateInput } from '../../../forms/dateInput';
import { DialogRefusal } from '../../../forms/DialogRefusal';
import { DateField, NumberField } from '../../../forms/fields';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useVault } from '../../keys/VaultContext';
import { expiryWords } from '../licenseWords';
import { ReasonDialog } from './ReasonDialog';

interface LicenseDialogProps {
  license: LicenseDetail;
  onClose: () => void;
  /** The license changed: reload it and its timeline. */
  onChanged: () => void;
}

type RenewMode = 'sku' | 'days' | 'date' | 'never';

/** Renewals count from the later of now and the current expiry, as the API does. */
function renewalBase(expires: string | null): string {
  const now = new Date().toISOString();
  return expires && expires > now ? expires : now;
}

export function RenewDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const form = useApiForm();
  const toast = useToast();
  const vault = useVault();
  const skuDays = license.limits.licenseDuration;
  const [mode, setMode] = useState<RenewMode>(skuDays === null ? 'days' : 'sku');
  const [days, setDays] = useState('30');
  const [date, setDate] = useState<DateInput>('');
  const base = renewalBase(license.expires);
  const dayCount = numberForApi(days);

  const modes: { value: RenewMode; label: string }[] = [
    ...(skuDays === null ? [] : [{ value: 'sku' as const, label: `The SKU’s license duration: ${plural(skuDays, 'day')} more` }]),
    { value: 'days', label: 'A number of days more' },
    { value: 'date', label: 'Until a date' },
    { value: 'never', label: 'Never expires (perpetual)' },
  ];

  function preview(): string | null {
    if (mode === 'sku' && skuDays !== null) return formatDay(addDays(base, skuDays));
    if (mode === 'days' && dayCount !== null && Number.isInteger(dayCount) && dayCount > 0) return formatDay(addDays(base, dayCount));
    if (mode === 'date' && typeof date === 'string' && date) return formatDay(`${date}T00:00:00.000Z`);
    if (mode === 'never') return 'Never';
    return null;
  }

  async function submit() {
    if (mode === 'date' && (isIncompleteDate(date) || date === '')) {
      return form.reject({ expires: isIncompleteDate(date) ? INCOMPLETE_DATE_MESSAGE : 'Choose the new expiry date.' });
    }
    const input =
      mode === 'sku'
        ? { id: license.id }
        : mode === 'days'
          ? { id: license.id, days: dayCount ?? Number.NaN }
          : mode === 'never'
            ? { id: license.id, expires: null }
            : { id: license.id, expires: date as string };
    const renewed = await form.submit('license.renew', input, vault.recoverLocked);
    if (!renewed) return;
    toast.success(`License ${license.id} now expires: ${expiryWords(renewed.expires)}.`);
    onChanged();
    onClose();
  }

  const next = preview();
  return (
    <Dialog
      title={`Renew or extend license ${license.id}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Renew" busyLabel="Renewing…" onCancel={onClose} />}
    >
      <p>
        Expires now: <strong>{expiryWords(license.expires)}</strong>. Time is added from{' '}
        {base === license.expires ? 'the current expiry' : 'today, as it has already expired'}. The license file is signed again with the new date.
      </p>
      <DialogRefusal form={form} fields={['days', 'expires']} />
      <div className="dialog__fields">
        <fieldset className="field radio-group">
          <legend className="field__label">New expiry</legend>
          {modes.map((m, i) => (
            <label key={m.value} className="radio-group__item">
              <input
                type="radio"
                className="checkbox"
                name="renewMode"
                value={m.value}
                checked={mode === m.value}
                autoFocus={i === 0}
                data-autofocus={i === 0 ? 'true' : undefined}
                onChange={() => {
                  setMode(m.value);
                  form.clearError('days');
                  form.clearError('expires');
                }}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        {mode === 'days' && (
          <NumberField
            name="days"
            label="Days to add"
            unit="days"
            value={days}
            onChange={(v) => {
              setDays(v);
              form.clearError('days');
            }}
            error={errorFor(form.errors, 'days')}
          />
        )}
        {mode === 'date' && (
          <DateField
            name="expires"
            label="New expiry"
            required
            value={date}
            onChange={(v) => {
              setDate(v);
              form.clearError('expires');
            }}
            error={errorFor(form.errors, 'expires')}
          />
        )}
        <p className="renew-preview" aria-live="polite">
          {next ? (
            <>
              New expiry: <strong>{next}</strong>
            </>
          ) : (
            <span className="muted">Give the days or the date to see the new expiry.</span>
          )}
        </p>
      </div>
    </Dialog>
  );
}

export function SuspendDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const toast = useToast();
  return (
    <ReasonDialog
      title={`Suspend license ${license.id}?`}
      confirmLabel="Suspend license"
      busyLabel="Suspending…"
      reasonLabel="Reason"
      onClose={onClose}
      run={async (form, reason) => {
        const done = await form.submit('license.suspend', { id: license.id, reason });
        if (!done) return false;
        toast.success(`License ${license.id} suspended.`);
        onChanged();
        return true;
      }}
    >
      <p>
        While suspended, the license is not valid in KeyHub and its domain licenses do not renew. Resuming it restores both.
      </p>
    </ReasonDialog>
  );
}

export function ResumeDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const toast = useToast();
  const revoked = license.status === 'revoked';
  return (
    <ReasonDialog
      title={`Resume license ${license.id}?`}
      confirmLabel="Resume license"
      busyLabel="Resuming…"
      reasonLabel="Reason"
      reasonOptional={!revoked}
      reasonHint={revoked ? 'Undoing a revocation needs a reason; the audit log keeps it.' : 'Optional; kept in the timeline and the audit log.'}
      onClose={onClose}
      run={async (form, reason) => {
        const done = await form.submit('license.resume', { id: license.id, reason: reason || null });
        if (!done) return false;
        toast.success(`License ${license.id} resumed.`);
        onChanged();
        return true;
      }}
    >
      <p>
        The license becomes {license.expires && license.expires <= new Date().toISOString() ? 'active again, though it has expired' : 'valid again'}, and its
        automatic domain licenses renew again.
      </p>
      {license.statusReason && (
        <p className="muted">
          {revoked ? 'Revoked' : 'Suspended'} because: {license.statusReason}
        </p>
      )}
    </ReasonDialog>
  );
}

/** ", and its 2 domain licenses stop renewing", or nothing when it has none. */
function stopRenewingWords(liveDomains: number): string {
  if (liveDomains === 0) return '';
  return liveDomains === 1 ? ', and its domain license stops renewing' : `, and its ${liveDomains} domain licenses stop renewing`;
}

export function RevokeDialog({ license, onClose, onChanged }: LicenseDialogProps) {
  const toast = useToast();
  return (
    <ReasonDialog
      title={`Revoke license ${license.id}?`}
      confirmLabel="Revoke license"
      busyLabel="Revoking…"
      danger
      reasonLabel="Reason"
      onClose={onClose}
      run={async (form, reason) => {
        const done = await form.submit('license.revoke', { id: license.id, reason });
        if (!done) return false;
        toast.success(`License ${license.id} revoked.`);
        onChanged();
        return true;
      }}
    >
      <p>
        License {license.id} of <strong>{license.ownerName}</strong> ({license.sku}) will no longer be valid in KeyHub{stopRenewingWords(license.limits.liveDomains)}.
      </p>
      <p className="revoke-warning">
        The signed file the customer already has cannot be recalled: products check it offline, so it keeps verifying{' '}
        {license.expires ? `until it expires on ${formatDay(license.expires)}` : 'for ever (it never expires)'}.
      </p>
    </ReasonDialog>
  );
}
