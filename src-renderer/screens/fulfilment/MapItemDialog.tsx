/**
 * "Map to SKU…": tells KeyHub which SKU items called so are, by their number (when they
 * have one) or by their name. Saving fulfils the purchases waiting on them at once, so
 * it signs: locked keys are asked for, then the mapping is saved.
 */
import { useState } from 'react';
import type { MappingResult, WaitingGroup } from '../../../src-main/domain/sales/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { Facts } from '../../components/Facts';
import { plural } from '../../format/numbers';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { SelectField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useWholeList } from '../../hooks/useApiQuery';
import { useVault } from '../keys/VaultContext';
import { amountsWords, groupName, MATCH_FIELD_LABELS, mappingWords, paidWords, WAITING_REASON_LABELS, type MatchField } from './fulfilmentWords';

interface MapItemDialogProps {
  group: WaitingGroup;
  onClose: () => void;
  /** Saved: `name` is what the items are called, for the message. */
  onMapped: (result: MappingResult, name: string) => void;
}

/** The ways this group can be matched: by number when it has one, by name when it has one. */
function choicesOf(group: WaitingGroup): Array<{ field: MatchField; value: string }> {
  const number = group.itemNumber?.trim();
  const name = group.itemName?.trim();
  return [...(number ? [{ field: 'item_number' as const, value: number }] : []), ...(name ? [{ field: 'item_name' as const, value: name }] : [])];
}

export function MapItemDialog({ group, onClose, onMapped }: MapItemDialogProps) {
  const form = useApiForm();
  const vault = useVault();
  const skus = useWholeList('sku.list', { sort: 'sku', dir: 'asc' });
  const choices = choicesOf(group);
  const [field, setField] = useState<MatchField | undefined>(choices[0]?.field);
  const [skuId, setSkuId] = useState(group.suggestedSkuId ? String(group.suggestedSkuId) : '');
  const choice = choices.find((c) => c.field === field);
  const sku = skus.data?.find((s) => String(s.id) === skuId);
  const suggested = group.suggestedSkuId ? skus.data?.find((s) => s.id === group.suggestedSkuId) : undefined;

  async function submit() {
    if (!choice) return form.reject({ matchField: 'These items have neither a number nor a name to map them by.' });
    if (!sku) return form.reject({ skuId: 'Choose the SKU these items are.' });
    const mapped = await form.submit('fulfilment.map', { matchField: choice.field, matchValue: choice.value, skuId: sku.id }, vault.recoverLocked);
    if (mapped) onMapped(mapped, choice.field === 'item_number' ? choice.value : `“${choice.value}”`);
  }

  const skuOptions = (skus.data ?? []).map((s) => ({
    value: String(s.id),
    label: `${s.sku}${s.name ? ` — ${s.name}` : ''} (${s.vendorName})${s.id === group.suggestedSkuId ? ' · suggested' : ''}`,
  }));

  return (
    <Dialog
      title={`Map ${groupName(group)} to a SKU`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      wide
      actions={<DialogActions saving={form.saving} label="Map and fulfil" busyLabel="Mapping…" onCancel={onClose} disabled={choices.length === 0} />}
    >
      <Facts
        facts={[
          { label: 'Item number', value: group.itemNumber ? <code>{group.itemNumber}</code> : '—' },
          { label: 'Item name', value: group.itemName ?? '—' },
          { label: 'SKU code given', value: group.skuCode ? <code>{group.skuCode}</code> : '—' },
          { label: 'Why it waits', value: WAITING_REASON_LABELS[group.reason] },
          { label: 'Waiting', value: `${plural(group.units, 'unit')} in ${plural(group.purchases, 'purchase')} (${amountsWords(group.gross)})` },
          { label: 'Paid', value: paidWords(group) },
        ]}
      />
      <DialogRefusal form={form} fields={['matchField', 'matchValue', 'skuId']} />
      <div className="dialog__fields">
        {choices.length > 1 ? (
          <fieldset className="field radio-group">
            <legend className="field__label">Map items by</legend>
            {choices.map((c) => (
              <label key={c.field} className="radio-group__item">
                <input
                  type="radio"
                  className="checkbox"
                  name="matchField"
                  value={c.field}
                  checked={field === c.field}
                  onChange={() => {
                    setField(c.field);
                    form.clearError('matchField');
                  }}
                />
                {MATCH_FIELD_LABELS[c.field]}: <code>{c.value}</code>
              </label>
            ))}
          </fieldset>
        ) : choice ? (
          <p className="field__static">
            Items are matched by {MATCH_FIELD_LABELS[choice.field].toLowerCase()}: <code>{choice.value}</code>
          </p>
        ) : (
          <p className="refusal" role="alert">
            These items have neither a number nor a name, so no mapping can name them. Give the product a number at the payment provider.
          </p>
        )}
        <SelectField
          name="skuId"
          label="SKU"
          required
          autoFocus
          value={skuId}
          onChange={(v) => {
            setSkuId(v);
            form.clearError('skuId');
          }}
          options={skuOptions}
          placeholder={skus.data === undefined ? 'Loading SKUs…' : skuOptions.length ? 'Choose a SKU…' : 'No SKUs yet: add one in the catalog first'}
          hint={suggested ? `Suggested: ${suggested.sku}, whose code or name appears in the item.` : undefined}
          error={errorFor(form.errors, 'skuId') ?? skus.error?.message}
        />
      </div>
      {choice && (
        <p className="muted">
          Every purchase with {mappingWords(choice.field, choice.value)}, waiting now or imported later, gets licenses of {sku ? sku.sku : 'the chosen SKU'}. The{' '}
          {plural(group.purchases, 'waiting purchase')} {group.purchases === 1 ? 'is' : 'are'} fulfilled at once, signed with the SKU’s key.
        </p>
      )}
    </Dialog>
  );
}
