/** keyhub sku list|add|show|edit|retire|delete */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { SKU_AVAILABILITY, SKU_SORT } from '../../../api/schemas';
import type { SkuDetail, SkuRow } from '../../../domain/catalog/types';
import { action, requireYes } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, showDays, showLimit, showYesNo, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { collectList, dateOrNone, idList, numberOrNone, positiveId } from '../parse';
import type { CliSession } from '../session';
import { ApiFailure } from '../failures';

const FIELDS: FieldOption[] = [
  { field: 'vendorId', flags: '--vendor <id>', description: 'vendor id', parse: positiveId },
  { field: 'sku', flags: '--code <sku>', description: 'SKU code, unique per vendor (e.g. R4Elite)' },
  { field: 'name', flags: '--name <name>', description: 'display name ("" clears)' },
  { field: 'privateKeyId', flags: '--signing-key <id>', description: 'signing key id ("none" clears)', parse: numberOrNone },
  { field: 'maxDomains', flags: '--max-domains <n>', description: 'domain licenses allowed ("none": no limit)', parse: numberOrNone },
  { field: 'licenseDuration', flags: '--license-days <n>', description: 'license valid for N days ("none": perpetual)', parse: numberOrNone },
  { field: 'editOwnershipDuration', flags: '--edit-ownership-days <n>', description: 'owner fields editable for N days after issue', parse: numberOrNone },
  { field: 'maxSupportContacts', flags: '--max-support-contacts <n>', description: 'support contacts allowed', parse: numberOrNone },
  { field: 'changeSupportContactsDuration', flags: '--support-change-days <n>', description: 'support contacts changeable for N days', parse: numberOrNone },
  { field: 'autoDomainDuration', flags: '--auto-domain-days <n>', description: 'automatic domain licenses last N days', parse: numberOrNone },
  { field: 'manualDomainDuration', flags: '--manual-domain-days <n>', description: 'manual domain licenses last N days', parse: numberOrNone },
  { field: 'canDeleteManualDomains', flags: '--can-delete-manual-domains', description: 'customers may delete manual domain licenses', negatable: true },
  { field: 'canDeleteAutoDomains', flags: '--can-delete-auto-domains', description: 'customers may delete automatic domain licenses', negatable: true },
  { field: 'releaseDate', flags: '--release <date>', description: 'first offered for sale (YYYY-MM-DD or ISO time; "none" clears)', parse: dateOrNone },
  { field: 'expirationDate', flags: '--expires <date>', description: 'no longer sold after (YYYY-MM-DD or ISO time; "none" clears)', parse: dateOrNone },
  { field: 'featureIds', flags: '--feature <id-or-code>', description: 'feature code ids or codes, repeatable or comma-separated; on edit replaces the set ("none" empties it)', parse: collectList },
  { field: 'packageIds', flags: '--package <id>', description: 'package ids, repeatable or comma-separated; on edit replaces the set ("none" empties it)', parse: collectList },
];
const FLAGS = { ...flagsByField(FIELDS), at: '--at' };

const COLUMNS: Column<SkuRow>[] = [
  { header: 'id', value: (s) => s.id, align: 'right' },
  { header: 'sku', value: (s) => s.sku },
  { header: 'name', value: (s) => s.name },
  { header: 'vendor', value: (s) => s.vendorName },
  { header: 'status', value: (s) => s.availability.replace('_', ' ') },
  { header: 'released', value: (s) => showDate(s.releaseDate) },
  { header: 'expires', value: (s) => showDate(s.expirationDate) },
  { header: 'features', value: (s) => s.featureCount, align: 'right' },
  { header: 'licenses', value: (s) => s.licenseCount, align: 'right' },
];

export function skuBlock(s: SkuDetail): string {
  const head = keyValues([
    ['ID', s.id],
    ['SKU', s.sku],
    ['Name', s.name],
    ['Vendor', `${s.vendorName} (${s.vendorId})`],
    ['Status', s.availability.replace('_', ' ')],
    ['Release date', showDate(s.releaseDate)],
    ['Expiration date', showDate(s.expirationDate)],
    ['Signing key', s.privateKeyId],
    ['Max domains', showLimit(s.maxDomains)],
    ['License duration', showDays(s.licenseDuration)],
    ['Ownership edit window', showDays(s.editOwnershipDuration)],
    ['Max support contacts', showLimit(s.maxSupportContacts)],
    ['Support-contact change window', showDays(s.changeSupportContactsDuration)],
    ['Automatic domain duration', showDays(s.autoDomainDuration)],
    ['Manual domain duration', showDays(s.manualDomainDuration)],
    ['Can delete manual domains', showYesNo(s.canDeleteManualDomains)],
    ['Can delete automatic domains', showYesNo(s.canDeleteAutoDomains)],
    ['Licenses', s.licenseCount],
    ['Created', showDate(s.createdAt)],
    ['Updated', showDate(s.updatedAt)],
  ]);
  const features = s.features.length
    ? table([{ header: 'id', value: (f) => f.id, align: 'right' }, { header: 'code', value: (f) => f.code }, { header: 'description', value: (f) => f.description }], s.features)
    : '(none)';
  const packages = s.packages.length
    ? table([{ header: 'id', value: (p) => p.id, align: 'right' }, { header: 'name', value: (p) => p.displayName }], s.packages)
    : '(none)';
  return `${head}\n${section('Feature codes', features)}\n${section('Packages', packages)}`;
}

/** `--feature` takes ids or a vendor's codes; codes are looked up through the API like everything else. */
async function resolveFeatureIds(session: CliSession, vendorId: number, values: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const value of values) {
    if (/^\d+$/.test(value)) {
      ids.push(...idList([value]));
      continue;
    }
    const page = await session.call('feature.list', { vendorId, search: value, limit: 500 });
    const match = page.items.find((f) => f.code === value);
    if (!match) {
      const message = `Vendor ${vendorId} has no feature code "${value}". Add it first: keyhub feature add --vendor ${vendorId} --code ${value}`;
      throw new ApiFailure({ code: 'VALIDATION', message, details: { fields: { featureIds: message } } });
    }
    ids.push(match.id);
  }
  return ids;
}

async function skuInput(session: CliSession, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const input = { ...fields };
  if (Array.isArray(fields.featureIds)) {
    input.featureIds = await resolveFeatureIds(session, Number(fields.vendorId), fields.featureIds as string[]);
  }
  if (Array.isArray(fields.packageIds)) input.packageIds = idList(fields.packageIds as string[]);
  return input;
}

/** A SKU as `sku.update` takes it: every field, since an update replaces the whole SKU. */
function currentFields(s: SkuDetail): Record<string, unknown> {
  return {
    id: s.id,
    vendorId: s.vendorId,
    sku: s.sku,
    name: s.name,
    privateKeyId: s.privateKeyId,
    maxDomains: s.maxDomains,
    editOwnershipDuration: s.editOwnershipDuration,
    maxSupportContacts: s.maxSupportContacts,
    changeSupportContactsDuration: s.changeSupportContactsDuration,
    licenseDuration: s.licenseDuration,
    autoDomainDuration: s.autoDomainDuration,
    manualDomainDuration: s.manualDomainDuration,
    canDeleteManualDomains: s.canDeleteManualDomains,
    canDeleteAutoDomains: s.canDeleteAutoDomains,
    releaseDate: s.releaseDate,
    expirationDate: s.expirationDate,
    featureIds: s.features.map((f) => f.id),
    packageIds: s.packages.map((p) => p.id),
  };
}

type SkuListOptions = ListOptions & { availability?: string };

export function skuCommand(): Command {
  const sku = new Command('sku').description("the products a vendor sells: limits, durations, sale window, feature codes");

  addListOptions(sku.command('list').description('list SKUs'), SKU_SORT, true)
    .addOption(new Option('--availability <state>', 'only SKUs in this state').choices(SKU_AVAILABILITY))
    .action(
      action<SkuListOptions>(async ({ opts, session }) => {
        const input = { ...listInput(opts), ...(opts.availability && { availability: opts.availability }) };
        const page = await session.call('sku.list', input as MethodInput<'sku.list'>);
        return { data: page, human: listOutput(page, COLUMNS, 'SKUs', 'Add one: keyhub sku add --vendor ID --code CODE') };
      }),
    );

  addFieldOptions(sku.command('add').description('add a SKU'), FIELDS, ['vendorId', 'sku']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const input = await skuInput(session, pickFields(opts, FIELDS));
      const created = await session.call('sku.create', input as MethodInput<'sku.create'>);
      return { data: created, human: `Created SKU ${created.id} (${created.sku}).\n${skuBlock(created)}` };
    }, FLAGS),
  );

  sku
    .command('show')
    .description('show one SKU with its feature codes and packages')
    .argument('<id>', 'SKU id', positiveId)
    .action(
      action(async ({ args, session }) => {
        const detail = await session.call('sku.get', { id: args[0] as number });
        return { data: detail, human: skuBlock(detail) };
      }),
    );

  addFieldOptions(sku.command('edit').description('change a SKU (only the options given)').argument('<id>', 'SKU id', positiveId), FIELDS).action(
    action<Record<string, unknown>>(async ({ args, opts, session }) => {
      const current = await session.call('sku.get', { id: args[0] as number });
      const input = { ...currentFields(current), ...(await skuInput(session, { vendorId: current.vendorId, ...pickFields(opts, FIELDS) })) };
      const updated = await session.call('sku.update', input as MethodInput<'sku.update'>);
      return { data: updated, human: `Updated SKU ${updated.id} (${updated.sku}).\n${skuBlock(updated)}` };
    }, FLAGS),
  );

  sku
    .command('retire')
    .description('take a SKU off sale by setting its expiration date (the way to end a SKU that has licenses)')
    .argument('<id>', 'SKU id', positiveId)
    .option('--at <date>', 'retire as of this date (default: now)')
    .action(
      action<{ at?: string }>(async ({ args, opts, session }) => {
        const input = { id: args[0] as number, ...(opts.at !== undefined && { at: opts.at }) };
        const retired = await session.call('sku.retire', input);
        return { data: retired, human: `SKU ${retired.id} (${retired.sku}) is off sale from ${showDate(retired.expirationDate)}.` };
      }, FLAGS),
    );

  sku
    .command('delete')
    .description('delete a SKU that has never been licensed or sold')
    .argument('<id>', 'SKU id', positiveId)
    .option('--yes', 'really delete')
    .action(
      action<{ yes?: boolean }>(async ({ args, opts, session }) => {
        const id = args[0] as number;
        requireYes(opts, `SKU ${id}`);
        const deleted = await session.call('sku.delete', { id });
        return { data: deleted, human: `Deleted SKU ${id}.` };
      }),
    );

  return sku;
}
