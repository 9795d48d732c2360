/** The customer routes in one place, so links and routes cannot drift apart. */
export const customerPaths = {
  customers: '/customers',
  customer: (id: number) => `/customers/${id}`,
  newCustomer: '/customers/new',
  editCustomer: (id: number) => `/customers/${id}/edit`,
};
