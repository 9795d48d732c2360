import { Facts } from '../../components/Facts';
import { LoadState } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useApiQuery } from '../../hooks/useApiQuery';
import { IpnSettingsSection } from './IpnSettingsSection';
import { StripeSettingsSection } from './StripeSettingsSection';

const HOSTS = { electron: 'Desktop app', web: 'Browser (keyhub serve)', cli: 'Command line', test: 'Test' } as const;

/** What KeyHub knows about itself, and the preferences of the areas that have them (Stripe, PayPal IPN). */
export function SettingsScreen() {
  const info = useApiQuery('system.info', {});
  return (
    <>
      <PageHeader title="Settings" subtitle="Where your data lives, which KeyHub is running, and how it reads payments: Stripe and PayPal IPN." />
      <LoadState data={info.data} error={info.error} what="settings" onRetry={info.reload}>
        {(i) => (
          <Section title="This installation">
            <Facts
              facts={[
                { label: 'Data folder', value: <code className="path">{i.dataDir}</code>, hint: 'Set with --data DIR or KEYHUB_DATA.' },
                { label: 'Data file', value: <code className="path">{i.databasePath}</code>, hint: 'Back up this file (with KeyHub closed) to back up everything.' },
                { label: 'KeyHub version', value: i.version },
                { label: 'Data format version', value: i.schemaVersion },
                { label: 'Running as', value: HOSTS[i.host] },
              ]}
            />
          </Section>
        )}
      </LoadState>
      <StripeSettingsSection />
      <IpnSettingsSection />
      <div className="card coming-soon">
        <p className="coming-soon__tag">Coming soon</p>
        <p>Preferences arrive with the areas that need them: the PayPal connection (Sync), the key-unlock timeout (Signing keys), and staff users with their rights.</p>
      </div>
    </>
  );
}
