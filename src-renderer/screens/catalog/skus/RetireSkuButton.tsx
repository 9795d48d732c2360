import { useState } from 'react';
import type { SkuDetail } from '../../../../src-main/domain/catalog/types';
import { api, messageOf } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { useToast } from '../../../components/Toasts';

/** Retiring ends a SKU's sale window now; unlike deleting, it keeps its licenses' history intact. */
export function RetireSkuButton({ sku, onRetired }: { sku: SkuDetail; onRetired: () => void }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retire() {
    setWorking(true);
    setError(null);
    try {
      await api('sku.retire', { id: sku.id });
      setOpen(false);
      toast.success(`SKU ${sku.sku} retired. It is no longer on sale.`);
      onRetired();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setWorking(false);
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Retire
      </button>
      {open && (
        <Dialog
          alert
          title={`Retire SKU “${sku.sku}”?`}
          onClose={() => setOpen(false)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setOpen(false)} autoFocus>
                Cancel
              </button>
              <button type="button" className="button button--primary" onClick={retire} disabled={working}>
                {working ? 'Retiring…' : 'Retire now'}
              </button>
            </>
          }
        >
          <p>
            Its expiration date becomes now, so it stops being on sale. Its {sku.licenseCount} issued license
            {sku.licenseCount === 1 ? '' : 's'} and its history stay as they are.
          </p>
          {error && (
            <p className="refusal" role="alert">
              {error}
            </p>
          )}
        </Dialog>
      )}
    </>
  );
}
