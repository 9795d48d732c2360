/** Turns fastify's own request failures (body too large, bad JSON, …) into envelopes. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './envelope-reply';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export function requestErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // 413 is the honest status; the code stays VALIDATION, like every other input refusal.
      return sendError(
        reply,
        { code: 'VALIDATION', message: `The request body is larger than KeyHub's limit of ${BODY_LIMIT_BYTES / 1024 / 1024} MiB.` },
        413,
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, { code: 'VALIDATION', message: 'The request body is not valid JSON.', details: { reason: error.message } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, {
        code: 'VALIDATION',
        message: `KeyHub's API takes JSON: send the body as application/json (got ${JSON.stringify(req.headers['content-type'] ?? null)}).`,
      });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return sendError(reply, { code: 'VALIDATION', message: `KeyHub could not read the request: ${error.message}` }, status);
  }
  console.error('[keyhub web] request failed:', error);
  return sendError(reply, { code: 'INTERNAL', message: `KeyHub hit an unexpected error: ${error.message}` });
}
