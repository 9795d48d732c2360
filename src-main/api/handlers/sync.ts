/** Handlers of provider sync: the Stripe connection, runs, subscriptions, prices mapped to SKUs. */
import type { AreaHandlers } from '../dispatch';
import type { syncMethods } from '../methods/sync';
import { writeStripeSettings } from '../../domain/settings/settings';
import { getRun, listRuns } from '../../domain/sync/runs';
import { connectStripe, disconnectStripe, testStripe } from '../../domain/sync/stripe/connection';
import { listStripePrices } from '../../domain/sync/stripe/prices';
import { abortLocalSync, startStripeSync, stopStripeSync, stripeStatus } from '../../domain/sync/stripe/service';
import { getSubscription, listSubscriptions } from '../../domain/sync/subscriptions';

export const syncHandlers: AreaHandlers<typeof syncMethods> = {
  'stripe.status': (ctx) => stripeStatus(ctx),
  'stripe.connect': async (ctx, input) => {
    await connectStripe(ctx, input);
    return stripeStatus(ctx);
  },
  'stripe.disconnect': (ctx) => {
    disconnectStripe(ctx);
    // A sync running here stops after its page: disconnected means no more syncing.
    abortLocalSync(ctx);
    return stripeStatus(ctx);
  },
  'stripe.test': (ctx, input) => testStripe(ctx, input),
  'stripe.settings': (ctx, input) => {
    ctx.store.db.transaction((tx) => writeStripeSettings(tx, ctx.actor, input));
    return stripeStatus(ctx);
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
