/** The licensing routes in one place, so links and routes cannot drift apart. */

/** A list's address with its filters set: `/licenses?state=expiring`. */
const withFilters = (path: string, filters: Record<string, string | number>) =>
  `${path}?${new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)]))}`;

export const licensePaths = {
  licenses: '/licenses',
  licensesWhere: (filters: Record<string, string | number>) => withFilters('/licenses', filters),
  license: (id: number) => `/licenses/${id}`,
  newLicense: '/licenses/new',
  /** The issue form with the owning customer already chosen. */
  newLicenseFor: (customerId: number) => `/licenses/new?customerId=${customerId}`,
  domains: '/domains',
  domainsWhere: (filters: Record<string, string | number>) => withFilters('/domains', filters),
  /** Pages other areas own; linked from a license. */
  customer: (id: number) => `/customers/${id}`,
  app: (id: string) => `/apps/${id}`,
  user: (id: number) => `/users/${id}`,
};
