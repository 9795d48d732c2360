/** The users-and-rights routes in one place, so links and routes cannot drift apart. */
export const userPaths = {
  users: '/users',
  user: (id: number) => `/users/${id}`,
  /** A customer's contact starts with that customer chosen. */
  newUser: (customerId?: number) => (customerId ? `/users/new?customerId=${customerId}` : '/users/new'),
  editUser: (id: number) => `/users/${id}/edit`,
  rights: '/users/rights',
};
