/** keyhub package list|add|show|edit|delete */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { PACKAGE_SORT } from '../../../api/schemas';
import type { PackageDetail, PackageRow } from '../../../domain/catalog/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { collectList, idList, positiveId } from '../parse';
import { recordCommands } from '../record-commands';
import { releaseTable } from './release';

const VENDOR: FieldOption = { field: 'vendorId', flags: '--vendor <id>', description: 'vendor id', parse: positiveId };
const FIELDS: FieldOption[] = [
  { field: 'displayName', flags: '--name <name>', description: 'display name, unique per vendor' },
  { field: 'skuIds', flags: '--sku <id>', description: 'SKU ids that include this package, repeatable or comma-separated; on edit replaces the set ("none" empties it)', parse: collectList },
];
const FLAGS = flagsByField([VENDOR, ...FIELDS]);

const COLUMNS: Column<PackageRow>[] = [
  { header: 'id', value: (p) => p.id, align: 'right' },
  { header: 'name', value: (p) => p.displayName },
  { header: 'vendor', value: (p) => p.vendorName },
  { header: 'releases', value: (p) => p.releaseCount, align: 'right' },
  { header: 'latest', value: (p) => p.latestVersion },
  { header: 'released', value: (p) => showDate(p.latestRelease) },
  { header: 'skus', value: (p) => p.skuCount, align: 'right' },
];

export function packageBlock(p: PackageDetail): string {
  const head = keyValues([
    ['ID', p.id],
    ['Name', p.displayName],
    ['Vendor', `${p.vendorName} (${p.vendorId})`],
    ['Latest version', p.latestVersion],
    ['Created', showDate(p.createdAt)],
  ]);
  const skus = p.skus.length
    ? table([{ header: 'id', value: (s) => s.id, align: 'right' }, { header: 'sku', value: (s) => s.sku }, { header: 'name', value: (s) => s.name }], p.skus)
    : '(none)';
  const releases = p.releases.length ? releaseTable(p.releases) : `(none yet: keyhub release add --package ${p.id} --version V)`;
  return `${head}\n${section('Releases', releases)}\n${section('In SKUs', skus)}`;
}

function withSkuIds(fields: Record<string, unknown>): Record<string, unknown> {
  return Array.isArray(fields.skuIds) ? { ...fields, skuIds: idList(fields.skuIds as string[]) } : fields;
}

export function packageCommand(): Command {
  const pkg = new Command('package').description('downloadable packages, their releases, and the SKUs that include them');

  addListOptions(pkg.command('list').description('list packages'), PACKAGE_SORT, true).action(
    action<ListOptions>(async ({ opts, session }) => {
      const page = await session.call('package.list', listInput(opts) as MethodInput<'package.list'>);
      return { data: page, human: listOutput(page, COLUMNS, 'packages', 'Add one: keyhub package add --vendor ID --name NAME') };
    }),
  );

  addFieldOptions(pkg.command('add').description('add a package'), [VENDOR, ...FIELDS], ['vendorId', 'displayName']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const input = withSkuIds(pickFields(opts, [VENDOR, ...FIELDS]));
      const created = await session.call('package.create', input as MethodInput<'package.create'>);
      return { data: created, human: `Created package ${created.id}.\n${packageBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(pkg, 'package');
  records.show('show one package with its releases and SKUs', 'package.get', packageBlock);
  records.edit('package.update', FIELDS, packageBlock, { input: withSkuIds });
  records.delete('delete a package with its releases and SKU links', 'package.delete', 'its releases');

  return pkg;
}
