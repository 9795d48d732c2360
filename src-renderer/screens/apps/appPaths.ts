/** The app routes in one place, so links and routes cannot drift apart. */
export const appPaths = {
  apps: '/apps',
  app: (id: string) => `/apps/${id}`,
  /** From a license's page, the new app starts bound to it. */
  newApp: (licenseId?: number) => (licenseId ? `/apps/new?licenseId=${licenseId}` : '/apps/new'),
};
