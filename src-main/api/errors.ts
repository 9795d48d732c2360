/**
 * The error envelope that crosses every host boundary. Errors never cross as thrown
 * objects (Electron's IPC strips their class and fields); they cross as data.
 */
export const ERROR_CODES = [
  'VALIDATION', // the input broke a rule; details.fields names each field and why
  'NOT_FOUND', // the object named does not exist
  'CONFLICT', // a unique rule (same SKU code twice for a vendor, …)
  'IN_USE', // integrity forbids it: other records depend on this one
  'UNKNOWN_METHOD', // no such API method
  'UNAUTHORIZED', // the caller did not prove who it is (browser host token)
  'FORBIDDEN', // the caller may not do this (wrong Host/Origin, …)
  'LOCKED', // signing keys are locked: unlock them with the passphrase first
  'WRONG_PASSPHRASE', // the passphrase does not open the keys; nothing changed
  'STORE_TOO_NEW', // the data file was written by a newer KeyHub
  'STORE_INVALID', // the data file is not a KeyHub store
  'INTERNAL', // a bug: the message says so and the log has the rest
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by domain code; turned into an envelope at the API boundary. */
export class KeyHubError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'KeyHubError';
    this.code = code;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const notFound = (what: string, id: unknown) =>
  new KeyHubError('NOT_FOUND', `${what} ${String(id)} does not exist.`, { id });

/** A field-level validation failure, shaped like the one zod failures produce. */
export const invalidField = (field: string, message: string) =>
  new KeyHubError('VALIDATION', message, { fields: { [field]: message } });
