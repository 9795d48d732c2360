/** The sync routes in one place, so links and routes cannot drift apart. */
export const syncPaths = {
  sync: '/sync',
  run: (id: number) => `/sync/runs/${id}`,
  stripePrices: '/stripe-prices',
  subscriptions: '/subscriptions',
  subscription: (id: number) => `/subscriptions/${id}`,
  /** Pages other areas own; linked from the sync screens. */
  settings: '/settings',
  customer: (id: number) => `/customers/${id}`,
  license: (id: number) => `/licenses/${id}`,
  transaction: (id: number) => `/transactions/${id}`,
  sku: (id: number) => `/catalog/skus/${id}`,
  waitingQueue: '/fulfilment',
};
