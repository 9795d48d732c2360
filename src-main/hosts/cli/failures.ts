/** The two ways a CLI command fails, and the exit code each gives. */
import type { ApiErrorBody } from '../../api/errors';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The API (or the store) refused: the envelope's error, exit 1. */
export class ApiFailure extends Error {
  readonly exitCode = EXIT_FAILED;
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

/** The command line itself is wrong or incomplete: exit 2. */
export class UsageFailure extends Error {
  readonly exitCode = EXIT_USAGE;
}
