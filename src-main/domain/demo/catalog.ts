/**
 * The sample catalog `keyhub demo` and `npm start -- --demo` load: three vendors with
 * their feature codes, SKUs and packages. Dates that must stay in the future (an
 * upcoming SKU, a fresh preview build) are relative to `today`, so the sample looks
 * alive whenever it is loaded. Download hosts use the reserved `.example` domain.
 */
import { addDays, toUtcIso } from '../../shared/time';

export interface DemoFeature {
  code: string;
  description: string;
}

export interface DemoRelease {
  version: string;
  displayName: string;
  /** 0 stable, 1 RC, 2 beta, 3 alpha, 4 preview. */
  stability: number;
  releaseDate: string;
  notesUrl: string | null;
  downloadUrl: string | null;
}

export interface DemoPackage {
  displayName: string;
  releases: DemoRelease[];
}

export interface DemoSku {
  sku: string;
  name: string;
  maxDomains: number | null;
  licenseDuration: number | null;
  editOwnershipDuration: number | null;
  maxSupportContacts: number | null;
  changeSupportContactsDuration: number | null;
  autoDomainDuration: number | null;
  manualDomainDuration: number | null;
  canDeleteManualDomains: boolean;
  canDeleteAutoDomains: boolean;
  releaseDate: string | null;
  expirationDate: string | null;
  /** Days a subscription's licenses run past its paid period (SKUs sold by subscription on Stripe). */
  subscriptionGraceDays?: number;
  /** Feature codes of the same vendor. */
  features: string[];
  /** Package display names of the same vendor. */
  packages: string[];
}

export interface DemoVendor {
  name: string;
  street: string;
  city: string;
  region: string | null;
  postal: string;
  country: string;
  features: DemoFeature[];
  packages: DemoPackage[];
  skus: DemoSku[];
}

const PERPETUAL = null;
const UNLIMITED = null;
/** Subscription SKUs: licenses run a week past the paid period while a renewal is retried. */
export const SUBSCRIPTION_GRACE_DAYS = 7;

/** Sensible defaults for a domain-licensed server SKU; each SKU overrides what differs. */
function serverSku(fields: Partial<DemoSku> & Pick<DemoSku, 'sku' | 'name' | 'features' | 'packages'>): DemoSku {
  return {
    maxDomains: 3,
    licenseDuration: PERPETUAL,
    editOwnershipDuration: 30,
    maxSupportContacts: 2,
    changeSupportContactsDuration: 365,
    autoDomainDuration: 30,
    manualDomainDuration: 365,
    canDeleteManualDomains: true,
    canDeleteAutoDomains: true,
    releaseDate: null,
    expirationDate: null,
    ...fields,
  };
}

function release(
  host: string,
  product: string,
  version: string,
  stability: number,
  releaseDate: string,
  withNotes = true,
): DemoRelease {
  const slug = product.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    version,
    displayName: `${product} ${version}`,
    stability,
    releaseDate,
    notesUrl: withNotes ? `https://${host}/${slug}/releases/${version}` : null,
    downloadUrl: `https://downloads.${host}/${slug}/${slug}-${version}.zip`,
  };
}

export function demoCatalog(today: Date = new Date()): DemoVendor[] {
  const now = toUtcIso(today);
  const daysFromNow = (days: number) => addDays(now, days).slice(0, 10);

  const imazen: DemoVendor = {
    name: 'Imazen',
    street: '1919 Pike Place, Suite 300',
    city: 'Seattle',
    region: 'WA',
    postal: '98101',
    country: 'United States',
    features: [
      { code: 'R_Performance', description: 'Performance edition: disk cache, GDI+ speedups, parallel resizing' },
      { code: 'R_Creative', description: 'Creative edition: filters, effects, watermarks' },
      { code: 'R_Elite', description: 'Elite edition: every plugin, remote and cloud readers' },
      { code: 'R_DiskCache', description: 'Disk cache for processed images' },
      { code: 'R_RemoteReader', description: 'Resize images from remote HTTP sources' },
      { code: 'R_S3Reader', description: 'Read source images from Amazon S3' },
      { code: 'R_AzureReader', description: 'Read source images from Azure Blob Storage' },
      { code: 'R_Watermark', description: 'Text and image watermarks' },
      { code: 'R_WebP', description: 'WebP encoding and decoding' },
      { code: 'R4_Imageflow', description: 'Imageflow backend for ImageResizer 4' },
      { code: 'R4_SecureUrls', description: 'Signed URLs to stop hot-linking and parameter abuse' },
    ],
    packages: [
      {
        displayName: 'ImageResizer 3',
        releases: [
          release('imazen.example', 'ImageResizer', '3.4.2', 0, '2014-03-04'),
          release('imazen.example', 'ImageResizer', '3.4.3', 0, '2014-12-11'),
          release('imazen.example', 'ImageResizer', '3.5.0-beta1', 2, '2016-06-20'),
        ],
      },
      {
        displayName: 'ImageResizer 4',
        releases: [
          release('imazen.example', 'ImageResizer', '4.0.0-rc1', 1, '2016-09-15'),
          release('imazen.example', 'ImageResizer', '4.0.0', 0, '2016-11-02'),
          release('imazen.example', 'ImageResizer', '4.2.8', 0, '2019-10-15'),
          release('imazen.example', 'ImageResizer', '4.3.0-preview2', 4, daysFromNow(-9), false),
        ],
      },
      {
        displayName: 'Imageflow Server',
        releases: [
          release('imazen.example', 'Imageflow Server', '0.8.0-alpha', 3, '2023-05-02'),
          release('imazen.example', 'Imageflow Server', '0.9.0-beta', 2, '2024-02-19'),
          release('imazen.example', 'Imageflow Server', '1.0.0-rc1', 1, daysFromNow(-21)),
        ],
      },
    ],
    skus: [
      serverSku({
        sku: 'R3Bundle1Ent',
        name: 'ImageResizer 3 Performance Bundle, Enterprise',
        maxDomains: UNLIMITED,
        maxSupportContacts: 5,
        releaseDate: '2013-01-15',
        expirationDate: '2021-06-30', // retired: sold no more, its licenses live on
        features: ['R_Performance', 'R_DiskCache', 'R_RemoteReader', 'R_S3Reader'],
        packages: ['ImageResizer 3'],
      }),
      serverSku({
        sku: 'R3Elite',
        name: 'ImageResizer 3 Elite',
        maxDomains: 10,
        releaseDate: '2012-11-01',
        features: ['R_Elite', 'R_Performance', 'R_Creative', 'R_DiskCache', 'R_RemoteReader', 'R_S3Reader', 'R_AzureReader', 'R_Watermark'],
        packages: ['ImageResizer 3'],
      }),
      serverSku({
        sku: 'R4Performance',
        name: 'ImageResizer 4 Performance',
        maxDomains: 1,
        maxSupportContacts: 1,
        releaseDate: '2016-11-02',
        features: ['R_Performance', 'R_DiskCache', 'R_WebP'],
        packages: ['ImageResizer 4'],
      }),
      serverSku({
        sku: 'R4Creative',
        name: 'ImageResizer 4 Creative',
        maxDomains: 3,
        releaseDate: '2016-11-02',
        features: ['R_Creative', 'R_Performance', 'R_DiskCache', 'R_Watermark', 'R_WebP'],
        packages: ['ImageResizer 4'],
      }),
      serverSku({
        sku: 'R4Elite',
        name: 'ImageResizer 4 Elite',
        maxDomains: 10,
        maxSupportContacts: 3,
        releaseDate: '2016-11-02',
        features: ['R_Elite', 'R_Performance', 'R_Creative', 'R_DiskCache', 'R_RemoteReader', 'R_S3Reader', 'R_AzureReader', 'R_Watermark', 'R_WebP', 'R4_SecureUrls'],
        packages: ['ImageResizer 4'],
      }),
      serverSku({
        sku: 'R4EliteAnnual',
        name: 'ImageResizer 4 Elite, yearly subscription',
        maxDomains: 10,
        licenseDuration: 365,
        subscriptionGraceDays: SUBSCRIPTION_GRACE_DAYS,
        maxSupportContacts: 3,
        canDeleteAutoDomains: false,
        releaseDate: '2020-03-01',
        features: ['R_Elite', 'R_Performance', 'R_Creative', 'R_DiskCache', 'R_RemoteReader', 'R_S3Reader', 'R_AzureReader', 'R_Watermark', 'R_WebP', 'R4_SecureUrls', 'R4_Imageflow'],
        packages: ['ImageResizer 4', 'Imageflow Server'],
      }),
      serverSku({
        sku: 'ImageflowServerPro',
        name: 'Imageflow Server Pro',
        maxDomains: 5,
        licenseDuration: 365,
        releaseDate: daysFromNow(45), // upcoming: announced, not yet on sale
        features: ['R4_Imageflow', 'R4_SecureUrls', 'R_WebP', 'R_S3Reader', 'R_AzureReader'],
        packages: ['Imageflow Server'],
      }),
    ],
  };

  const northwind: DemoVendor = {
    name: 'Northwind Data Tools',
    street: '88 Harbour Street',
    city: 'Toronto',
    region: 'ON',
    postal: 'M5J 2L2',
    country: 'Canada',
    features: [
      { code: 'NW_SchemaCompare', description: 'Compare and synchronise database schemas' },
      { code: 'NW_DataCompare', description: 'Compare and synchronise table data' },
      { code: 'NW_CliAutomation', description: 'Command-line runner for CI pipelines' },
    ],
    packages: [
      {
        displayName: 'Northwind Compare',
        releases: [
          release('northwind.example', 'Northwind Compare', '2024.1', 0, '2024-01-22'),
          release('northwind.example', 'Northwind Compare', '2024.2', 0, '2024-07-08'),
          release('northwind.example', 'Northwind Compare', '2025.1-beta', 2, daysFromNow(-30)),
          release('northwind.example', 'Northwind Compare', '2025.1-rc2', 1, daysFromNow(-4)),
        ],
      },
    ],
    skus: [
      {
        sku: 'NWCompareStd',
        name: 'Northwind Compare Standard (per seat)',
        maxDomains: 0,
        licenseDuration: 365,
        subscriptionGraceDays: SUBSCRIPTION_GRACE_DAYS,
        editOwnershipDuration: 14,
        maxSupportContacts: 1,
        changeSupportContactsDuration: 30,
        autoDomainDuration: null,
        manualDomainDuration: null,
        canDeleteManualDomains: false,
        canDeleteAutoDomains: false,
        releaseDate: '2024-01-22',
        expirationDate: null,
        features: ['NW_SchemaCompare'],
        packages: ['Northwind Compare'],
      },
      {
        sku: 'NWComparePro',
        name: 'Northwind Compare Pro (per seat)',
        maxDomains: 0,
        licenseDuration: 365,
        subscriptionGraceDays: SUBSCRIPTION_GRACE_DAYS,
        editOwnershipDuration: 14,
        maxSupportContacts: 3,
        changeSupportContactsDuration: 30,
        autoDomainDuration: null,
        manualDomainDuration: null,
        canDeleteManualDomains: false,
        canDeleteAutoDomains: false,
        releaseDate: '2024-01-22',
        expirationDate: null,
        features: ['NW_SchemaCompare', 'NW_DataCompare', 'NW_CliAutomation'],
        packages: ['Northwind Compare'],
      },
    ],
  };

  const kestrel: DemoVendor = {
    name: 'Kestrel Type Foundry',
    street: 'Schönhauser Allee 36',
    city: 'Berlin',
    region: null,
    postal: '10435',
    country: 'Germany',
    features: [
      { code: 'KT_Webfont', description: 'Self-hosted web font files (WOFF2)' },
      { code: 'KT_Variable', description: 'Variable font axes' },
    ],
    packages: [], // fonts ship as files attached to the licence e-mail, not as releases
    skus: [
      serverSku({
        sku: 'KSansWeb',
        name: 'Kestrel Sans, web licence (2 sites)',
        maxDomains: 2,
        maxSupportContacts: 1,
        autoDomainDuration: null,
        canDeleteAutoDomains: false,
        releaseDate: '2022-04-11',
        features: ['KT_Webfont'],
        packages: [],
      }),
      serverSku({
        sku: 'KSansWebVariable',
        name: 'Kestrel Sans Variable, web licence (10 sites)',
        maxDomains: 10,
        maxSupportContacts: 1,
        autoDomainDuration: null,
        canDeleteAutoDomains: false,
        releaseDate: '2023-02-27',
        features: ['KT_Webfont', 'KT_Variable'],
        packages: [],
      }),
    ],
  };

  return [imazen, northwind, kestrel];
}
