/** Handlers of transactions, IPN import, the fulfilment queue and mappings, and settings. */
import type { AreaHandlers } from '../dispatch';
import type { salesMethods } from '../methods/sales';
import { decideTransaction } from '../../domain/sales/decide';
import { importIpnBatch } from '../../domain/sales/ipn/import';
import { customerPurchases } from '../../domain/sales/customer-purchases';
import { getTransaction, listTransactions } from '../../domain/sales/transactions';
import { listMappings, listWaiting, mapItems, retryWaiting, unmapItems } from '../../domain/sales/waiting';
import { readSettings, updateSettings } from '../../domain/settings/settings';

export const salesHandlers: AreaHandlers<typeof salesMethods> = {
  'transaction.list': (ctx, input) => listTransactions(ctx.store, input),
  'transaction.get': (ctx, { id }) => getTransaction(ctx.store, id),
  'transaction.importIpn': (ctx, input) => importIpnBatch(ctx, input),
  'transaction.decide': (ctx, input) => decideTransaction(ctx, input),
  'customer.purchases': (ctx, input) => customerPurchases(ctx.store, input),
  'fulfilment.waiting': (ctx, input) => listWaiting(ctx.store, input),
  'fulfilment.mappings': (ctx) => listMappings(ctx.store),
  'fulfilment.map': (ctx, input) => mapItems(ctx, input),
  'fulfilment.unmap': (ctx, { id }) => unmapItems(ctx, id),
  'fulfilment.retry': (ctx, input) => retryWaiting(ctx, input),
  'settings.get': (ctx) => readSettings(ctx.store.db),
  'settings.update': (ctx, input) => updateSettings(ctx, input),
};
