/** The HTTP status each error code answers with; the envelope body carries the detail. */
import type { ErrorCode } from '../../api/errors';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  IN_USE: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  LOCKED: 423,
  WRONG_PASSPHRASE: 403,
  STORE_TOO_NEW: 500,
  STORE_INVALID: 500,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}
