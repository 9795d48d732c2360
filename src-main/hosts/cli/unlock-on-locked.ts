/**
 * For calls that sign only sometimes (an import, a mapping, a retry): try the call as
 * is, and only when the API answers LOCKED unlock the keys (passphrase file,
 * environment or prompt, as every signing command) and call again. LOCKED is raised
 * before anything is written, so the second call does the whole work. A Stripe key kept
 * in the desktop app's OS keychain is LOCKED here for good (`sealing: 'os'`): no
 * passphrase opens it, so nothing is asked.
 */
import { ApiFailure } from './failures';
import { unlockKeys } from './passphrase';
import type { CliSession } from './session';

export async function unlockOnLocked<T>(session: CliSession, opts: object, json: boolean, call: () => Promise<T>, beforeUnlock?: () => void): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.body.code !== 'LOCKED' || error.body.details?.sealing === 'os') throw error;
    beforeUnlock?.();
    await unlockKeys(session, opts, { json });
    return call();
  }
}
