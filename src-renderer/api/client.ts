/**
 * `api(method, input)`: the one way screens talk to KeyHub. Typed by the contract,
 * it returns the data or throws an ApiError that keeps the code and field messages.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { ApiErrorBody, ErrorCode } from '../../src-main/api/errors';
import { transport } from './transport';

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Field path -> message, from `details.fields` (e.g. `expirationDate`). */
  readonly fields: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details ?? {};
    this.fields = fieldsOf(this.details);
  }
}

function fieldsOf(details: Record<string, unknown>): Record<string, string> {
  const fields = details.fields;
  if (!fields || typeof fields !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

export async function api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await transport(method, input);
  if (envelope.ok) return envelope.data as MethodOutput<M>;
  throw new ApiError(envelope.error);
}

/** A message for anything a call can throw. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
