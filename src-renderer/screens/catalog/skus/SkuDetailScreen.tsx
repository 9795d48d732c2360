import { Link, useNavigate } from 'react-router';
import type { SkuDetail } from '../../../../src-main/domain/catalog/types';
import { api } from '../../../api/client';
import { AvailabilityBadge } from '../../../components/Badges';
import { DeleteButton } from '../../../components/DeleteButton';
import { EmptyState } from '../../../components/EmptyState';
import { Facts } from '../../../components/Facts';
import { PageHeader } from '../../../components/PageHeader';
import { Section } from '../../../components/Section';
import { useToast } from '../../../components/Toasts';
import { formatDay, formatMoment } from '../../../format/dates';
import { formatDays, formatLimit, plural } from '../../../format/numbers';
import { keyPaths } from '../../keys/keyPaths';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { RetireSkuButton } from './RetireSkuButton';

export function SkuDetailScreen() {
  return (
    <RouteRecord method="sku.get" what="SKU">
      {(s, reload) => <SkuDetailView sku={s} reload={reload} />}
    </RouteRecord>
  );
}

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function SkuDetailView({ sku, reload }: { sku: SkuDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();

  return (
    <>
      <PageHeader
        title={sku.sku}
        titleAside={<AvailabilityBadge availability={sku.availability} />}
        subtitle={
          <>
            {sku.name ? `${sku.name} · ` : ''}
            <Link to={paths.vendor(sku.vendorId)}>{sku.vendorName}</Link>
          </>
        }
        back={{ to: paths.skus, label: 'SKUs' }}
        actions={
          <>
            <Link className="button" to={paths.editSku(sku.id)}>
              Edit
            </Link>
            {sku.availability === 'on_sale' && <RetireSkuButton sku={sku} onRetired={reload} />}
            <DeleteButton
              kind="SKU"
              name={sku.sku}
              consequence="Its links to feature codes and packages go with it. A SKU that has licenses cannot be deleted; retire it instead. This cannot be undone."
              run={() => api('sku.delete', { id: sku.id })}
              onDeleted={() => {
                toast.success(`SKU ${sku.sku} deleted.`);
                navigate(paths.skus, { replace: true });
              }}
              alternativeFor={(error) =>
                // Only a SKU on sale can be retired now (an upcoming one is not sold yet).
                error.code === 'IN_USE' && error.details.suggestion === 'sku.retire' && sku.availability === 'on_sale'
                  ? {
                      label: 'Retire it instead',
                      explanation: `Retiring ends its sale now (its expiration date becomes today) and keeps its ${plural(sku.licenseCount, 'license')} valid and on record.`,
                      run: async () => {
                        await api('sku.retire', { id: sku.id });
                        toast.success(`SKU ${sku.sku} retired. It is no longer on sale.`);
                        reload();
                      },
                    }
                  : null
              }
            />
          </>
        }
      />
      <div className="detail-grid">
        <Section title="Sale window">
          <Facts
            facts={[
              { label: 'Release date', value: formatDay(sku.releaseDate, 'Not set'), hint: sku.releaseDate ? undefined : 'On sale from creation' },
              { label: 'Expiration date', value: formatDay(sku.expirationDate, 'Never') },
              { label: 'Licenses issued', value: sku.licenseCount.toLocaleString() },
              {
                label: 'Signing key',
                value: sku.privateKeyId ? <Link to={keyPaths.key(sku.privateKeyId)}>Key #{sku.privateKeyId}</Link> : 'None yet',
                hint: sku.privateKeyId ? undefined : 'Give it one from a key’s page: Rotate a SKU to this key.',
              },
            ]}
          />
        </Section>
        <Section title="Licenses">
          <Facts
            facts={[
              { label: 'License duration', value: formatDays(sku.licenseDuration) },
              { label: 'Max support contacts', value: formatLimit(sku.maxSupportContacts) },
              { label: 'Support-contact change window', value: formatDays(sku.changeSupportContactsDuration) },
              { label: 'Ownership edit window', value: formatDays(sku.editOwnershipDuration) },
              {
                label: 'Subscription grace',
                value: sku.subscriptionGraceDays === null ? 'None' : formatDays(sku.subscriptionGraceDays),
                hint: 'How long a Stripe subscription’s licenses run past its paid period.',
              },
            ]}
          />
        </Section>
        <Section title="Domains">
          <Facts
            facts={[
              { label: 'Max domains', value: formatLimit(sku.maxDomains) },
              { label: 'Automatic domain duration', value: formatDays(sku.autoDomainDuration) },
              { label: 'Manual domain duration', value: formatDays(sku.manualDomainDuration) },
              { label: 'Customers may delete manual domains', value: yesNo(sku.canDeleteManualDomains) },
              { label: 'Customers may delete automatic domains', value: yesNo(sku.canDeleteAutoDomains) },
            ]}
          />
        </Section>
        <Section title="Record">
          <Facts
            facts={[
              { label: 'Vendor', value: <Link to={paths.vendor(sku.vendorId)}>{sku.vendorName}</Link> },
              { label: 'Added', value: formatMoment(sku.createdAt) },
              { label: 'Last changed', value: formatMoment(sku.updatedAt) },
            ]}
          />
        </Section>
      </div>
      <Section title="Feature codes" count={sku.features.length}>
        {sku.features.length === 0 ? (
          <EmptyState compact title="This SKU grants no feature codes.">
            <p>
              <Link to={paths.editSku(sku.id)}>Edit the SKU</Link> to pick the feature codes it unlocks.
            </p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {sku.features.map((f) => (
              <li key={f.id}>
                <Link className="code" to={paths.feature(f.id)}>
                  {f.code}
                </Link>
                {f.description && <span className="muted"> — {f.description}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Packages" count={sku.packages.length}>
        {sku.packages.length === 0 ? (
          <EmptyState compact title="This SKU includes no packages.">
            <p>
              <Link to={paths.editSku(sku.id)}>Edit the SKU</Link> to pick the downloads its licenses give access to.
            </p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {sku.packages.map((p) => (
              <li key={p.id}>
                <Link to={paths.package(p.id)}>{p.displayName}</Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
