/**
 * keyhub transaction list|show|decide: purchases recorded from payment providers, their
 * items, licenses and payment log, and the answer to a partial refund's question.
 */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { TRANSACTION_FILTERS, TRANSACTION_SORT } from '../../../api/schemas/sales';
import { formatMoney } from '../../../domain/sales/money';
import { providerLabel } from '../../../domain/sales/providers';
import type { TransactionDetail, TransactionLicense, TransactionRow } from '../../../domain/sales/types';
import { action } from '../action';
import { UsageFailure } from '../failures';
import { keyValues, NONE, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { collectList, idList, positiveId } from '../parse';
import { resolveSkuFlag } from '../resolve';
import { cappedListOutput } from './license';

const money = (minor: number, currency: string) => formatMoney(minor, currency);

const COLUMNS: Column<TransactionRow>[] = [
  { header: 'id', value: (r) => r.id, align: 'right' },
  { header: 'paid', value: (r) => showDate(r.paymentDate) },
  { header: 'txn', value: (r) => r.providerTxnId },
  { header: 'payer', value: (r) => r.payerName },
  { header: 'status', value: (r) => (r.pendingDecision ? `${r.status} (decide)` : r.status) },
  { header: 'gross', value: (r) => money(r.gross, r.currency), align: 'right' },
  { header: 'items', value: (r) => r.itemsSummary },
  { header: 'licenses', value: (r) => r.licenseCount, align: 'right' },
  { header: 'waiting', value: (r) => r.waitingUnits || '', align: 'right' },
];

function payerText(t: TransactionDetail): string {
  const name = t.payerBusinessName || [t.payerFirstName, t.payerLastName].filter(Boolean).join(' ');
  const parts = [name && t.payerEmail ? `${name} <${t.payerEmail}>` : name || t.payerEmail || 'unknown'];
  if (t.residenceCountry) parts.push(t.residenceCountry);
  if (t.payerId) parts.push(`${providerLabel(t.provider)} payer ${t.payerId}`);
  return parts.join(', ');
}

/** The licenses an item issued, a row a unit (shared with `subscription show`). */
export function itemLicensesTable(licenses: TransactionLicense[]): string {
  return table<TransactionLicense>(
    [
      { header: 'license', value: (l) => l.id, align: 'right' },
      { header: 'unit', value: (l) => l.unit, align: 'right' },
      { header: 'sku', value: (l) => l.sku },
      { header: 'owner', value: (l) => l.ownerName },
      { header: 'state', value: (l) => l.state },
      { header: 'expires', value: (l) => (l.expires === null ? 'never' : showDate(l.expires)) },
    ],
    licenses,
  );
}

export function transactionText(t: TransactionDetail): string {
  const head = keyValues([
    ['Transaction', `${t.id} (${providerLabel(t.provider)} ${t.providerTxnId}${t.txnType ? `, ${t.txnType}` : ''})`],
    ['Status', t.status],
    ['Paid', showDate(t.paymentDate)],
    ['Payer', payerText(t)],
    ['Customer', t.customerId === null ? NONE : `${t.customerName ?? '?'} (${t.customerId})`],
    ['Business', t.business],
    ['Amount', `${money(t.gross, t.currency)} (fee ${money(t.fee, t.currency)}, tax ${money(t.tax, t.currency)}, shipping ${money(t.shipping, t.currency)})`],
    ['Refunded', t.refunded ? money(t.refunded, t.currency) : NONE],
    ...(t.pendingDecision ? ([['To decide', `${t.pendingDecision} (keyhub transaction decide ${t.id} --revoke ID… | --keep --note TEXT)`]] as [string, string][]) : []),
  ]);
  const items = t.items.map((item, i) => {
    const title = `Item ${i + 1}: ${item.name ?? item.number ?? item.providerItemId} ×${item.quantity}, ${money(item.gross, t.currency)}${item.sku ? ` → ${item.sku}` : ''}`;
    const lines = [
      keyValues([
        ['Item number', item.number],
        ['SKU code', item.skuCode],
        ['Options', item.options.map((o) => `${o.name}: ${o.selection}`).join('; ')],
        ['Waiting', item.waiting ? `${item.waiting.units} of ${item.quantity}: ${item.waiting.message}` : NONE],
      ]),
    ];
    if (item.licenses.length) {
      lines.push(
        itemLicensesTable(item.licenses),
      );
    }
    return section(title, lines.join('\n'));
  });
  const log = t.log.length ? t.log.map((e) => `${showDate(e.createdAt)}  ${e.fromStatus ?? 'new'} → ${e.toStatus ?? '-'}  ${e.message ?? e.eventType}`).join('\n') : '(none)';
  return [head, ...items, section('Payment log', log)].join('\n');
}

interface TransactionListOptions extends ListOptions {
  status?: string;
  provider?: string;
  from?: string;
  to?: string;
  sku?: string;
  customer?: number;
}

export function transactionCommand(): Command {
  const command = new Command('transaction').description('purchases recorded from payment providers (PayPal IPN today), their licenses and payment log');

  addListOptions(command.command('list').description('list transactions, newest payment first (--search: txn id, email or payer name)'), TRANSACTION_SORT, true)
    .addOption(new Option('--status <status>', 'only this status; decision: a partial refund to decide; unfulfilled: paid units still without their license').choices(TRANSACTION_FILTERS))
    .option('--provider <name>', 'only this provider (paypal)')
    .option('--from <date>', 'paid on or after this date')
    .option('--to <date>', 'paid before this date')
    .option('--sku <sku>', 'only purchases of this SKU (id or code; --vendor picks between vendors)')
    .option('--customer <id>', "only this customer's purchases", positiveId)
    .action(
      action<TransactionListOptions>(
        async ({ opts, session }) => {
          const { vendorId: _vendorId, ...list } = listInput(opts);
          const input = {
            ...list,
            ...(opts.status !== undefined && { status: opts.status }),
            ...(opts.provider !== undefined && { provider: opts.provider }),
            ...(opts.from !== undefined && { from: opts.from }),
            ...(opts.to !== undefined && { to: opts.to }),
            ...(opts.sku !== undefined && { skuId: await resolveSkuFlag(session, opts.sku, opts.vendor) }),
            ...(opts.customer !== undefined && { customerId: opts.customer }),
          } as MethodInput<'transaction.list'>;
          const page = await session.call('transaction.list', input);
          return { data: page, human: cappedListOutput(page, COLUMNS, 'transactions', 'Import some: keyhub import ipn FILE') };
        },
        { from: '--from', to: '--to', skuId: '--sku', customerId: '--customer', status: '--status', provider: '--provider' },
      ),
    );

  command
    .command('show')
    .description('one transaction: payer, amounts, items with their licenses, payment log')
    .argument('<id>', 'transaction id', positiveId)
    .option('--raw', 'print the message as the provider sent it, and nothing else')
    .action(
      action<{ raw?: boolean }>(async ({ args, opts, session }) => {
        const detail = await session.call('transaction.get', { id: args[0] as number });
        return { data: detail, human: opts.raw ? detail.raw : transactionText(detail) };
      }),
    );

  command
    .command('decide')
    .description("answer a partial refund's question: revoke the chosen licenses of the purchase, or keep them all")
    .argument('<id>', 'transaction id', positiveId)
    .option('--revoke <license>', 'revoke this license of the purchase (repeat or comma-separate)', collectList)
    .option('--keep', 'keep every license')
    .requiredOption('--note <text>', 'why (kept in the payment log and the audit log)')
    .action(
      action<{ revoke?: string[]; keep?: boolean; note: string }>(
        async ({ args, opts, session }) => {
          if (!opts.keep === !opts.revoke) throw new UsageFailure('Give --revoke LICENSE… to revoke licenses, or --keep to keep them all (not both).');
          const detail = await session.call('transaction.decide', { id: args[0] as number, revokeLicenseIds: idList(opts.revoke ?? []), note: opts.note });
          return { data: detail, human: `Transaction ${detail.id}: decided. ${detail.log[detail.log.length - 1]?.message ?? ''}`.trim() };
        },
        { revokeLicenseIds: '--revoke', note: '--note' },
      ),
    );
  return command;
}
