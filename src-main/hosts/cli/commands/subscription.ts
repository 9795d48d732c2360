/**
 * keyhub subscription list|show: subscriptions synced from Stripe, their items and the
 * licenses each item issued (whose expiry follows the paid period plus the SKU's grace).
 */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { SUBSCRIPTION_FILTERS, SUBSCRIPTION_SORT } from '../../../api/schemas/sync';
import { providerLabel } from '../../../domain/sales/providers';
import type { SubscriptionDetail, SubscriptionItemDetail, SubscriptionRow } from '../../../domain/sync/types';
import { action } from '../action';
import { ApiFailure } from '../failures';
import { keyValues, NONE, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { positiveId } from '../parse';
import { resolveSkuFlag } from '../resolve';
import type { CliSession } from '../session';
import { cappedListOutput } from './license';
import { itemLicensesTable } from './transaction';

const COLUMNS: Column<SubscriptionRow>[] = [
  { header: 'id', value: (r) => r.id, align: 'right' },
  { header: 'subscription', value: (r) => r.providerSubscriptionId },
  { header: 'status', value: (r) => (r.renewalEndedAt && !['canceled', 'unpaid', 'incomplete_expired'].includes(r.status) ? `${r.status} (ended)` : r.status) },
  { header: 'customer', value: (r) => r.customerName ?? r.providerCustomerId },
  { header: 'items', value: (r) => r.itemsSummary },
  { header: 'period ends', value: (r) => showDate(r.currentPeriodEnd) },
  { header: 'licenses', value: (r) => r.licenseCount, align: 'right' },
];

const customerText = (s: SubscriptionRow) =>
  s.customerId === null ? (s.providerCustomerId ?? NONE) : `${s.customerName ?? '?'} (${s.customerId}${s.providerCustomerId ? `, ${s.providerCustomerId}` : ''})`;

function renewalText(s: SubscriptionDetail): string {
  if (s.renewalEndedAt) return `ended ${showDate(s.renewalEndedAt)}: licenses no longer follow it`;
  if (s.status === 'past_due') return `${providerLabel(s.provider)} is retrying the payment; licenses keep their expiry meanwhile`;
  return `licenses run to the period end + ${s.graceDays} day${s.graceDays === 1 ? '' : 's'} of grace`;
}

function itemBlock(item: SubscriptionItemDetail, index: number): string {
  const title = `Item ${index + 1}: ${item.productName ?? item.providerPriceId ?? item.providerItemId} ×${item.quantity}${item.sku ? ` → ${item.sku}` : ' (no SKU yet)'}`;
  const head = keyValues([
    ['Item', item.providerItemId],
    ['Price', item.providerPriceId],
    ['Period', `${showDate(item.currentPeriodStart)} → ${showDate(item.currentPeriodEnd)}`],
  ]);
  const licenses = item.licenses.length ? itemLicensesTable(item.licenses) : '(no licenses issued yet)';
  return section(title, `${head}\n${licenses}`);
}

export function subscriptionText(s: SubscriptionDetail): string {
  const head = keyValues([
    ['Subscription', `${s.id} (${providerLabel(s.provider)} ${s.providerSubscriptionId})`],
    ['Status', `${s.status}${s.cancelAtPeriodEnd ? ', cancels at the period end' : ''}`],
    ['Customer', customerText(s)],
    ['Started', showDate(s.startedAt)],
    ['Current period', `${showDate(s.currentPeriodStart)} → ${showDate(s.currentPeriodEnd)}`],
    ['Trial', s.trialStart || s.trialEnd ? `${showDate(s.trialStart)} → ${showDate(s.trialEnd)}` : null],
    ['Cancel at', showDate(s.cancelAt)],
    ['Canceled', showDate(s.canceledAt)],
    ['Ended', showDate(s.endedAt)],
    ['Renewal', renewalText(s)],
  ]);
  const items = s.items.map(itemBlock);
  const payments = s.transactions.length
    ? table(
        [
          { header: 'transaction', value: (t: (typeof s.transactions)[number]) => t.id, align: 'right' },
          { header: 'paid', value: (t) => showDate(t.paymentDate) },
          { header: 'invoice', value: (t) => t.providerTxnId },
          { header: 'status', value: (t) => t.status },
          { header: 'licenses', value: (t) => t.licenseCount, align: 'right' },
        ],
        s.transactions,
      )
    : '(none yet)';
  return [head, ...items, section('Paid invoices', payments)].join('\n');
}

interface SubscriptionListOptions extends ListOptions {
  status?: string;
  customer?: number;
  sku?: string;
}

/** A KeyHub id, or Stripe's `sub_…` id (found through the list's search). */
async function resolveSubscription(session: CliSession, ref: string): Promise<number> {
  if (/^[1-9]\d*$/.test(ref)) return Number(ref);
  const page = await session.call('subscription.list', { search: ref, limit: 5 });
  const found = page.items.find((s) => s.providerSubscriptionId === ref);
  if (!found) throw new ApiFailure({ code: 'NOT_FOUND', message: `No synced subscription ${ref}. Sync first (keyhub sync stripe), or list them: keyhub subscription list` });
  return found.id;
}

export function subscriptionCommand(): Command {
  const command = new Command('subscription').description('subscriptions synced from Stripe, their items and the licenses they keep renewed');

  addListOptions(command.command('list').description('subscriptions, newest first (--search: a subscription id, customer name or email)'), SUBSCRIPTION_SORT, false)
    .addOption(new Option('--status <status>', 'only this status; ended: canceled, unpaid or incomplete_expired').choices(SUBSCRIPTION_FILTERS))
    .option('--customer <id>', "only this customer's subscriptions", positiveId)
    .option('--sku <sku>', 'only subscriptions with an item of this SKU (id or code)')
    .action(
      action<SubscriptionListOptions>(
        async ({ opts, session }) => {
          const input = {
            ...listInput(opts),
            ...(opts.status !== undefined && { status: opts.status }),
            ...(opts.customer !== undefined && { customerId: opts.customer }),
            ...(opts.sku !== undefined && { skuId: await resolveSkuFlag(session, opts.sku, undefined) }),
          } as MethodInput<'subscription.list'>;
          const page = await session.call('subscription.list', input);
          return { data: page, human: cappedListOutput(page, COLUMNS, 'subscriptions', 'Connect Stripe and sync: keyhub stripe connect, then keyhub sync stripe') };
        },
        { status: '--status', customerId: '--customer', skuId: '--sku' },
      ),
    );

  command
    .command('show')
    .description('one subscription: status, period, customer, items with their licenses, paid invoices')
    .argument('<id>', "subscription id, or Stripe's sub_… id")
    .action(
      action(async ({ args, session }) => {
        const detail = await session.call('subscription.get', { id: await resolveSubscription(session, args[0] as string) });
        return { data: detail, human: subscriptionText(detail) };
      }),
    );
  return command;
}
