/**
 * Serves the built React UI. The UI routes by URL hash, so any extension-less GET falls
 * back to index.html; a missing asset (with an extension) is a plain 404 rather than
 * HTML under a script's name.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildMissingPage } from './build-missing-page';
import { sendError } from './envelope-reply';

export function uiIsBuilt(staticDir: string): boolean {
  return existsSync(path.join(staticDir, 'index.html'));
}

function looksLikeAsset(urlPath: string): boolean {
  return path.posix.extname(urlPath) !== '';
}

export async function registerUiRoutes(app: FastifyInstance, staticDir: string): Promise<void> {
  const built = uiIsBuilt(staticDir);
  if (built) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: true, index: ['index.html'] });
  } else {
    app.get('/*', (_req, reply) => reply.code(503).type('text/html; charset=utf-8').send(buildMissingPage(staticDir)));
  }

  app.setNotFoundHandler((req, reply) => {
    const urlPath = req.url.split('?')[0];
    if (built && (req.method === 'GET' || req.method === 'HEAD') && !looksLikeAsset(urlPath)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, { code: 'NOT_FOUND', message: `Nothing here: ${req.method} ${urlPath}.` });
  });
}
