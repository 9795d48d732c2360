/**
 * The contract over HTTP: `POST /api/<method>` with the JSON input as the body; the
 * answer is always `invoke()`'s envelope. Only JSON bodies are parsed (a cross-site
 * HTML form can only send text/plain or form encodings), and only with the launch token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from '../../api/dispatch';
import { invoke } from '../../api/dispatch';
import { handlers } from '../../api/handlers';
import { checkToken } from './guards';
import { sendEnvelope, sendError } from './envelope-reply';

export const API_PREFIX = '/api/';

function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // An empty body means "no input", like `{}`.
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    parseJson(req, body as string, done);
  });
}

export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext, token: string): void {
  acceptJsonOnly(app);

  const requireToken = async (req: FastifyRequest, reply: FastifyReply) => {
    const refusal = checkToken(req.headers, token);
    if (refusal) return sendError(reply, refusal);
  };

  app.post(`${API_PREFIX}*`, { onRequest: requireToken }, async (req, reply) => {
    const method = (req.params as { '*': string })['*'];
    return sendEnvelope(reply, await invoke(ctx, handlers, method, req.body));
  });

  app.route({
    method: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
    url: `${API_PREFIX}*`,
    onRequest: requireToken,
    handler: (req, reply) =>
      sendError(
        reply.header('allow', 'POST'),
        { code: 'UNKNOWN_METHOD', message: `API methods are called with POST ${req.url.split('?')[0]}, not ${req.method}.` },
        405,
      ),
  });
}
