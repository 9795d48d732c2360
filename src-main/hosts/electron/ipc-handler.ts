/**
 * The body of the one IPC channel: refuse callers that are not KeyHub's own page, then
 * hand the call to the shared API boundary. Always resolves to an envelope, because
 * whatever main throws reaches the renderer as a bare, classless Error.
 */
import { invoke, toErrorBody, type ApiContext, type Handlers } from '../../api/dispatch';
import type { Envelope } from '../../api/errors';

export interface InvokeHandlerInput {
  ctx: ApiContext;
  handlers: Handlers;
  /** Decides from the sending frame's URL (undefined when the frame is gone). */
  isAllowedSender: (frameUrl: string | undefined) => boolean;
}

export type InvokeHandler = (frameUrl: string | undefined, method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export function createInvokeHandler({ ctx, handlers, isAllowedSender }: InvokeHandlerInput): InvokeHandler {
  return async (frameUrl, method, input) => {
    if (!isAllowedSender(frameUrl)) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Only KeyHub’s own window may call KeyHub.',
          details: { sender: frameUrl ?? null },
        },
      };
    }
    try {
      return await invoke(ctx, handlers, method, input);
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  };
}
