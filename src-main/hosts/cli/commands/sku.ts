/** keyhub sku list|add|show|edit|retire|delete */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { SKU_AVAILABILITY, SKU_SORT } from '../../../api/schemas';
import type { SkuDetail, SkuRow } from '../../../domain/catalog/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, showDays, showLimit, showYesNo, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { collectList, dateOrNone, idList, numberOrNone, positiveId } from '../parse';
import { recordCommands } from '../record-commands';
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
  { field: 'subscriptionGraceDays', flags: '--grace-days <n>', description: 'subscription licenses run N days past the paid period ("none": 0)', parse: numberOrNone },
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
    ['Subscription grace', s.subscriptionGraceDays === null ? 'none' : showDays(s.subscriptionGraceDays)],
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

/** How messages name a SKU: "SKU 4 (R4Elite)". */
const skuTitle = (s: SkuDetail) => `SKU ${s.id} (${s.sku})`;

/**
 * `--feature` takes ids or a vendor's codes; codes are looked up through the API like
 * everything else. `vendorOf` is asked only when there is a code to look up.
 */
async function resolveFeatureIds(session: CliSession, values: string[], vendorOf: () => Promise<number>): Promise<number[]> {
  const ids: number[] = [];
  let vendorId: number | undefined;
  for (const value of values) {
    if (/^\d+$/.test(value)) {
      ids.push(...idList([value]));
      continue;
    }
    vendorId ??= await vendorOf();
    const page = await session.call('feature.list', { vendorId, search: value, limit: 500 });
    // Codes are unique per vendor ignoring case, so `pro` names the code `PRO`.
    const match = page.items.find((f) => f.code.toLowerCase() === value.toLowerCase());
    if (!match) {
      const message = `Vendor ${vendorId} has no feature code "${value}". Add it first: keyhub feature add --vendor ${vendorId} --code ${value}`;
      throw new ApiFailure({ code: 'VALIDATION', message, details: { fields: { featureIds: message } } });
    }
    ids.push(match.id);
  }
  return ids;
}

/** The options given as API input: `--feature` codes and `--package` values become ids. */
async function skuInput(session: CliSession, fields: Record<string, unknown>, vendorOf: () => Promise<number>): Promise<Record<string, unknown>> {
  const input = { ...fields };
  if (Array.isArray(fields.featureIds)) input.featureIds = await resolveFeatureIds(session, fields.featureIds as string[], vendorOf);
  if (Array.isArray(fields.packageIds)) input.packageIds = idList(fields.packageIds as string[]);
  return input;
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
      const given = pickFields(opts, FIELDS);
      const input = await skuInput(session, given, async () => given.vendorId as number);
      const created = await session.call('sku.create', input as MethodInput<'sku.create'>);
      return { data: created, human: `Created ${skuTitle(created)}.\n${skuBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(sku, 'SKU');
  records.show('show one SKU with its feature codes and packages', 'sku.get', skuBlock);
  records.edit('sku.update', FIELDS, skuBlock, {
    // Codes are the new --vendor's, else the SKU's own vendor's: the one case that reads the SKU.
    input: (given, id, session) =>
      skuInput(session, given, async () => (given.vendorId as number | undefined) ?? (await session.call('sku.get', { id })).vendorId),
    title: skuTitle,
  });

  sku
    .command('retire')
    .description('take a SKU off sale by setting its expiration date (the way to end a SKU that has licenses)')
    .argument('<id>', 'SKU id', positiveId)
    .option('--at <date>', 'retire as of this date (default: now)')
    .action(
      action<{ at?: string }>(async ({ args, opts, session }) => {
        const input = { id: args[0] as number, ...(opts.at !== undefined && { at: opts.at }) };
        const retired = await session.call('sku.retire', input);
        return { data: retired, human: `${skuTitle(retired)} is off sale from ${showDate(retired.expirationDate)}.` };
      }, FLAGS),
    );

  records.delete('delete a SKU that has never been licensed or sold', 'sku.delete');

  return sku;
}
