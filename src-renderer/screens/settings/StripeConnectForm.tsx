/**
 * Connecting Stripe: a restricted key (how to make one is said beside the field), where
 * to keep it (the OS keychain is offered on the desktop only), Stripe's address under
 * "Advanced" (a local test server), "Test key" to see what the key may read, and
 * "Connect", which tests it again and stores it sealed. Refusals show under the field.
 */
import { useState, type FormEvent } from 'react';
import type { StripeStatus, StripeTestResult } from '../../../src-main/domain/sync/types';
import { CheckboxField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useVault } from '../keys/VaultContext';
import { StripeTestResultView } from './StripeTestResultView';

export const STRIPE_API_BASE = 'https://api.stripe.com';

/** The resources the sync reads: what a restricted key needs Read access to. */
const READ_RESOURCES = 'Products, Prices, Customers, Checkout Sessions, Invoices, Subscriptions, PaymentIntents, Charges, Refunds, Disputes and Events';

interface StripeConnectFormProps {
  /** The desktop app can keep the key in the OS keychain instead. */
  canUseOsKeychain: boolean;
  /** The address used last (kept in the settings), or Stripe's own. */
  apiBase: string;
  onConnected: (status: StripeStatus) => void;
}

export function StripeConnectForm({ canUseOsKeychain, apiBase: savedApiBase, onConnected }: StripeConnectFormProps) {
  const vault = useVault();
  const connect = useApiForm();
  const test = useApiForm();
  const [secretKey, setSecretKey] = useState('');
  const [useOsKeychain, setUseOsKeychain] = useState(false);
  const [apiBase, setApiBase] = useState(savedApiBase);
  const [tested, setTested] = useState<StripeTestResult | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(savedApiBase !== STRIPE_API_BASE);
  // Which key each refusal was about: a refusal stays under the field only while that key is in it.
  const [connectedKey, setConnectedKey] = useState<string | null>(null);
  const [testedKey, setTestedKey] = useState<string | null>(null);

  const input = () => ({ secretKey: secretKey.trim(), ...(apiBase.trim() && apiBase.trim() !== STRIPE_API_BASE ? { apiBase: apiBase.trim() } : {}) });
  // A refusal that names no field is about the key (refused, too few rights, Stripe out of reach): it shows under it.
  const fieldless = (form: typeof connect) => (form.banner && Object.keys(form.errors).length === 0 ? form.banner : undefined);
  const connectError = secretKey === connectedKey ? (errorFor(connect.errors, 'secretKey') ?? fieldless(connect)) : undefined;
  const keyError = connectError ?? (secretKey === testedKey ? (errorFor(test.errors, 'secretKey') ?? fieldless(test)) : undefined);
  const apiBaseError = errorFor(connect.errors, 'apiBase') ?? errorFor(test.errors, 'apiBase');

  // A refused address must be seen: "Advanced" opens to show it.
  const [shownError, setShownError] = useState(apiBaseError);
  if (apiBaseError !== shownError) {
    setShownError(apiBaseError);
    if (apiBaseError) setAdvancedOpen(true);
  }

  async function runTest() {
    setTested(null);
    setTestedKey(secretKey);
    const result = await test.submit('stripe.test', input());
    if (result) setTested(result);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (connect.saving) return;
    setConnectedKey(secretKey);
    const status = await connect.submit('stripe.connect', { ...input(), ...(canUseOsKeychain && useOsKeychain ? { useOsKeychain: true } : {}) }, vault.recoverLocked);
    if (status) onConnected(status);
  }

  return (
    <form className="settings-form stripe-connect" noValidate onSubmit={(e) => void save(e)} aria-label="Connect Stripe">
      <p className="muted">
        KeyHub reads your Stripe account on a schedule and when you ask: purchases, refunds, disputes and subscriptions become transactions and licenses. It only
        reads, and needs no public address or webhook.
      </p>
      <TextField
        name="secretKey"
        label="Restricted key"
        type="password"
        code
        required
        autoFocus
        placeholder="rk_live_…"
        value={secretKey}
        onChange={(v) => {
          setSecretKey(v);
          setTested(null);
        }}
        error={keyError}
        maxLength={255}
        hint={
          <>
            In Stripe’s Dashboard: Developers → API keys → <strong>Create restricted key</strong>, and give it <strong>Read</strong> access to {READ_RESOURCES}{' '}
            (nothing else). A test-mode key (<code>rk_test_…</code>) reads your test data.
          </>
        }
      />
      {canUseOsKeychain && (
        <CheckboxField
          name="useOsKeychain"
          label="Keep the key in the OS keychain"
          hint="Your operating system encrypts it for your user account. Otherwise KeyHub seals it with the signing keys’ passphrase, like the keys themselves."
          checked={useOsKeychain}
          onChange={setUseOsKeychain}
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
            setTested(null);
            connect.clearError('apiBase');
            test.clearError('apiBase');
          }}
          error={apiBaseError}
          maxLength={256}
          hint={
            <>
              Stripe’s is <code>{STRIPE_API_BASE}</code>. Change it only to try KeyHub against a local test server.
            </>
          }
        />
      </details>
      {tested && <StripeTestResultView result={tested} />}
      <div className="settings-form__actions">
        <button type="button" className="button" onClick={() => void runTest()} disabled={test.saving || connect.saving}>
          {test.saving ? 'Testing…' : 'Test key'}
        </button>
        <button type="submit" className="button button--primary" disabled={connect.saving || test.saving}>
          {connect.saving ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
