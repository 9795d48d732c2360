/**
 * Wraps a command's work: opens a session on the chosen data folder, prints the result
 * for people or as JSON (`--json`), and turns failures into a message and an exit code.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../../store/paths';
import { KeyHubError, type ApiErrorBody } from '../../api/errors';
import { ApiFailure, EXIT_FAILED, UsageFailure } from './failures';
import type { CliSession } from './session';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

export interface Outcome {
  /** What `--json` prints: the envelope's data. */
  data: unknown;
  /** What people see. */
  human: string;
  /** Exit with this code even though the command ran (e.g. `verify` on a file that is not valid). */
  exitCode?: number;
}

export interface ActionScope<O> {
  /** Positional arguments, as commander parsed them. */
  args: unknown[];
  opts: O & GlobalOptions;
  session: CliSession;
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function fieldLines(body: ApiErrorBody, flags: Record<string, string>): string[] {
  const fields = (body.details?.fields ?? {}) as Record<string, string>;
  const entries = Object.entries(fields);
  // One message for one or more fields: one line naming the options concerned.
  if (entries.length > 0 && entries.every(([, message]) => message === body.message)) {
    const named = entries.map(([field]) => flags[field]).filter((flag) => flag !== undefined);
    return named.length ? [`keyhub: ${body.message} (${named.join(', ')})`] : [`keyhub: ${body.message}`];
  }
  // A batch row's message names its line ("Line 4: …") and stands alone.
  const line = ([field, message]: [string, string]) =>
    /^rows\.\d+$/.test(field) && /^Line \d+: /.test(message) ? `  ${message}` : `  ${flags[field] ?? field}: ${message}`;
  return [`keyhub: ${body.message}`, ...entries.map(line)];
}

export function reportFailure(error: unknown, json: boolean, flags: Record<string, string> = {}): void {
  const usage = error instanceof UsageFailure;
  const body: ApiErrorBody =
    error instanceof ApiFailure
      ? error.body
      : error instanceof KeyHubError
        ? error.toBody()
        : // USAGE is the CLI's own code, beside the API's: the command line was wrong, not the data.
          { code: usage ? ('USAGE' as ApiErrorBody['code']) : 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  process.exitCode = usage ? (error as UsageFailure).exitCode : EXIT_FAILED;
  if (json) printJson({ ok: false, error: body });
  else process.stderr.write(`${(usage ? [`keyhub: ${body.message}`] : fieldLines(body, flags)).join('\n')}\n`);
}

/** Builds a commander action handler; `flags` maps API fields to the options that fill them. */
export function action<O>(run: (scope: ActionScope<O>) => Promise<Outcome>, flags: Record<string, string> = {}) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const opts = command.optsWithGlobals() as O & GlobalOptions;
    const json = Boolean(opts.json);
    // Loaded on demand, so --help and usage errors never pay for the store and the domain.
    const { CliSession } = await import('./session');
    const session = new CliSession(resolveDataDir(opts.data));
    try {
      printOutcome(await run({ args: params.slice(0, -2), opts, session, json }), json);
    } catch (error) {
      reportFailure(error, json, flags);
    } finally {
      session.close();
    }
  };
}

/** Like action(), for commands that never touch a store (`keyhub verify`): no session, no store code loaded. */
export function storelessAction<O>(run: (scope: Omit<ActionScope<O>, 'session'>) => Promise<Outcome>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const opts = command.optsWithGlobals() as O & GlobalOptions;
    const json = Boolean(opts.json);
    try {
      printOutcome(await run({ args: params.slice(0, -2), opts, json }), json);
    } catch (error) {
      reportFailure(error, json);
    }
  };
}

function printOutcome(outcome: Outcome, json: boolean): void {
  if (json) {
    if (outcome.data !== undefined) printJson(outcome.data);
  } else if (outcome.human) process.stdout.write(`${outcome.human}\n`);
  if (outcome.exitCode !== undefined) process.exitCode = outcome.exitCode;
}

/** Deleting never asks on the CLI; it needs `--yes` instead. */
export function requireYes(opts: { yes?: boolean }, what: string): void {
  if (!opts.yes) throw new UsageFailure(`add --yes to delete ${what}`);
}
