/** Handlers of the catalog's methods. */
import type { AreaHandlers } from '../dispatch';
import type { catalogMethods } from '../methods/catalog';
import { createVendor, deleteVendor, getVendor, listVendors, updateVendor } from '../../domain/catalog/vendors';
import { createSku, deleteSku, getSku, listSkus, retireSku, updateSku } from '../../domain/catalog/skus';
import { createFeature, deleteFeature, getFeature, listFeatures, updateFeature } from '../../domain/catalog/features';
import {
  createPackage,
  createRelease,
  deletePackage,
  deleteRelease,
  getPackage,
  getRelease,
  listPackages,
  updatePackage,
  updateRelease,
} from '../../domain/catalog/packages';

export const catalogHandlers: AreaHandlers<typeof catalogMethods> = {
  'vendor.list': (ctx, input) => listVendors(ctx.store.db, input),
  'vendor.get': (ctx, { id }) => getVendor(ctx.store.db, id),
  'vendor.create': (ctx, input) => createVendor(ctx.store.db, ctx.actor, input),
  'vendor.update': (ctx, input) => updateVendor(ctx.store.db, ctx.actor, input),
  'vendor.delete': (ctx, { id }) => deleteVendor(ctx.store.db, ctx.actor, id),

  'sku.list': (ctx, input) => listSkus(ctx.store.db, input),
  'sku.get': (ctx, { id }) => getSku(ctx.store.db, id),
  'sku.create': (ctx, input) => createSku(ctx.store.db, ctx.actor, input),
  'sku.update': (ctx, input) => updateSku(ctx.store.db, ctx.actor, input),
  'sku.retire': (ctx, input) => retireSku(ctx.store.db, ctx.actor, input),
  'sku.delete': (ctx, { id }) => deleteSku(ctx.store.db, ctx.actor, id),

  'feature.list': (ctx, input) => listFeatures(ctx.store.db, input),
  'feature.get': (ctx, { id }) => getFeature(ctx.store.db, id),
  'feature.create': (ctx, input) => createFeature(ctx.store.db, ctx.actor, input),
  'feature.update': (ctx, input) => updateFeature(ctx.store.db, ctx.actor, input),
  'feature.delete': (ctx, { id }) => deleteFeature(ctx.store.db, ctx.actor, id),

  'package.list': (ctx, input) => listPackages(ctx.store.db, input),
  'package.get': (ctx, { id }) => getPackage(ctx.store.db, id),
  'package.create': (ctx, input) => createPackage(ctx.store.db, ctx.actor, input),
  'package.update': (ctx, input) => updatePackage(ctx.store.db, ctx.actor, input),
  'package.delete': (ctx, { id }) => deletePackage(ctx.store.db, ctx.actor, id),

  'release.get': (ctx, { id }) => getRelease(ctx.store.db, id),
  'release.create': (ctx, input) => createRelease(ctx.store.db, ctx.actor, input),
  'release.update': (ctx, input) => updateRelease(ctx.store.db, ctx.actor, input),
  'release.delete': (ctx, { id }) => deleteRelease(ctx.store.db, ctx.actor, id),
};
