/**
 * Stripe calls that need the signing keys (the key is sealed with their passphrase, a
 * purchase must be signed): try the call, and only when it answers LOCKED for the vault
 * unlock the keys and call again. A key kept in the desktop app's OS keychain is LOCKED
 * here for good: no passphrase opens it, so nothing is asked.
 */
import { ApiFailure } from './failures';
import { unlockKeys } from './passphrase';
import type { CliSession } from './session';

export async function unlockForStripe<T>(session: CliSession, opts: object, json: boolean, call: () => Promise<T>, beforeUnlock?: () => void): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.body.code !== 'LOCKED' || error.body.details?.sealing === 'os') throw error;
    beforeUnlock?.();
    await unlockKeys(session, opts, { json });
    return call();
  }
}
