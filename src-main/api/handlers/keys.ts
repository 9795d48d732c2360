/** Handlers of the vault, signing-key, license-signing and job methods. */
import type { AreaHandlers } from '../dispatch';
import type { keyMethods } from '../methods/keys';
import { deleteKey, generateKey, getKey, importKey, listKeys, renameKey } from '../../domain/keys/keys';
import { backupKeys, restoreKeys } from '../../domain/keys/backup';
import { startRotation } from '../../domain/keys/rotation';
import { licenseFile, startSignBatch } from '../../domain/licenses/issue';

export const keyHandlers: AreaHandlers<typeof keyMethods> = {
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

  'license.signBatch': (ctx, input) => startSignBatch(ctx, input),
  'license.file': (ctx, input) => licenseFile(ctx.store.db, input),

  'job.get': (ctx, { id }) => ctx.jobs.get(id),
};
