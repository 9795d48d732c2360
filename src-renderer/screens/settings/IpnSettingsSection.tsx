/**
 * PayPal IPN preferences: whether each imported message is first posted back to PayPal
 * (`cmd=_notify-validate`) to prove it came from PayPal, and where to post it (PayPal's
 * live endpoint, its sandbox, or a local test server).
 */
import { useState, type FormEvent } from 'react';
import type { KeyHubSettings } from '../../../src-main/domain/sales/types';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { CheckboxField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import './settings.css';

const LIVE_URL = 'https://ipnpb.paypal.com/cgi-bin/webscr';
const SANDBOX_URL = 'https://ipnpb.sandbox.paypal.com/cgi-bin/webscr';

export function IpnSettingsSection() {
  const current = useApiQuery('settings.get', {});
  return (
    <Section title="PayPal IPN">
      {current.error ? (
        <p className="section__error" role="alert">
          {current.error.message}{' '}
          <button type="button" className="button button--small" onClick={current.reload}>
            Try again
          </button>
        </p>
      ) : !current.data ? (
        <p className="loading">Loading the IPN settings…</p>
      ) : (
        <IpnSettingsForm saved={current.data} onSaved={current.reload} />
      )}
    </Section>
  );
}

function IpnSettingsForm({ saved, onSaved }: { saved: KeyHubSettings; onSaved: () => void }) {
  const form = useApiForm();
  const toast = useToast();
  const [validate, setValidate] = useState(saved.ipn.validate);
  const [validateUrl, setValidateUrl] = useState(saved.ipn.validateUrl);
  const changed = validate !== saved.ipn.validate || validateUrl.trim() !== saved.ipn.validateUrl;

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await form.submit('settings.update', { ipn: { validate, validateUrl: validateUrl.trim() } });
    if (!result) return;
    setValidateUrl(result.ipn.validateUrl);
    toast.success(
      result.ipn.validate ? `PayPal IPN settings saved: each message is checked with ${result.ipn.validateUrl} first.` : 'PayPal IPN settings saved: messages are imported without asking PayPal.',
    );
    onSaved();
  }

  return (
    <form className="settings-form" noValidate onSubmit={(e) => void save(e)}>
      {form.banner && !errorFor(form.errors, 'ipn.validateUrl') && (
        <p className="form__banner" role="alert">
          {form.banner}
        </p>
      )}
      <CheckboxField
        name="ipn.validate"
        label="Check each message with PayPal before importing it"
        hint="KeyHub posts every message back to PayPal and imports only those PayPal confirms as its own (VERIFIED). Needs an internet connection while importing."
        checked={validate}
        onChange={(v) => {
          setValidate(v);
          form.clearError('ipn.validate');
        }}
        error={errorFor(form.errors, 'ipn.validate')}
      />
      <TextField
        name="ipn.validateUrl"
        label="Validation URL"
        type="url"
        code
        value={validateUrl}
        onChange={(v) => {
          setValidateUrl(v);
          form.clearError('ipn.validateUrl');
        }}
        hint={
          <>
            PayPal’s live endpoint is <code>{LIVE_URL}</code>; its sandbox is <code>{SANDBOX_URL}</code>. A local test server works too.{' '}
            {validateUrl.trim() !== LIVE_URL && (
              <button type="button" className="button button--small settings-form__reset" onClick={() => setValidateUrl(LIVE_URL)}>
                Use PayPal’s live endpoint
              </button>
            )}
          </>
        }
        error={errorFor(form.errors, 'ipn.validateUrl')}
        maxLength={2048}
      />
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={form.saving || !changed}>
          {form.saving ? 'Saving…' : 'Save IPN settings'}
        </button>
        {!changed && <span className="muted">Saved.</span>}
      </div>
    </form>
  );
}
