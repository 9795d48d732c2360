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
      {
        path: '/licenses',
        label: 'Licenses',
        coming: {
          summary: 'Issue licenses from your SKUs, sign them offline with the vendor’s Ed25519 key, and manage them for their whole life.',
          features: [
            'Issue one license or a batch for a customer and a SKU',
            'Signed license files any app can verify offline',
            'Look up by license key, owner or domain; extend, suspend or end',
          ],
          meanwhile: { text: 'A license is issued from a SKU. Make sure your SKUs are defined.', label: 'Go to SKUs', to: '/catalog/skus' },
        },
      },
      {
        path: '/customers',
        label: 'Customers',
        coming: {
          summary: 'The people and companies who buy and own your licenses.',
          features: [
            'Purchasing and owning entities with their contacts',
            'Their Stripe and PayPal customer ids, linked automatically by Sync',
            'Every license, transaction and subscription of a customer in one place',
          ],
          meanwhile: { text: 'Customers arrive with the first sync or the first license you issue. Until then, complete your catalog.', label: 'Go to vendors', to: '/catalog/vendors' },
        },
      },
      {
        path: '/apps',
        label: 'Apps',
        coming: {
          summary: 'The applications that check licenses, with their app keys.',
          features: [
            'Register apps and issue or revoke their app keys',
            'Which licenses each app is bound to',
            'Usage statistics, reported issues and notifications',
          ],
          meanwhile: { text: 'Apps check feature codes. Define the codes your apps will look for.', label: 'Go to feature codes', to: '/catalog/features' },
        },
      },
      {
        path: '/domains',
        label: 'Domains',
        coming: {
          summary: 'Domain licenses: the domains a license covers, added automatically or by hand.',
          features: [
            'Domains bound to each license, within its SKU’s limit',
            'Automatic and manual domains, each with its own duration',
            'Customers remove domains where the SKU allows it',
          ],
          meanwhile: { text: 'Each SKU sets its max domains, domain durations and delete permissions.', label: 'Go to SKUs', to: '/catalog/skus' },
        },
      },
    ],
  },
  {
    heading: 'Sales',
    areas: [
      {
        path: '/transactions',
        label: 'Transactions',
        coming: {
          summary: 'Purchases and refunds from Stripe and PayPal, item by item.',
          features: [
            'Amounts in exact minor units with their currency',
            'The raw provider record kept beside every transaction',
            'The licenses each purchase issued',
          ],
          meanwhile: { text: 'Transactions appear once Sync is connected. Purchases find their SKU by its code, so set those up first.', label: 'Go to SKUs', to: '/catalog/skus' },
        },
      },
      {
        path: '/subscriptions',
        label: 'Subscriptions',
        coming: {
          summary: 'Recurring plans and where each one stands.',
          features: [
            'Status, renewal dates and the customer behind each subscription',
            'A lapsed subscription ends its licenses; a renewal extends them',
          ],
          meanwhile: { text: 'Subscriptions extend licenses by the SKU’s license duration. Check those durations.', label: 'Go to SKUs', to: '/catalog/skus' },
        },
      },
    ],
  },
  {
    heading: 'System',
    areas: [
      { path: '/keys', label: 'Signing keys' },
      { path: '/verify', label: 'Verify license' },
      {
        path: '/sync',
        label: 'Sync',
        coming: {
          summary: 'Scheduled pulls of purchases and subscription changes from Stripe and PayPal.',
          features: [
            'A resumable backfill, then incremental polling',
            'Licenses issued or ended as purchases complete or lapse, never twice',
            'A log of every run and what it changed',
          ],
          meanwhile: { text: 'Sync maps purchases to SKUs. Complete your SKUs first.', label: 'Go to SKUs', to: '/catalog/skus' },
        },
      },
      {
        path: '/audit',
        label: 'Audit log',
        coming: {
          summary: 'Every change to your books: who did what, to which record, and when.',
          features: ['Filter by person, record or action', 'The before and after of every edit'],
          meanwhile: { text: 'Changes are already recorded as you work; this screen to browse them is on its way.', label: 'Go to the dashboard', to: '/' },
        },
      },
      { path: '/settings', label: 'Settings' },
    ],
  },
];

export const COMING_AREAS: Area[] = AREA_GROUPS.flatMap((g) => g.areas).filter((a) => a.coming);
