/** Sends an API envelope with the HTTP status its error code maps to. */
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody, Envelope } from '../../api/errors';
import { httpStatusFor } from './http-status';

export function sendEnvelope(reply: FastifyReply, envelope: Envelope<unknown>, status?: number): FastifyReply {
  return reply
    .code(status ?? (envelope.ok ? 200 : httpStatusFor(envelope.error.code)))
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(envelope);
}

export function sendError(reply: FastifyReply, error: ApiErrorBody, status?: number): FastifyReply {
  return sendEnvelope(reply, { ok: false, error }, status);
}
