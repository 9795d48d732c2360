/** keyhub vendor list|add|show|edit|delete */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { VENDOR_SORT } from '../../../api/schemas';
import type { Vendor, VendorDetail, VendorRow } from '../../../domain/catalog/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, showDate, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { recordCommands } from '../record-commands';

const FIELDS: FieldOption[] = [
  { field: 'name', flags: '--name <name>', description: 'company name (unique)' },
  { field: 'street', flags: '--street <text>', description: 'street address ("" clears)' },
  { field: 'city', flags: '--city <text>', description: 'city ("" clears)' },
  { field: 'region', flags: '--region <text>', description: 'state, province or region ("" clears)' },
  { field: 'postal', flags: '--postal <code>', description: 'postal code ("" clears)' },
  { field: 'country', flags: '--country <text>', description: 'country ("" clears)' },
];
const FLAGS = flagsByField(FIELDS);

const COLUMNS: Column<VendorRow>[] = [
  { header: 'id', value: (v) => v.id, align: 'right' },
  { header: 'name', value: (v) => v.name },
  { header: 'city', value: (v) => v.city },
  { header: 'country', value: (v) => v.country },
  { header: 'skus', value: (v) => v.skuCount, align: 'right' },
  { header: 'features', value: (v) => v.featureCount, align: 'right' },
  { header: 'packages', value: (v) => v.packageCount, align: 'right' },
];

export function address(v: Vendor): string | null {
  const cityLine = [v.city, v.region, v.postal].filter(Boolean).join(', ');
  return [v.street, cityLine, v.country].filter(Boolean).join('; ') || null;
}

export function vendorBlock(v: Vendor | VendorDetail): string {
  const counts: [string, number][] =
    'skuCount' in v
      ? [
          ['SKUs', v.skuCount],
          ['Feature codes', v.featureCount],
          ['Packages', v.packageCount],
          ['Signing keys', v.keyCount],
          ['Licenses', v.licenseCount],
        ]
      : [];
  return keyValues([
    ['ID', v.id],
    ['Name', v.name],
    ['Street', v.street],
    ['City', v.city],
    ['Region', v.region],
    ['Postal code', v.postal],
    ['Country', v.country],
    ...counts,
    ['Created', showDate(v.createdAt)],
    ['Updated', showDate(v.updatedAt)],
  ]);
}

export function vendorCommand(): Command {
  const vendor = new Command('vendor').description('the companies whose products KeyHub licenses');

  addListOptions(vendor.command('list').description('list vendors'), VENDOR_SORT, false).action(
    action<ListOptions>(async ({ opts, session }) => {
      const page = await session.call('vendor.list', listInput(opts) as MethodInput<'vendor.list'>);
      return { data: page, human: listOutput(page, COLUMNS, 'vendors', 'Add one: keyhub vendor add --name NAME') };
    }),
  );

  addFieldOptions(vendor.command('add').description('add a vendor'), FIELDS, ['name']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const created = await session.call('vendor.create', pickFields(opts, FIELDS) as MethodInput<'vendor.create'>);
      return { data: created, human: `Created vendor ${created.id}.\n${vendorBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(vendor, 'vendor');
  records.show("show one vendor with its catalog's size", 'vendor.get', vendorBlock);
  records.edit('vendor.update', FIELDS, vendorBlock);
  records.delete('delete a vendor that has no catalog left', 'vendor.delete');

  return vendor;
}
