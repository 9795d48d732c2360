/** The transaction routes in one place, so links and routes cannot drift apart. */
export const transactionPaths = {
  transactions: '/transactions',
  transaction: (id: number) => `/transactions/${id}`,
  /** Pages other areas own; linked from a transaction. */
  customer: (id: number) => `/customers/${id}`,
  license: (id: number) => `/licenses/${id}`,
  sku: (id: number) => `/catalog/skus/${id}`,
  waitingQueue: '/fulfilment',
};
