/**
 * Builds the bridge object the preload exposes. Kept apart from preload.ts (which
 * needs electron) so its refusals can be tested on plain Node.
 */
import type { MethodName } from '../../api/contract';
import type { Envelope } from '../../api/errors';
import type { KeyHubBridge } from './bridge';

/** Sends one call to the main process; in the preload this is `ipcRenderer.invoke`. */
export type SendToMain = (method: MethodName, input: unknown) => Promise<unknown>;

export function createBridge(methods: readonly MethodName[], send: SendToMain): KeyHubBridge {
  const known = new Set<string>(methods);
  const invoke = async (method: unknown, input?: unknown): Promise<Envelope<unknown>> => {
    // Refused here too, so a typo never reaches the main process at all.
    if (typeof method !== 'string' || !known.has(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `KeyHub has no method named ${JSON.stringify(method)}.` },
      };
    }
    try {
      return (await send(method as MethodName, input)) as Envelope<unknown>;
    } catch (error) {
      // ipcRenderer.invoke rejects when the input cannot be cloned (functions, DOM
      // nodes) or main is gone; the renderer still gets an envelope, never a throw.
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `KeyHub could not deliver ${method} to the main process: ${
            error instanceof Error ? error.message : String(error)
          }`,
        },
      };
    }
  };
  return { invoke: invoke as KeyHubBridge['invoke'], methods: Object.freeze([...methods]) };
}
