/**
 * Every area KeyHub has or will have, in navigation order. Areas not built yet carry
 * what is coming and what to do meanwhile; their screen says so instead of a blank page.
 */
export interface ComingSoon {
  summary: string;
  features: string[];
  meanwhile: { text: string; label: string; to: string };
}

export interface Area {
  path: string;
  label: string;
  coming?: ComingSoon;
}

export interface AreaGroup {
  heading: string | null;
  areas: Area[];
}

export const AREA_GROUPS: AreaGroup[] = [
  { heading: null, areas: [{ path: '/', label: 'Dashboard' }] },
  {
    heading: 'Catalog',
    areas: [
      { path: '/catalog/vendors', label: 'Vendors' },
      { path: '/catalog/skus', label: 'SKUs' },
      { path: '/catalog/features', label: 'Feature codes' },
      { path: '/catalog/packages', label: 'Packages' },
    ],
  },
  {
    heading: 'Licensing',
    areas: [
      { path: '/licenses', label: 'Licenses' },
      { path: '/customers', label: 'Customers' },
      { path: '/apps', label: 'Apps' },
      { path: '/domains', label: 'Domains' },
    ],
  },
  {
    heading: 'Sales',
    areas: [
      { path: '/transactions', label: 'Transactions' },
      { path: '/fulfilment', label: 'Waiting items' },
      { path: '/stripe-prices', label: 'Stripe prices' },
      { path: '/subscriptions', label: 'Subscriptions' },
    ],
  },
  {
    heading: 'System',
    areas: [
      { path: '/keys', label: 'Signing keys' },
      { path: '/verify', label: 'Verify license' },
      { path: '/sync', label: 'Sync' },
      { path: '/users', label: 'Users & rights' },
      { path: '/audit', label: 'Audit log' },
      { path: '/settings', label: 'Settings' },
    ],
  },
];

export const COMING_AREAS: Area[] = AREA_GROUPS.flatMap((g) => g.areas).filter((a) => a.coming);
