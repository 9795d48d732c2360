/** Sales: transactions from payment providers, IPN import, fulfilment of purchases, and settings. */
import * as s from '../schemas';
import type { Deleted } from '../../domain/catalog/types';
import type { Page } from '../../domain/catalog/types';
import type {
  CustomerPurchase,
  FulfilResult,
  ImportTally,
  ItemMapping,
  KeyHubSettings,
  MappingResult,
  TransactionDetail,
  TransactionPage,
  WaitingPage,
} from '../../domain/sales/types';
import { command, query } from './define';

export const salesMethods = {
  /** Newest payment first by default; `total` stops counting at 10,000 (`totalIsLowerBound`). */
  'transaction.list': query<typeof s.transactionList, TransactionPage>(s.transactionList),
  'transaction.get': query<typeof s.byId, TransactionDetail>(s.byId),
  /**
   * Imports a batch of PayPal IPN / e-junkie messages: records transactions, issues
   * licenses for completed purchases (once), revokes on refunds. A rejected message
   * changes nothing; the others still import. Needs the keys unlocked when it issues.
   */
  'transaction.importIpn': command<typeof s.transactionImportIpn, ImportTally>(s.transactionImportIpn),
  /** Answers a partial refund: revokes the chosen licenses (or none) and clears the question. */
  'transaction.decide': command<typeof s.transactionDecide, TransactionDetail>(s.transactionDecide),
  'customer.purchases': query<typeof s.customerPurchases, Page<CustomerPurchase>>(s.customerPurchases),
  /** Items of completed purchases that wait for a SKU mapping or a signing key, grouped. */
  'fulfilment.waiting': query<typeof s.fulfilmentWaiting, WaitingPage>(s.fulfilmentWaiting),
  'fulfilment.mappings': query<typeof s.empty, ItemMapping[]>(s.empty),
  /** Saves a mapping and fulfils the purchases waiting on it at once. */
  'fulfilment.map': command<typeof s.fulfilmentMap, MappingResult>(s.fulfilmentMap),
  /** Removes a mapping; licenses already issued through it stay. */
  'fulfilment.unmap': command<typeof s.fulfilmentUnmap, Deleted>(s.fulfilmentUnmap),
  'fulfilment.retry': command<typeof s.fulfilmentRetry, FulfilResult>(s.fulfilmentRetry),
  'settings.get': query<typeof s.empty, KeyHubSettings>(s.empty),
  'settings.update': command<typeof s.settingsUpdate, KeyHubSettings>(s.settingsUpdate),
} as const;
