/**
 * "Map to SKU…" for a Stripe price: a mapping by item number (a Stripe item's number is
 * its price id), so every purchase of the price, synced now or later, issues licenses
 * of the chosen SKU. Saving fulfils what waits at once, so it signs: locked keys are
 * asked for, then the mapping is saved.
 */
import { useState } from 'react';
import type { MappingResult } from '../../../src-main/domain/sales/types';
import type { StripePriceRow } from '../../../src-main/domain/sync/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { Facts } from '../../components/Facts';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { OBJECT_SEARCHES } from '../../components/recordSearches';
import { plural } from '../../format/numbers';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useVault } from '../keys/VaultContext';
import { PRICE_MATCH_LABELS, priceName, priceWords } from './priceWords';

interface MapPriceDialogProps {
  price: StripePriceRow;
  onClose: () => void;
  onMapped: (result: MappingResult) => void;
}

export function MapPriceDialog({ price, onClose, onMapped }: MapPriceDialogProps) {
  const form = useApiForm();
  const vault = useVault();
  const [sku, setSku] = useState<PickedRecord | null>(price.skuId !== null && price.sku ? { value: String(price.skuId), label: price.sku } : null);
  // Said under the field only: picking a SKU answers it (a form refusal would leave its banner behind).
  const [noSkuChosen, setNoSkuChosen] = useState(false);

  async function submit() {
    if (!sku) return setNoSkuChosen(true);
    const mapped = await form.submit('fulfilment.map', { matchField: 'item_number', matchValue: price.priceId, skuId: Number(sku.value) }, vault.recoverLocked);
    if (mapped) onMapped(mapped);
  }

  return (
    <Dialog
      title={`Map ${price.priceId} to a SKU`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      wide
      actions={<DialogActions saving={form.saving} label="Map and fulfil" busyLabel="Mapping…" onCancel={onClose} />}
    >
      <Facts
        facts={[
          { label: 'Price', value: priceName(price), hint: price.priceId },
          { label: 'Product', value: price.productName ?? '—', hint: price.productId ?? undefined },
          { label: 'Amount', value: priceWords(price) },
          { label: 'keyhub_sku metadata', value: price.metadataSku ? <code>{price.metadataSku}</code> : '—' },
          { label: 'Matched now by', value: PRICE_MATCH_LABELS[price.match] },
          { label: 'Waiting', value: plural(price.waitingUnits, 'unit') },
        ]}
      />
      <DialogRefusal form={form} fields={['skuId', 'matchValue', 'matchField']} />
      <div className="dialog__fields">
        <RecordPicker
          name="skuId"
          label="SKU"
          required
          autoFocus
          value={sku}
          onChange={(picked) => {
            setSku(picked);
            setNoSkuChosen(false);
            form.clearError('skuId');
          }}
          search={OBJECT_SEARCHES.sku}
          placeholder="Type a SKU code or name"
          noMatch="No SKU matches. Add the SKU in the catalog first."
          error={noSkuChosen ? 'Choose the SKU this price sells.' : errorFor(form.errors, 'skuId')}
        />
      </div>
      <p className="muted map-price__note">
        Every purchase of <code>{price.priceId}</code>, synced now or later, gets licenses of {sku ? sku.label : 'the chosen SKU'}, whatever its metadata says.
        {price.waitingUnits > 0 && ` The ${plural(price.waitingUnits, 'unit')} waiting now ${price.waitingUnits === 1 ? 'is' : 'are'} issued at once, signed with the SKU’s key.`}
      </p>
    </Dialog>
  );
}
