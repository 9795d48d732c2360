/**
 * One license: where it stands and why, who owns it, what it grants, its signed file,
 * its domains, support contacts, apps and rights, and everything that happened to it.
 * Every action asks first, says what will happen, and reloads the page and timeline.
 */
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { Facts } from '../../../components/Facts';
import { EmptyState } from '../../../components/EmptyState';
import { ObjectRightsPanel } from '../../../components/ObjectRightsPanel';
import { PageHeader } from '../../../components/PageHeader';
import { Section } from '../../../components/Section';
import { formatDay, formatMoment } from '../../../format/dates';
import { paths } from '../../catalog/shared/paths';
import { RouteRecord } from '../../catalog/shared/RouteRecord';
import { LicenseStateBadge } from '../LicenseBadges';
import { licensePaths } from '../licensePaths';
import { expiryWords, LICENSE_STATE_LABELS } from '../licenseWords';
import { DomainsSection } from './DomainsSection';
import { LicenseFileSection } from './LicenseFileSection';
import { RenewDialog, ResumeDialog, RevokeDialog, SuspendDialog } from './LifecycleDialogs';
import { EditOwnerDialog, TransferDialog, windowClosedAt } from './OwnerDialogs';
import { SupportContactsSection } from './SupportContactsSection';
import { TimelineSection } from './TimelineSection';

export function LicenseDetailScreen() {
  return (
    <RouteRecord method="license.get" what="license">
      {(license, reload) => <LicenseDetailView license={license} reload={reload} />}
    </RouteRecord>
  );
}

type Action = 'renew' | 'suspend' | 'resume' | 'revoke' | 'transfer' | 'owner';

function LicenseDetailView({ license, reload }: { license: LicenseDetail; reload: () => void }) {
  const [action, setAction] = useState<Action | null>(null);
  // Grows on every change made here, so the timeline and the file load again too.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    reload();
    setVersion((v) => v + 1);
  }, [reload]);
  const close = () => setAction(null);
  const dialogProps = { license, onClose: close, onChanged: changed };
  const ownerWindowClosed = windowClosedAt(license.limits.ownershipEditableUntil);

  return (
    <>
      <PageHeader
        title={`License ${license.id}`}
        titleAside={<LicenseStateBadge state={license.state} />}
        subtitle={
          <>
            {license.ownerName} · <span className="code">{license.sku}</span> · {license.vendorName}
          </>
        }
        back={{ to: licensePaths.licenses, label: 'Licenses' }}
        actions={
          <>
            {license.status !== 'revoked' && (
              <button type="button" className="button button--primary" onClick={() => setAction('renew')}>
                Renew…
              </button>
            )}
            {license.status !== 'revoked' && (
              <button type="button" className="button" onClick={() => setAction('transfer')}>
                Transfer…
              </button>
            )}
            <button type="button" className="button" onClick={() => setAction('owner')}>
              Edit owner…
            </button>
            {license.status === 'active' && (
              <button type="button" className="button" onClick={() => setAction('suspend')}>
                Suspend…
              </button>
            )}
            {license.status !== 'active' && (
              <button type="button" className="button" onClick={() => setAction('resume')}>
                Resume…
              </button>
            )}
            {license.status !== 'revoked' && (
              <button type="button" className="button button--danger-quiet" onClick={() => setAction('revoke')}>
                Revoke…
              </button>
            )}
          </>
        }
      />
      <StateNotice license={license} />

      <div className="detail-grid">
        <Section title="License">
          <Facts
            facts={[
              { label: 'State', value: <LicenseStateBadge state={license.state} />, hint: license.statusReason ?? undefined },
              { label: 'Issued', value: formatMoment(license.issued) },
              { label: 'Expires', value: expiryWords(license.expires) },
              { label: 'SKU', value: <Link to={paths.sku(license.skuId)}>{license.sku}</Link> },
              { label: 'Vendor', value: <Link to={paths.vendor(license.vendorId)}>{license.vendorName}</Link> },
              {
                label: 'Features',
                value: license.features.length ? <span className="code">{license.features.join(', ')}</span> : 'None',
                hint: 'As signed into the file.',
              },
              ...(license.message ? [{ label: 'Message', value: license.message }] : []),
            ]}
          />
        </Section>
        <Section title="Owner">
          <Facts
            facts={[
              { label: 'Owner name', value: license.ownerName },
              {
                label: 'Owning customer',
                value: license.owningEntityId ? <Link to={licensePaths.customer(license.owningEntityId)}>{license.owningEntityName}</Link> : 'None',
              },
              {
                label: 'Purchasing customer',
                value: license.purchasingEntityId ? <Link to={licensePaths.customer(license.purchasingEntityId)}>{license.purchasingEntityName}</Link> : 'None',
              },
              {
                label: 'Owner editable',
                value: license.limits.ownershipEditableUntil ? `Until ${formatDay(license.limits.ownershipEditableUntil)}` : 'At any time',
                hint: ownerWindowClosed ? 'The window has passed: changes need a reason.' : undefined,
              },
            ]}
          />
        </Section>
      </div>

      <DomainsSection license={license} onChanged={changed} />
      <LicenseFileSection license={license} version={version} />
      <SupportContactsSection license={license} onChanged={changed} />
      <Section title="Apps" count={license.apps.length}>
        {license.apps.length === 0 ? (
          <EmptyState compact title="No app uses this license.">
            <p>Apps are linked to licenses from the app’s page.</p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {license.apps.map((app) => (
              <li key={app.id}>
                <Link to={licensePaths.app(app.id)}>{app.displayName}</Link> <span className="muted code">{app.id}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <ObjectRightsPanel objectType="license" objectId={license.id} objectLabel={`license ${license.id}`} />
      <TimelineSection licenseId={license.id} version={version} />

      {action === 'renew' && <RenewDialog {...dialogProps} />}
      {action === 'suspend' && <SuspendDialog {...dialogProps} />}
      {action === 'resume' && <ResumeDialog {...dialogProps} />}
      {action === 'revoke' && <RevokeDialog {...dialogProps} />}
      {action === 'transfer' && <TransferDialog {...dialogProps} />}
      {action === 'owner' && <EditOwnerDialog {...dialogProps} />}
    </>
  );
}

/** A license that is not valid says so at the top, with why and what follows. */
function StateNotice({ license }: { license: LicenseDetail }) {
  if (license.state === 'active') return null;
  const reason = license.statusReason ? ` Reason: ${license.statusReason}` : '';
  const text =
    license.state === 'expired'
      ? `This license expired on ${formatDay(license.expires)}. Its domain licenses no longer renew; renew it to restore them.`
      : license.state === 'suspended'
        ? `This license is suspended: not valid, and its domain licenses do not renew until it is resumed.${reason}`
        : `This license is revoked: its domain licenses stop renewing. The file already sent keeps verifying offline ${license.expires ? `until ${formatDay(license.expires)}` : 'for ever (it never expires)'}.${reason}`;
  return (
    <p className={`state-notice state-notice--${license.state}`} role="status">
      <strong>{LICENSE_STATE_LABELS[license.state]}.</strong> {text}
    </p>
  );
}
