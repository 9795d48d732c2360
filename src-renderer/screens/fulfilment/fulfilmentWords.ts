/** The fulfilment queue in words: why items wait, what a group is called, what a mapping or a retry did. */
import type { FulfilResult, ItemMapping, WaitingGroup, WaitingReason } from '../../../src-main/domain/sales/types';
import { formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';

export const WAITING_REASON_LABELS: Record<WaitingReason, string> = {
  unmapped: 'No SKU matches',
  ambiguous: 'Several SKUs match',
  no_signing_key: 'SKU has no signing key',
  key_retired: 'SKU’s key is retired',
  not_confirmed: 'Not paid yet',
};

/** Groups a mapping resolves; the others wait for their SKU's key, or are ready for a retry. */
export const needsMapping = (group: WaitingGroup) => !group.ready && (group.reason === 'unmapped' || group.reason === 'ambiguous');

/** What the group is called, as staff recognise it: its item number, else its name. */
export function groupName(group: Pick<WaitingGroup, 'itemNumber' | 'itemName' | 'skuCode'>): string {
  return group.itemNumber?.trim() || (group.itemName?.trim() ? `“${group.itemName.trim()}”` : group.skuCode?.trim() || 'an item without a number or name');
}

export type MatchField = ItemMapping['matchField'];

export const MATCH_FIELD_LABELS: Record<MatchField, string> = { item_number: 'Item number', item_name: 'Item name' };

/** "item number 929356", "item name “resizer 3”". */
export function mappingWords(field: MatchField, value: string): string {
  return field === 'item_number' ? `item number ${value}` : `item name “${value}”`;
}

/** "$498.00 · €20.00". */
export function amountsWords(gross: WaitingGroup['gross']): string {
  return gross.length ? gross.map((g) => formatMoney(g.amount, g.currency)).join(' · ') : '—';
}

/** "18 Jul 2012", or "18 Jul 2012 – 2 Mar 2013". */
export function paidWords(group: Pick<WaitingGroup, 'oldestPaymentDate' | 'newestPaymentDate'>): string {
  const oldest = formatDay(group.oldestPaymentDate);
  const newest = formatDay(group.newestPaymentDate);
  return oldest === newest ? oldest : `${oldest} – ${newest}`;
}

function stillWaitingWords(result: FulfilResult): string {
  return result.stillWaiting > 0 ? ` ${plural(result.stillWaiting, 'unit')} still ${result.stillWaiting === 1 ? 'waits' : 'wait'}; see the queue.` : '';
}

/** "Mapped 929356 to R3Bundle1Ent: issued 3 licenses for 2 purchases." */
export function mappedWords(name: string, sku: string, result: FulfilResult): string {
  const issued = result.issued > 0 ? `: issued ${plural(result.issued, 'license')} for ${plural(result.transactions, 'purchase')}.` : '. No license was issued.';
  return `Mapped ${name} to ${sku}${issued}${stillWaitingWords(result)}`;
}

/** What "Fulfil waiting" did. */
export function retriedWords(result: FulfilResult): string {
  if (result.issued === 0) return `Nothing could be fulfilled yet.${stillWaitingWords(result)}`;
  return `Issued ${plural(result.issued, 'license')} for ${plural(result.transactions, 'purchase')}.${stillWaitingWords(result)}`;
}
