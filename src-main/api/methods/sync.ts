/** Provider sync: the Stripe connection, runs, subscriptions, and prices mapped to SKUs. */
import * as s from '../schemas';
import type { JobStatus } from '../../domain/jobs/jobs';
import type { Page } from '../../domain/catalog/types';
import type {
  StripePricePage,
  StripeStatus,
  StripeTestResult,
  SubscriptionDetail,
  SubscriptionPage,
  SyncRun,
  SyncRunDetail,
} from '../../domain/sync/types';
import { command, query } from './define';

export const syncMethods = {
  /** Connection, schedule, the run in progress (any process) and the last one. */
  'stripe.status': query<typeof s.empty, StripeStatus>(s.empty),
  /** Tests the key, then stores it sealed (passphrase, or the OS keychain on the desktop). */
  'stripe.connect': command<typeof s.stripeConnect, StripeStatus>(s.stripeConnect),
  /** Forgets the key; synced data and licenses stay. */
  'stripe.disconnect': command<typeof s.empty, StripeStatus>(s.empty),
  /** Checks that the key can read every resource the sync reads. */
  'stripe.test': query<typeof s.stripeTest, StripeTestResult>(s.stripeTest),
  'stripe.settings': command<typeof s.stripeSettingsUpdate, StripeStatus>(s.stripeSettingsUpdate),
  /** Starts a sync as a job (refused while one runs anywhere); progress in `stripe.status`. */
  'stripe.sync': command<typeof s.stripeSync, JobStatus>(s.stripeSync),
  /** Asks the running sync to stop after its current page (it resumes from there next time). */
  'stripe.stop': command<typeof s.empty, { stopping: boolean }>(s.empty),
  /** Synced prices with their product and the SKU each maps to (metadata, mapping, or none). */
  'stripe.prices': query<typeof s.stripePrices, StripePricePage>(s.stripePrices),
  'sync.runs': query<typeof s.syncRuns, Page<SyncRun>>(s.syncRuns),
  'sync.run': query<typeof s.byId, SyncRunDetail>(s.byId),
  'subscription.list': query<typeof s.subscriptionList, SubscriptionPage>(s.subscriptionList),
  'subscription.get': query<typeof s.byId, SubscriptionDetail>(s.byId),
} as const;
