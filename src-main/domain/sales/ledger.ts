/**
 * The licenses a purchase covers, as the ledger keys them: each unit of each of its items
 * (provider + item id, unit ≤ the item's quantity). An item id unique to its purchase (an
 * IPN line, a Checkout line) finds the licenses that purchase issued; a subscription
 * item's (`si_…`) is shared by every invoice of the subscription, so each invoice covers
 * the seats it billed whichever invoice issued them: its refund, reversal or partial-refund
 * decision reaches them, and its detail lists them.
 *
 * Joins `fulfilments f` to `transactions t` and `transaction_items ti` of the query. A
 * CROSS JOIN: left to itself, SQLite reads every fulfilment of the provider first.
 */
export const COVERED_FULFILMENTS = 'CROSS JOIN fulfilments f ON f.provider = t.provider AND f.provider_item_id = ti.provider_item_id AND f.unit <= ti.quantity';
