/** The official SDK pointed at the fake server, the way KeyHub configures it (pinned version, no SDK retries). */
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../../../src-main/domain/sync/stripe/api-version';
import type { StripeServer } from './server';
import { FAKE_STRIPE_KEY } from './world';

export function stripeSdkFor(server: StripeServer, key = FAKE_STRIPE_KEY): Stripe {
  return new Stripe(key, {
    apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
    host: server.host,
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}
