/**
 * Settings → Stripe: connect a Stripe account, or see the connected one with its
 * schedule, test it and disconnect it. Connecting seals the key with the signing keys'
 * passphrase (unless the desktop app keeps it in the OS keychain), so the vault's
 * unlock dialog is at hand.
 */
import { useState } from 'react';
import type { StripeStatus } from '../../../src-main/domain/sync/types';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { useApiQuery } from '../../hooks/useApiQuery';
import { VaultProvider } from '../keys/VaultContext';
import { LivemodeBadge } from '../sync/SyncBadges';
import { StripeConnectedView } from './StripeConnectedView';
import { StripeConnectForm } from './StripeConnectForm';
import './settings.css';

export function StripeSettingsSection() {
  return (
    <VaultProvider>
      <StripeSettings />
    </VaultProvider>
  );
}

function StripeSettings() {
  const toast = useToast();
  const loaded = useApiQuery('stripe.status', {});
  // The answer of the last change (connect, settings, disconnect) until the next load.
  const [changed, setChanged] = useState<StripeStatus | null>(null);
  const status = changed ?? loaded.data;
  const connected = status?.connection.connected === true;

  return (
    <Section title="Stripe" actions={connected && <LivemodeBadge livemode={status.connection.livemode} />}>
      {loaded.error && !status ? (
        <p className="section__error" role="alert">
          {loaded.error.message}{' '}
          <button type="button" className="button button--small" onClick={loaded.reload}>
            Try again
          </button>
        </p>
      ) : !status ? (
        <p className="loading">Loading the Stripe connection…</p>
      ) : connected ? (
        <StripeConnectedView status={status} onChanged={setChanged} />
      ) : (
        <StripeConnectForm
          canUseOsKeychain={status.connection.osKeychainAvailable}
          apiBase={status.settings.apiBase}
          onConnected={(next) => {
            setChanged(next);
            const mode = next.connection.livemode === false ? ' (test mode)' : '';
            toast.success(`Stripe connected${next.connection.accountName ? ` to ${next.connection.accountName}` : ''}${mode}. Sync now from the Sync screen.`);
            if (next.backfillRestarted) toast.info(next.backfillRestarted);
          }}
        />
      )}
    </Section>
  );
}
