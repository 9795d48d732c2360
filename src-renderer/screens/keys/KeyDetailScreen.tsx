import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SkuRef } from '../../../src-main/domain/catalog/types';
import type { SigningKeyDetail } from '../../../src-main/domain/keys/types';
import { api } from '../../api/client';
import { AvailabilityBadge } from '../../components/Badges';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { groupFingerprint } from '../../format/keys';
import { paths } from '../catalog/shared/paths';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { Fingerprint, RetiredBadge } from './keyColumns';
import { RenameKeyDialog } from './KeyDialogs';
import { keyPaths } from './keyPaths';
import { RotateDialog } from './RotateDialog';
import { VaultBar } from './VaultBar';
import { useVault } from './VaultContext';

export function KeyDetailScreen() {
  return (
    <RouteRecord method="key.get" what="signing key">
      {(key, reload) => <KeyDetailView signingKey={key} reload={reload} />}
    </RouteRecord>
  );
}

type OpenDialog = { kind: 'rename' } | { kind: 'rotate'; sku?: SkuRef };

function KeyDetailView({ signingKey: key, reload }: { signingKey: SigningKeyDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const vault = useVault();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const reloadVault = vault.reload;
  const onRotationFinished = useCallback(() => {
    reload();
    reloadVault();
  }, [reload, reloadVault]);

  async function rotate(sku?: SkuRef) {
    if (await vault.ensureUnlocked('Rotating re-signs every live license of the SKU: unlock the signing keys first.')) setDialog({ kind: 'rotate', sku });
  }

  return (
    <>
      <PageHeader
        title={key.displayName}
        titleAside={key.retiredAt ? <RetiredBadge /> : undefined}
        subtitle={
          <>
            <Link to={paths.vendor(key.vendorId)}>{key.vendorName}</Link> · key id <Fingerprint value={key.fingerprint} />
          </>
        }
        back={{ to: keyPaths.keys, label: 'Signing keys' }}
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'rename' })}>
              Rename
            </button>
            <DeleteButton
              kind="signing key"
              name={key.displayName}
              consequence="Only a key that no SKU uses and that never signed a file can be deleted: files it signed must keep verifying. This cannot be undone."
              run={() => api('key.delete', { id: key.id })}
              onDeleted={() => {
                toast.success(`Signing key “${key.displayName}” deleted.`);
                navigate(keyPaths.keys, { replace: true });
              }}
            />
          </>
        }
      />
      <VaultBar />

      <Section title="Public key">
        <p className="section__intro muted">Public: safe to publish, email and embed. Your product checks license files with it, offline.</p>
        <dl className="key-values">
          <KeyValue label="Key id (fingerprint)" value={groupFingerprint(key.fingerprint)} copy={key.fingerprint} what="key id" />
          <KeyValue label="Base64" value={key.publicKey} what="public key (base64)" />
          <KeyValue label="Hex" value={key.publicKeyHex} what="public key (hex)" />
        </dl>
      </Section>

      <Section
        title="SKUs that sign with it"
        count={key.skus.length}
        actions={
          !key.retiredAt && (
            <button type="button" className="button button--small" onClick={() => void rotate()}>
              Rotate a SKU to this key…
            </button>
          )
        }
      >
        {key.skus.length === 0 ? (
          <EmptyState compact title="No SKU signs with this key.">
            <p>
              {key.retiredAt
                ? 'It is retired: it stays to verify the files it signed.'
                : 'Rotate a SKU to it: the SKU then signs with this key, and its live licenses are re-signed.'}
            </p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">SKUs that sign with this key</caption>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col">Availability</th>
                  <th scope="col" className="cell--end">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {key.skus.map((sku) => (
                  <tr key={sku.id}>
                    <td className="cell--nowrap">
                      <Link className="code" to={paths.sku(sku.id)}>
                        {sku.sku}
                      </Link>
                    </td>
                    <td>{sku.name ?? <span className="muted">—</span>}</td>
                    <td className="cell--nowrap">
                      <AvailabilityBadge availability={sku.availability} />
                    </td>
                    <td className="cell--end">
                      <button type="button" className="button button--small" aria-label={`Rotate ${sku.sku} to another key`} onClick={() => void rotate(sku)}>
                        Rotate…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section title="Record">
        <Facts
          facts={[
            { label: 'Vendor', value: <Link to={paths.vendor(key.vendorId)}>{key.vendorName}</Link> },
            { label: 'Signed files', value: <span>{key.signedCount.toLocaleString()}</span>, hint: 'Licenses and domain licenses whose current file it signed.' },
            { label: 'Created', value: formatMoment(key.createdAt) },
            { label: 'Retired', value: key.retiredAt ? formatMoment(key.retiredAt) : 'No', hint: key.retiredAt ? 'Kept so the files it signed still verify.' : undefined },
          ]}
        />
      </Section>

      <Section title="Use it in your product">
        <div className="snippets">
          {key.snippets.map((snippet) => (
            <figure className="snippet" key={snippet.label}>
              <figcaption className="snippet__caption">
                <span>{snippet.label}</span>
                <CopyButton text={snippet.code} what={`${snippet.label} snippet`} />
              </figcaption>
              <pre className="snippet__code">
                <code>{snippet.code}</code>
              </pre>
            </figure>
          ))}
        </div>
      </Section>

      {dialog?.kind === 'rename' && (
        <RenameKeyDialog
          signingKey={key}
          onClose={() => setDialog(null)}
          onRenamed={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'rotate' && <RotateDialog signingKey={key} sku={dialog.sku} onClose={() => setDialog(null)} onFinished={onRotationFinished} />}
    </>
  );
}

function KeyValue({ label, value, copy, what }: { label: string; value: string; copy?: string; what: string }) {
  return (
    <div className="key-values__row">
      <dt>{label}</dt>
      <dd>
        <code className="key-values__value">{value}</code>
        <CopyButton text={copy ?? value} what={what} />
      </dd>
    </div>
  );
}
