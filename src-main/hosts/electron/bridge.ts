/**
 * The shape of `window.keyhub`, the only thing the preload exposes to the renderer.
 * Types and two constants only (no electron, no zod at run time), so the renderer, the
 * preload and the main process can all import it.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract';
import type { Envelope } from '../../api/errors';

/** The single IPC channel; main answers it with `invoke` from api/dispatch. */
export const INVOKE_CHANNEL = 'keyhub:invoke';

/** The global name the preload exposes the bridge under: `window.keyhub`. */
export const BRIDGE_KEY = 'keyhub';

export interface KeyHubBridge {
  /** Calls one contract method in the main process. Never rejects: failures are envelopes. */
  invoke<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<Envelope<MethodOutput<M>>>;
  /** Every method the contract has, as the preload was built with. */
  readonly methods: readonly MethodName[];
}

declare global {
  interface Window {
    /** Present only inside the Electron app; the browser host talks HTTP instead. */
    keyhub?: KeyHubBridge;
  }
}
