/**
 * keyhub fulfilment waiting|mappings|map|unmap|retry: purchased items that wait for a
 * SKU (or a signing key), the staff's item → SKU mappings, and fulfilling what waits.
 * Mapping and retrying sign licenses: the keys are unlocked only when that happens.
 */
import { Command, Option } from 'commander';
import { WAITING_REASONS } from '../../../api/schemas/sales';
import { formatMoney } from '../../../domain/sales/money';
import type { FulfilResult, ItemMapping, WaitingGroup } from '../../../domain/sales/types';
import { action, requireYes } from '../action';
import { UsageFailure } from '../failures';
import { listOutput, showDate, table, type Column } from '../format';
import { addPassphraseOption } from '../passphrase';
import { positiveId, wholeNumber } from '../parse';
import { resolveSkuFlag } from '../resolve';
import { unlockOnLocked } from '../unlock-on-locked';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const WAITING_COLUMNS: Column<WaitingGroup>[] = [
  { header: 'reason', value: (g) => g.reason },
  { header: 'item number', value: (g) => g.itemNumber },
  { header: 'item name', value: (g) => g.itemName },
  { header: 'sku', value: (g) => g.sku ?? g.skuCode },
  { header: 'purchases', value: (g) => g.purchases, align: 'right' },
  { header: 'units', value: (g) => g.units, align: 'right' },
  { header: 'gross', value: (g) => g.gross.map((m) => formatMoney(m.amount, m.currency)).join(', '), align: 'right' },
  { header: 'oldest', value: (g) => showDate(g.oldestPaymentDate).slice(0, 10) },
  { header: 'what to do', value: (g) => g.message },
];

const MAPPING_COLUMNS: Column<ItemMapping>[] = [
  { header: 'id', value: (m) => m.id, align: 'right' },
  { header: 'match', value: (m) => (m.matchField === 'item_number' ? 'item number' : 'item name') },
  { header: 'value', value: (m) => m.matchValue },
  { header: 'sku', value: (m) => `${m.sku} (${m.skuId})` },
  { header: 'vendor', value: (m) => m.vendorName },
  { header: 'by', value: (m) => m.createdBy },
  { header: 'created', value: (m) => showDate(m.createdAt) },
];

export function fulfilledText(result: FulfilResult): string {
  const issued = result.issued ? `issued ${plural(result.issued, 'license')} for ${plural(result.transactions, 'purchase')}` : 'issued nothing';
  return `${issued}; ${plural(result.stillWaiting, 'unit')} still waiting.`;
}

export function fulfilmentCommand(): Command {
  const command = new Command('fulfilment').description('purchased items waiting for a SKU or a signing key, and the item → SKU mappings');

  command
    .command('waiting')
    .description('items of completed purchases not fulfilled yet, grouped by what they are called, with what to do')
    .addOption(new Option('--reason <reason>', 'only this reason').choices(WAITING_REASONS))
    .option('--limit <n>', 'rows per page (1-500, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber)
    .action(
      action<{ reason?: (typeof WAITING_REASONS)[number]; limit?: number; offset?: number }>(
        async ({ opts, session }) => {
          const page = await session.call('fulfilment.waiting', {
            ...(opts.reason !== undefined && { reason: opts.reason }),
            ...(opts.limit !== undefined && { limit: opts.limit }),
            ...(opts.offset !== undefined && { offset: opts.offset }),
          });
          return { data: page, human: listOutput(page, WAITING_COLUMNS, 'waiting items', 'Every completed purchase has its licenses.') };
        },
        { reason: '--reason', limit: '--limit', offset: '--offset' },
      ),
    );

  command
    .command('mappings')
    .description('the item → SKU mappings staff have made')
    .action(
      action(async ({ session }) => {
        const mappings = await session.call('fulfilment.mappings', {});
        return { data: mappings, human: mappings.length ? table(MAPPING_COLUMNS, mappings) : 'No mappings yet. Map an item: keyhub fulfilment map --item-number N --sku SKU' };
      }),
    );

  addPassphraseOption(
    command
      .command('map')
      .description('map items called so to a SKU; the purchases waiting on them are fulfilled at once')
      .option('--item-number <number>', 'items with this item number (case and spaces around it ignored)')
      .option('--item-name <name>', 'items with this name, when they have no mapped number')
      .requiredOption('--sku <sku>', 'the SKU (id or code)')
      .option('--vendor <id>', 'the vendor, when several have the SKU code', positiveId),
  ).action(
    action<{ itemNumber?: string; itemName?: string; sku: string; vendor?: number; passphraseFile?: string }>(
      async ({ opts, session, json }) => {
        if ((opts.itemNumber === undefined) === (opts.itemName === undefined)) throw new UsageFailure('Give --item-number or --item-name (one of them).');
        const skuId = await resolveSkuFlag(session, opts.sku, opts.vendor);
        const input =
          opts.itemNumber !== undefined ? { matchField: 'item_number' as const, matchValue: opts.itemNumber, skuId } : { matchField: 'item_name' as const, matchValue: opts.itemName!, skuId };
        const result = await unlockOnLocked(session, opts, json, () => session.call('fulfilment.map', input));
        const what = result.mapping.matchField === 'item_number' ? 'item number' : 'item name';
        return { data: result, human: `Mapped ${what} “${result.mapping.matchValue}” to ${result.mapping.sku} (mapping ${result.mapping.id}): ${fulfilledText(result)}` };
      },
      { matchValue: '--item-number', skuId: '--sku' },
    ),
  );

  command
    .command('unmap')
    .description('remove a mapping (licenses issued through it stay)')
    .argument('<id>', 'mapping id (see keyhub fulfilment mappings)', positiveId)
    .option('--yes', 'remove it')
    .action(
      action<{ yes?: boolean }>(async ({ args, opts, session }) => {
        requireYes(opts, `mapping ${String(args[0])}`);
        const removed = await session.call('fulfilment.unmap', { id: args[0] as number });
        return { data: removed, human: `Removed mapping ${removed.id}; licenses issued through it stay.` };
      }),
    );

  addPassphraseOption(
    command
      .command('retry')
      .description('fulfil what waits and can be now (a SKU given a key, a key rotated): every transaction, or one')
      .option('--transaction <id>', 'only this transaction', positiveId),
  ).action(
    action<{ transaction?: number; passphraseFile?: string }>(async ({ opts, session, json }) => {
      const input = opts.transaction !== undefined ? { transactionId: opts.transaction } : {};
      const result = await unlockOnLocked(session, opts, json, () => session.call('fulfilment.retry', input));
      return { data: result, human: `Retried: ${fulfilledText(result)}` };
    }),
  );
  return command;
}
