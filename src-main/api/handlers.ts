/** The handler for every contract method. Hosts call these only through `invoke`. */
import type { Handlers } from './dispatch';
import { createVendor, deleteVendor, getVendor, listVendors, updateVendor } from '../domain/catalog/vendors';
import { createSku, deleteSku, getSku, listSkus, retireSku, updateSku } from '../domain/catalog/skus';
import { createFeature, deleteFeature, getFeature, listFeatures, updateFeature } from '../domain/catalog/features';
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
} from '../domain/catalog/packages';
import { appInfo } from './app-info';
import { deleteKey, generateKey, getKey, importKey, listKeys, renameKey } from '../domain/keys/keys';
import { backupKeys, restoreKeys } from '../domain/keys/backup';
import { startRotation } from '../domain/keys/rotation';
import { licenseFile, signOneLicense, startSignBatch } from '../domain/licenses/issue';

export const handlers: Handlers = {
  'app.info': (ctx) => appInfo(ctx),

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

  'vault.status': (ctx) => ctx.vault.status(ctx.store.db),
  'vault.setup': async (ctx, { passphrase, minutes }) => {
    await ctx.vault.setup(ctx.store.db, ctx.actor, passphrase, minutes);
    return ctx.vault.status(ctx.store.db);
  },
  'vault.unlock': async (ctx, { passphrase, minutes }) => {
    await ctx.vault.unlock(ctx.store.db, ctx.actor, passphrase, minutes);
    return ctx.vault.status(ctx.store.db);
  },
  'vault.lock': (ctx) => {
    ctx.vault.lock();
    return ctx.vault.status(ctx.store.db);
  },
  'vault.changePassphrase': async (ctx, { current, next }) => {
    await ctx.vault.changePassphrase(ctx.store.db, ctx.actor, current, next);
    return ctx.vault.status(ctx.store.db);
  },

  'key.list': (ctx, input) => listKeys(ctx.store.db, input),
  'key.get': (ctx, { id }) => getKey(ctx.store.db, id),
  'key.generate': (ctx, input) => generateKey(ctx.store.db, ctx.vault, ctx.actor, input),
  'key.import': (ctx, input) => importKey(ctx.store.db, ctx.vault, ctx.actor, input),
  'key.update': (ctx, input) => renameKey(ctx.store.db, ctx.actor, input),
  'key.delete': (ctx, { id }) => deleteKey(ctx.store.db, ctx.actor, id),
  'key.backup': (ctx, input) => backupKeys(ctx.store.db, ctx.vault, ctx.actor, input),
  'key.restore': (ctx, input) => restoreKeys(ctx.store.db, ctx.vault, ctx.actor, input),
  'key.rotate': (ctx, input) => startRotation(ctx, input),

  'license.sign': (ctx, input) => signOneLicense(ctx, input),
  'license.signBatch': (ctx, input) => startSignBatch(ctx, input),
  'license.file': (ctx, input) => licenseFile(ctx.store.db, input),

  'job.get': (ctx, { id }) => ctx.jobs.get(id),
};
