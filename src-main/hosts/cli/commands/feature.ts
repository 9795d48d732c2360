/** keyhub feature list|add|show|edit|delete */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { FEATURE_SORT } from '../../../api/schemas';
import type { Feature, FeatureDetail, FeatureRow } from '../../../domain/catalog/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { positiveId } from '../parse';
import { recordCommands } from '../record-commands';

const VENDOR: FieldOption = { field: 'vendorId', flags: '--vendor <id>', description: 'vendor id', parse: positiveId };
const FIELDS: FieldOption[] = [
  { field: 'code', flags: '--code <code>', description: 'feature code, unique per vendor (e.g. R_Elite)' },
  { field: 'description', flags: '--description <text>', description: 'what the code unlocks ("" clears)' },
];
const FLAGS = flagsByField([VENDOR, ...FIELDS]);

const COLUMNS: Column<FeatureRow>[] = [
  { header: 'id', value: (f) => f.id, align: 'right' },
  { header: 'code', value: (f) => f.code },
  { header: 'vendor', value: (f) => f.vendorName },
  { header: 'skus', value: (f) => f.skuCount, align: 'right' },
  { header: 'description', value: (f) => f.description },
];

export function featureBlock(f: Feature | FeatureDetail): string {
  const head = keyValues([
    ['ID', f.id],
    ['Code', f.code],
    ['Vendor', 'vendorName' in f ? `${f.vendorName} (${f.vendorId})` : f.vendorId],
    ['Description', f.description],
    ['Created', showDate(f.createdAt)],
  ]);
  if (!('skus' in f)) return head;
  const skus = f.skus.length
    ? table([{ header: 'id', value: (s) => s.id, align: 'right' }, { header: 'sku', value: (s) => s.sku }, { header: 'name', value: (s) => s.name }], f.skus)
    : '(none)';
  return `${head}\n${section('In SKUs', skus)}`;
}

export function featureCommand(): Command {
  const feature = new Command('feature').description("a vendor's feature codes, the rights a SKU grants");

  addListOptions(feature.command('list').description('list feature codes'), FEATURE_SORT, true).action(
    action<ListOptions>(async ({ opts, session }) => {
      const page = await session.call('feature.list', listInput(opts) as MethodInput<'feature.list'>);
      return { data: page, human: listOutput(page, COLUMNS, 'feature codes', 'Add one: keyhub feature add --vendor ID --code CODE') };
    }),
  );

  addFieldOptions(feature.command('add').description('add a feature code'), [VENDOR, ...FIELDS], ['vendorId', 'code']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const created = await session.call('feature.create', pickFields(opts, [VENDOR, ...FIELDS]) as MethodInput<'feature.create'>);
      return { data: created, human: `Created feature code ${created.id} (${created.code}).\n${featureBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(feature, 'feature code');
  records.show('show one feature code and the SKUs that grant it', 'feature.get', featureBlock);
  records.edit('feature.update', FIELDS, featureBlock);
  records.delete('delete a feature code no SKU grants', 'feature.delete');

  return feature;
}
