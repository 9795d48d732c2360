/**
 * The browser host: serves the built React UI and the API contract over HTTP on
 * 127.0.0.1, to the page it opened and nobody else (see guards.ts for why).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApiContext } from '../../api/dispatch';
import { scheduleDomainRenewals } from '../renewal-schedule';
import { scheduleStripeSync } from '../sync-schedule';
import type { VaultOptions } from '../../domain/keys/vault';
import { openStore, type Store } from '../../store/open';
import { projectRoot } from '../../store/paths';
import { registerApiRoutes } from './api-routes';
import { sendError } from './envelope-reply';
import { checkHost, checkOrigin, isPageNavigation } from './guards';
import { BODY_LIMIT_BYTES, requestErrorHandler } from './request-errors';
import { SECURITY_HEADERS } from './security-headers';
import { registerUiRoutes } from './ui-routes';

export const LOOPBACK = '127.0.0.1';

export interface WebHostOptions {
  dataDir: string;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The built React UI; defaults to <projectRoot>/out/renderer. */
  staticDir?: string;
  /** The per-launch secret; defaults to 32 random bytes, base64url. */
  token?: string;
  /** Who the audit log names for changes made through this host. */
  actor?: string;
  migrationsDir?: string;
  /** Key vault options (tests lower the KDF cost). */
  vault?: VaultOptions;
  /** How often automatic domain licenses are renewed while the keys are unlocked. */
  renewalEveryMs?: number;
  /** How often the Stripe sync schedule checks whether a sync is due. */
  syncCheckEveryMs?: number;
}

export interface WebHost {
  /** The address to open: `http://127.0.0.1:PORT/#token=TOKEN`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export function defaultStaticDir(): string {
  return path.join(projectRoot(), 'out', 'renderer');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function addGuards(app: FastifyInstance, portOf: () => number): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    const port = portOf();
    const refusal =
      checkHost(req.headers, port) ?? (isPageNavigation(req.method, req.url, req.headers) ? null : checkOrigin(req.headers, port));
    if (refusal) return sendError(reply, refusal);
  });
  // Preflights get an answer that grants nothing: no Access-Control-* header, ever.
  app.options('*', (_req, reply) => reply.code(204).header('allow', 'GET, HEAD, POST').send());
}

async function listenOnLoopback(app: FastifyInstance, port: number): Promise<number> {
  try {
    await app.listen({ host: LOOPBACK, port });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} on ${LOOPBACK} is already in use. Choose another with --port N (0 picks a free one).`);
    }
    throw error;
  }
  return (app.server.address() as AddressInfo).port;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const store: Store = openStore({ dataDir: opts.dataDir, migrationsDir: opts.migrationsDir });
  const ctx = createApiContext(store, opts.actor ?? 'browser', 'web', opts.vault);
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  let port = 0;

  try {
    addGuards(app, () => port);
    app.setErrorHandler(requestErrorHandler);
    registerApiRoutes(app, ctx, token);
    await registerUiRoutes(app, opts.staticDir ?? defaultStaticDir());
    port = await listenOnLoopback(app, opts.port ?? 0);
  } catch (error) {
    await app.close().catch(() => undefined);
    store.close();
    throw error;
  }

  const stopRenewals = scheduleDomainRenewals(ctx, opts.renewalEveryMs);
  const stopSyncSchedule = scheduleStripeSync(ctx, opts.syncCheckEveryMs);
  const origin = `http://${LOOPBACK}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    dataDir: store.dataDir,
    close: () =>
      (closing ??= app
        .close()
        .then(() => stopSyncSchedule())
        .finally(() => {
          stopRenewals();
          ctx.vault.lock();
          store.close();
        })),
  };
}
