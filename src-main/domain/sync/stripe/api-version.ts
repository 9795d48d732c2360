/**
 * The Stripe API version KeyHub speaks, pinned: the shapes it reads (invoice `parent` and
 * `payments`, items' own periods) are this version's, whatever the account's default is.
 * It is the version the bundled `stripe` SDK was built for.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';
export const STRIPE_API_BASE = 'https://api.stripe.com';
export const STRIPE_PROVIDER = 'stripe';
/** Who the audit log says acted when the sync changes something. */
export const STRIPE_SYNC_ACTOR = 'sync:stripe';
