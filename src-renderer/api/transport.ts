/**
 * How a call reaches the main process: the Electron preload bridge when it exists,
 * otherwise HTTP to the browser host. Both answer with the same envelope.
 */
import type { Envelope } from '../../src-main/api/errors';
import { markAccessRefused } from './access';
import { forgetToken, storedToken } from './token';

export type Transport = (method: string, input: unknown) => Promise<Envelope<unknown>>;

interface KeyHubBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
}

function preloadBridge(): KeyHubBridge | undefined {
  // Read, not declared globally: the preload owns the shape of `window.keyhub`.
  const bridge = (window as unknown as { keyhub?: Partial<KeyHubBridge> }).keyhub;
  return typeof bridge?.invoke === 'function' ? (bridge as KeyHubBridge) : undefined;
}

/** Errors the browser host answers without an envelope (a proxy page, a crash) still become envelopes. */
function envelopeForStatus(status: number): Envelope<unknown> {
  if (status === 401) {
    return {
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        message: 'This tab has no valid KeyHub token. Open the address KeyHub printed when it started.',
      },
    };
  }
  if (status === 403) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'KeyHub refused this request.' } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: `KeyHub answered with HTTP ${status}.` } };
}

/** A refused token is stale (KeyHub was started again) or missing: drop it, and let the shell say how to get back in. */
async function httpInvoke(method: string, input: unknown): Promise<Envelope<unknown>> {
  const token = storedToken();
  const envelope = await httpEnvelope(method, input, token);
  if (!envelope.ok && envelope.error.code === 'UNAUTHORIZED') {
    forgetToken(token);
    markAccessRefused();
  }
  return envelope;
}

async function httpEnvelope(method: string, input: unknown, token: string | null): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-KeyHub-Token': token ?? '' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'KeyHub is not answering. Is `keyhub serve` (or the KeyHub app) still running?',
      },
    };
  }
  try {
    const body = (await response.json()) as Envelope<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // Not JSON: fall through to the status.
  }
  return envelopeForStatus(response.status);
}

export const transport: Transport = (method, input) => {
  const bridge = preloadBridge();
  return bridge ? bridge.invoke(method, input) : httpInvoke(method, input);
};
