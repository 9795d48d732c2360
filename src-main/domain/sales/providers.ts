/** Payment providers by their stored name, as people write them. */
const LABELS: Record<string, string> = { paypal: 'PayPal', stripe: 'Stripe' };

export const providerLabel = (provider: string) => LABELS[provider] ?? provider;
