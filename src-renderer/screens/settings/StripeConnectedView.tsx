/**
 * A connected Stripe account: which account and mode, the key's hint and where it is
 * sealed, whether it can be read now; the schedule (and, under "Advanced", Stripe's
 * address and the request rate: a new address asks for the key again, since the stored
 * key goes only to its own address); "Test connection"; and "Disconnect", asked first,
 * which forgets the key and keeps everything synced.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { StripeStatus, StripeTestResult } from '../../../src-main/domain/sync/types';
import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Facts } from '../../components/Facts';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { numberForApi } from '../../format/numbers';
import { NumberField, SelectField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useVault } from '../keys/VaultContext';
import { LivemodeBadge } from '../sync/SyncBadges';
import { syncPaths } from '../sync/syncPaths';
import { scheduleWords } from '../sync/syncWords';
import { STRIPE_API_BASE } from './StripeConnectForm';
import { StripeTestResultView } from './StripeTestResultView';

const SEALING_WORDS = {
  vault: 'Sealed with the signing keys’ passphrase',
  os: 'In the OS keychain',
} as const;

interface StripeConnectedViewProps {
  status: StripeStatus;
  onChanged: (status: StripeStatus) => void;
}

export function StripeConnectedView({ status, onChanged }: StripeConnectedViewProps) {
  const { connection: c } = status;
  const toast = useToast();
  const vault = useVault();
  const test = useApiForm();
  const [tested, setTested] = useState<StripeTestResult | null>(null);

  async function runTest() {
    setTested(null);
    const result = await test.submit('stripe.test', {}, vault.recoverLocked);
    if (result) setTested(result);
  }

  return (
    <div className="stripe-connected">
      <Facts
        facts={[
          { label: 'Account', value: c.accountName ?? 'Unnamed account', hint: c.accountId ?? undefined },
          { label: 'Mode', value: <LivemodeBadge livemode={c.livemode} />, hint: c.livemode === false ? 'The key reads your Stripe test data.' : undefined },
          { label: 'Key', value: c.keyHint ? <span className="code">{c.keyHint}</span> : '—' },
          { label: 'Key kept', value: c.sealing ? SEALING_WORDS[c.sealing] : '—' },
          { label: 'Connected', value: formatMoment(c.connectedAt) },
          { label: 'Usable now', value: c.usable ? 'Yes' : 'No', hint: c.usable ? undefined : (c.unusableReason ?? undefined) },
        ]}
      />
      <StripeScheduleForm status={status} onSaved={onChanged} />
      {tested && <StripeTestResultView result={tested} />}
      {test.banner && (
        <p className="refusal stripe-connected__refusal" role="alert">
          {test.banner}
        </p>
      )}
      <div className="settings-form__actions stripe-connected__actions">
        <button type="button" className="button" onClick={() => void runTest()} disabled={test.saving}>
          {test.saving ? 'Testing…' : 'Test connection'}
        </button>
        <Link className="button" to={syncPaths.sync}>
          Go to Sync
        </Link>
        <ConfirmButton
          label="Disconnect…"
          title="Disconnect Stripe?"
          confirmLabel="Disconnect"
          busyLabel="Disconnecting…"
          refusedTitle="Stripe was not disconnected"
          run={async () => onChanged(await api('stripe.disconnect', {}))}
          onDone={() => toast.success('Stripe disconnected: the key is forgotten. Synced data and licenses stay.')}
        >
          <p>
            KeyHub forgets the key{c.accountName ? ` of ${c.accountName}` : ''}, and no sync runs until you connect again.
          </p>
          <p>
            Synced data and licenses stay: transactions, subscriptions, customers and past runs are kept, and no license is revoked or changed. Connecting again later
            carries on from where the sync stopped.
          </p>
        </ConfirmButton>
      </div>
    </div>
  );
}

const SCHEDULE_PRESETS = [0, 5, 15, 30, 60];
const CUSTOM = 'custom';

function StripeScheduleForm({ status, onSaved }: { status: StripeStatus; onSaved: (status: StripeStatus) => void }) {
  const saved = status.settings;
  const form = useApiForm();
  const toast = useToast();
  const vault = useVault();
  const [choice, setChoice] = useState(SCHEDULE_PRESETS.includes(saved.scheduleMinutes) ? String(saved.scheduleMinutes) : CUSTOM);
  const [minutes, setMinutes] = useState(String(saved.scheduleMinutes));
  const [apiBase, setApiBase] = useState(saved.apiBase);
  const [rate, setRate] = useState(String(saved.requestsPerSecond));
  const [secretKey, setSecretKey] = useState('');
  const [advancedOpen, setAdvancedOpen] = useState(saved.apiBase !== STRIPE_API_BASE);

  const scheduleMinutes = choice === CUSTOM ? numberForApi(minutes) : Number(choice);
  const requestsPerSecond = numberForApi(rate);
  // As the API compares it: the stored key is sent only to the address it was stored for.
  const moving = apiBase.trim().replace(/\/$/, '') !== saved.apiBase;
  const changed = scheduleMinutes !== saved.scheduleMinutes || moving || requestsPerSecond !== saved.requestsPerSecond;

  async function save(event: FormEvent) {
    event.preventDefault();
    const refusals = {
      ...(scheduleMinutes === null || Number.isNaN(scheduleMinutes) ? { scheduleMinutes: 'Give the minutes between syncs as a whole number, or choose Off.' } : {}),
      ...(requestsPerSecond === null || Number.isNaN(requestsPerSecond) ? { requestsPerSecond: 'Give the requests a second as a whole number, from 1 to 100.' } : {}),
    };
    if (Object.keys(refusals).length > 0 || scheduleMinutes === null || requestsPerSecond === null) {
      return form.reject(refusals);
    }
    const key = moving && secretKey.trim() ? { secretKey: secretKey.trim() } : {};
    // A new key is sealed like the old one: with the passphrase, the keys are unlocked first.
    const result = await form.submit('stripe.settings', { scheduleMinutes, apiBase: apiBase.trim(), requestsPerSecond, ...key }, vault.recoverLocked);
    if (!result) return;
    setApiBase(result.settings.apiBase);
    setSecretKey('');
    const minutes = result.settings.scheduleMinutes;
    if (moving) toast.success(`Stripe’s address is now ${result.settings.apiBase}: the key was tested there and kept in place of the old one.`);
    else toast.success(minutes === 0 ? 'Sync settings saved: the schedule is off; sync with “Sync now”.' : `Sync settings saved: ${scheduleWords(minutes).toLowerCase()}.`);
    if (result.backfillRestarted) toast.info(result.backfillRestarted);
    onSaved(result);
  }

  const scheduleError = errorFor(form.errors, 'scheduleMinutes');
  const keyError = moving ? errorFor(form.errors, 'secretKey') : undefined;
  const advancedError = errorFor(form.errors, 'apiBase') ?? keyError ?? errorFor(form.errors, 'requestsPerSecond');
  // A refused address or rate must be seen: "Advanced" opens to show it.
  const [shownError, setShownError] = useState(advancedError);
  if (advancedError !== shownError) {
    setShownError(advancedError);
    if (advancedError) setAdvancedOpen(true);
  }
  return (
    <form className="settings-form stripe-schedule" noValidate onSubmit={(e) => void save(e)} aria-label="Sync schedule">
      <SelectField
        name="scheduleChoice"
        label="Sync automatically"
        value={choice}
        onChange={(v) => {
          setChoice(v);
          if (v !== CUSTOM) setMinutes(v);
          form.clearError('scheduleMinutes');
        }}
        options={[
          { value: '0', label: 'Off: only when I sync' },
          { value: '5', label: 'Every 5 minutes' },
          { value: '15', label: 'Every 15 minutes' },
          { value: '30', label: 'Every 30 minutes' },
          { value: '60', label: 'Every hour' },
          { value: CUSTOM, label: 'Every … minutes (another number)' },
        ]}
        hint="While the desktop app or the browser host is open. A run that finds the signing keys locked asks for nothing and waits for the next one."
        error={choice === CUSTOM ? undefined : scheduleError}
      />
      {choice === CUSTOM && (
        <NumberField
          name="scheduleMinutes"
          label="Minutes between syncs"
          unit="minutes"
          value={minutes}
          onChange={(v) => {
            setMinutes(v);
            form.clearError('scheduleMinutes');
          }}
          error={scheduleError}
          hint="From 1 to 1,440 (once a day)."
        />
      )}
      <details className="settings-advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary className="settings-advanced__summary">Advanced</summary>
        <TextField
          name="apiBase"
          label="API address"
          type="url"
          code
          value={apiBase}
          onChange={(v) => {
            setApiBase(v);
            form.clearError('apiBase');
            form.clearError('secretKey');
          }}
          error={errorFor(form.errors, 'apiBase')}
          maxLength={256}
          hint={
            <>
              Stripe’s is <code>{STRIPE_API_BASE}</code>; another address only for a local test server (plain <code>http://</code> only on this computer).
            </>
          }
        />
        {moving && (
          <TextField
            name="secretKey"
            label="Restricted key for the new address"
            type="password"
            code
            required
            placeholder="rk_…"
            value={secretKey}
            onChange={(v) => {
              setSecretKey(v);
              form.clearError('secretKey');
            }}
            error={keyError}
            maxLength={255}
            hint="The stored key goes only to its own address. The key pasted here is tested at the new one, then kept instead."
          />
        )}
        <NumberField
          name="requestsPerSecond"
          label="Requests a second, at most"
          value={rate}
          onChange={(v) => {
            setRate(v);
            form.clearError('requestsPerSecond');
          }}
          error={errorFor(form.errors, 'requestsPerSecond')}
          hint="Stripe allows 100 a second in live mode and 25 in test mode; KeyHub stays below what you set."
        />
      </details>
      {form.banner && !scheduleError && !advancedError && (
        <p className="form__banner" role="alert">
          {form.banner}
        </p>
      )}
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={form.saving || !changed}>
          {form.saving ? 'Saving…' : 'Save sync settings'}
        </button>
        {!changed && <span className="muted">Saved.</span>}
      </div>
    </form>
  );
}
