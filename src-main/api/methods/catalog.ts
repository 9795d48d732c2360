/** The catalog's methods: vendors, SKUs, features, packages and releases. */
import * as s from '../schemas';
import type {
  Deleted,
  Feature,
  FeatureDetail,
  FeatureRow,
  PackageDetail,
  PackageRow,
  Page,
  Release,
  SkuDetail,
  SkuRow,
  Vendor,
  VendorDetail,
  VendorRow,
} from '../../domain/catalog/types';
import { command, query } from './define';

export const catalogMethods = {
  'vendor.list': query<typeof s.vendorList, Page<VendorRow>>(s.vendorList),
  'vendor.get': query<typeof s.byId, VendorDetail>(s.byId),
  'vendor.create': command<typeof s.vendorFields, Vendor>(s.vendorFields),
  'vendor.update': command<typeof s.vendorUpdate, Vendor>(s.vendorUpdate),
  'vendor.delete': command<typeof s.byId, Deleted>(s.byId),

  'sku.list': query<typeof s.skuList, Page<SkuRow>>(s.skuList),
  'sku.get': query<typeof s.byId, SkuDetail>(s.byId),
  'sku.create': command<typeof s.skuFields, SkuDetail>(s.skuFields),
  'sku.update': command<typeof s.skuUpdate, SkuDetail>(s.skuUpdate),
  'sku.retire': command<typeof s.skuRetire, SkuDetail>(s.skuRetire),
  'sku.delete': command<typeof s.byId, Deleted>(s.byId),

  'feature.list': query<typeof s.featureList, Page<FeatureRow>>(s.featureList),
  'feature.get': query<typeof s.byId, FeatureDetail>(s.byId),
  'feature.create': command<typeof s.featureFields, Feature>(s.featureFields),
  'feature.update': command<typeof s.featureUpdate, Feature>(s.featureUpdate),
  'feature.delete': command<typeof s.byId, Deleted>(s.byId),

  'package.list': query<typeof s.packageList, Page<PackageRow>>(s.packageList),
  'package.get': query<typeof s.byId, PackageDetail>(s.byId),
  'package.create': command<typeof s.packageFields, PackageDetail>(s.packageFields),
  'package.update': command<typeof s.packageUpdate, PackageDetail>(s.packageUpdate),
  'package.delete': command<typeof s.byId, Deleted>(s.byId),

  'release.get': query<typeof s.byId, Release>(s.byId),
  'release.create': command<typeof s.releaseFields, Release>(s.releaseFields),
  'release.update': command<typeof s.releaseUpdate, Release>(s.releaseUpdate),
  'release.delete': command<typeof s.byId, Deleted>(s.byId),
} as const;
