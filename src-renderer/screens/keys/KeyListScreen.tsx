import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FilterSelect } from '../../components/FilterSelect';
import { ListToolbar } from '../../components/ListToolbar';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/useApiQuery';
import { plural } from '../../format/numbers';
import { paths } from '../catalog/shared/paths';
import { useVendorOptions } from '../catalog/shared/useVendorOptions';
import { BackupDialog, RestoreDialog } from './BackupDialogs';
import { GenerateKeyDialog, ImportKeyDialog } from './KeyDialogs';
import { keyColumns } from './keyColumns';
import { keyPaths } from './keyPaths';
import { VaultBar } from './VaultBar';
import { useVault } from './VaultContext';

type OpenDialog = 'generate' | 'import' | 'backup' | 'restore';

const NEEDS_UNLOCK: Record<OpenDialog, string> = {
  generate: 'Generating a key seals it with your passphrase: unlock the signing keys first.',
  import: 'Importing a key seals it with your passphrase: unlock the signing keys first.',
  backup: 'A backup opens the keys to seal them again: unlock the signing keys first.',
  restore: 'Restored keys are sealed with your passphrase: unlock the signing keys first.',
};

export function KeyListScreen() {
  const [params, setParams] = useSearchParams();
  const vendorFilter = params.get('vendor') ?? '';
  const vendorId = Number(vendorFilter) > 0 ? Number(vendorFilter) : undefined;
  const showRetired = params.get('retired') === '1';
  const keys = useApiQuery('key.list', { ...(vendorId ? { vendorId } : {}), ...(showRetired ? { includeRetired: true } : {}) });
  const vendors = useVendorOptions();
  const vault = useVault();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  function setFilter(name: string, value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  /** Each of these opens the keys: unlocked first (asking when needed), then the dialog. */
  async function openDialog(which: OpenDialog) {
    if (await vault.ensureUnlocked(NEEDS_UNLOCK[which])) setDialog(which);
  }

  function afterChange() {
    setDialog(null);
    keys.reload();
    // Using a key postpones the idle lock.
    vault.reload();
  }

  const rows = keys.data ?? keys.lastData;
  const noVendors = !vendors.loading && vendors.options.length === 0;
  const filtered = Boolean(vendorId);
  const hasKeys = (rows?.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title="Signing keys"
        subtitle="Each vendor’s Ed25519 keys that sign its licenses. Secrets stay sealed in KeyHub; public keys go into your products."
        actions={
          <>
            <button type="button" className="button button--primary" onClick={() => void openDialog('generate')}>
              Generate key
            </button>
            <button type="button" className="button" onClick={() => void openDialog('import')}>
              Import key
            </button>
          </>
        }
      />
      <VaultBar />
      <ListToolbar>
        <FilterSelect label="Vendor" allLabel="All vendors" value={vendorFilter} onChange={(v) => setFilter('vendor', v)} options={vendors.options} />
        <label className="toolbar-check">
          <input type="checkbox" className="checkbox" checked={showRetired} onChange={(e) => setFilter('retired', e.target.checked ? '1' : '')} />
          Show retired keys
        </label>
        <span className="list-toolbar__end">
          <button type="button" className="button" onClick={() => void openDialog('backup')}>
            Back up…
          </button>
          <button type="button" className="button" onClick={() => void openDialog('restore')}>
            Restore…
          </button>
        </span>
      </ListToolbar>

      {keys.error ? (
        <EmptyState
          title="The signing keys could not be loaded."
          action={
            <button type="button" className="button" onClick={keys.reload}>
              Try again
            </button>
          }
        >
          <p>{keys.error.message}</p>
        </EmptyState>
      ) : !rows ? (
        <p className="loading" aria-busy="true">
          Loading signing keys…
        </p>
      ) : hasKeys ? (
        <div className={keys.loading ? 'list-body list-body--loading' : 'list-body'}>
          <DataTable caption="Signing keys" columns={keyColumns} rows={rows} rowKey={(k) => k.id} rowHref={(k) => keyPaths.key(k.id)} busy={keys.loading} />
          <p className="pagination">{plural(rows.length, 'key')}</p>
        </div>
      ) : filtered ? (
        <EmptyState
          title={showRetired ? 'This vendor has no signing keys.' : 'This vendor has no current signing keys.'}
          action={
            <button type="button" className="button button--primary" onClick={() => void openDialog('generate')}>
              Generate a key
            </button>
          }
        >
          <p>{showRetired ? 'Generate one, or import a key it already signs with.' : 'Its retired keys, if any, show with “Show retired keys”.'}</p>
        </EmptyState>
      ) : noVendors ? (
        <EmptyState
          title="No signing keys yet, and no vendor to own one."
          action={
            <Link className="button button--primary" to={paths.newVendor}>
              Add your first vendor
            </Link>
          }
        >
          <p>Every key signs one vendor’s licenses. Add the vendor first, then set a passphrase and generate or import its key.</p>
        </EmptyState>
      ) : vault.status?.state === 'unset' ? (
        <EmptyState
          title="No signing keys yet."
          action={
            <button type="button" className="button button--primary" onClick={() => vault.open('setup')}>
              Set a passphrase
            </button>
          }
        >
          <p>
            First set a passphrase: it seals every key at rest. Then <strong>generate</strong> a key for a vendor, or <strong>import</strong> one
            you already sign with.
          </p>
        </EmptyState>
      ) : (
        <EmptyState
          title="No signing keys yet."
          action={
            <>
              <button type="button" className="button button--primary" onClick={() => void openDialog('generate')}>
                Generate a key
              </button>{' '}
              <button type="button" className="button" onClick={() => void openDialog('import')}>
                Import a key
              </button>
            </>
          }
        >
          <p>Generate a key for a vendor, or import one you already sign with; then give its SKUs the key from the key’s page.</p>
        </EmptyState>
      )}

      {dialog === 'generate' && <GenerateKeyDialog presetVendorId={vendorFilter} onClose={() => setDialog(null)} onAdded={afterChange} />}
      {dialog === 'import' && <ImportKeyDialog presetVendorId={vendorFilter} onClose={() => setDialog(null)} onAdded={afterChange} />}
      {dialog === 'backup' && <BackupDialog onClose={() => setDialog(null)} onDone={afterChange} />}
      {dialog === 'restore' && <RestoreDialog onClose={() => setDialog(null)} onDone={afterChange} />}
    </>
  );
}
