/** Handlers of provider sync: the Stripe connection, runs, subscriptions, prices mapped to SKUs. */
import type { AreaHandlers } from '../dispatch';
import type { syncMethods } from '../methods/sync';
import { getRun, listRuns } from '../../domain/sync/runs';
import { connectStripe, disconnectStripe, testStripe, updateStripeSettings, type KeyStored } from '../../domain/sync/stripe/connection';
import { listStripePrices } from '../../domain/sync/stripe/prices';
import { abortLocalSync, startStripeSync, stopStripeSync, stripeStatus } from '../../domain/sync/stripe/service';
import { getSubscription, listSubscriptions } from '../../domain/sync/subscriptions';
import type { StripeStatus } from '../../domain/sync/types';

/** The status after a key was stored, saying when the sync starts again from a backfill. */
const statusAfter = (status: StripeStatus, stored: KeyStored): StripeStatus =>
  stored.backfillRestarted ? { ...status, backfillRestarted: stored.backfillRestarted } : status;

export const syncHandlers: AreaHandlers<typeof syncMethods> = {
  'stripe.status': (ctx) => stripeStatus(ctx),
  'stripe.connect': async (ctx, input) => {
    const stored = await connectStripe(ctx, input);
    return statusAfter(stripeStatus(ctx), stored);
  },
  'stripe.disconnect': (ctx) => {
    disconnectStripe(ctx);
    // A sync running here stops after its page: disconnected means no more syncing.
    abortLocalSync(ctx);
    return stripeStatus(ctx);
  },
  'stripe.test': (ctx, input) => testStripe(ctx, input),
  // A new address while connected takes the key again (tested there, stored in place of the old one).
  'stripe.settings': async (ctx, input) => {
    const stored = await updateStripeSettings(ctx, input);
    return statusAfter(stripeStatus(ctx), stored);
  },
  // A sync started from the CLI runs in its process, and says so in its run.
  'stripe.sync': (ctx, input) => startStripeSync(ctx, { full: input.full, trigger: ctx.host === 'cli' ? 'cli' : 'manual' }),
  'stripe.stop': (ctx) => stopStripeSync(ctx),
  'stripe.prices': (ctx, input) => listStripePrices(ctx.store, input),
  'sync.runs': (ctx, input) => listRuns(ctx.store.sqlite, input),
  'sync.run': (ctx, input) => getRun(ctx.store.sqlite, input.id),
  'subscription.list': (ctx, input) => listSubscriptions(ctx.store, input),
  'subscription.get': (ctx, input) => getSubscription(ctx.store, input.id),
};
