/**
 * The API boundary shared by every host: looks the method up, validates the input
 * against the contract, runs the handler, and always answers with an envelope.
 */
import { z } from 'zod';
import {
  contract,
  isMethodName,
  type AppInfo,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from './contract';
import { KeyHubError, type Envelope } from './errors';
import type { Store } from '../store/open';
import { KeyVault, type VaultOptions } from '../domain/keys/vault';
import { JobRegistry } from '../domain/jobs/jobs';

/**
 * The operating system's secret store (Electron's safeStorage on the desktop): encrypts
 * with a key the OS keeps for this user. Hosts that have one pass it in; domain code
 * never imports electron.
 */
export interface OsKeychain {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface ApiContext {
  store: Store;
  /** Who is acting, for the audit log: "desktop", "cli", "browser", a user's name. */
  actor: string;
  host: AppInfo['host'];
  /** The signing keys' unlock state; one per store and process. */
  vault: KeyVault;
  /** Long work in progress (rotation, batch signing, a sync). */
  jobs: JobRegistry;
  /** The OS keychain, where the host has one (the desktop app). */
  osKeychain?: OsKeychain;
}

export interface ContextOptions {
  osKeychain?: OsKeychain;
}

/** A host's context: one vault and one job list for the life of the host. */
export function createApiContext(store: Store, actor: string, host: AppInfo['host'], vault: VaultOptions = {}, options: ContextOptions = {}): ApiContext {
  return { store, actor, host, vault: new KeyVault(vault), jobs: new JobRegistry(), ...(options.osKeychain && { osKeychain: options.osKeychain }) };
}

export type Handler<M extends MethodName> = (
  ctx: ApiContext,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** One area's handlers: exactly the methods that area declares. */
export type AreaHandlers<Methods> = { [M in keyof Methods & MethodName]: Handler<M> };

/** Turns zod issues into `{fields: {"path.to.field": "message"}}` and one sentence. */
export function validationError(error: z.ZodError): KeyHubError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const messages = Object.values(fields);
  const message =
    messages.length === 1 ? messages[0] : `${messages.length} fields need attention: ${messages.join(' ')}`;
  return new KeyHubError('VALIDATION', message, { fields });
}

/** Last-resort mapping of SQLite's refusals, for rules the domain did not word first. */
export function fromSqliteError(error: unknown): KeyHubError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const raw = String((error as Error).message);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new KeyHubError('CONFLICT', 'That already exists.', { sqlite: raw });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new KeyHubError('IN_USE', 'Other records depend on this one, or it names one that does not exist.', {
      sqlite: raw,
    });
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return new KeyHubError('VALIDATION', `The store refused a value: ${raw}`, { sqlite: raw });
  }
  if (code === 'SQLITE_BUSY') {
    return new KeyHubError('INTERNAL', 'The data file is busy (another KeyHub is writing). Try again.', {
      sqlite: raw,
    });
  }
  return null;
}

export function toErrorBody(error: unknown) {
  if (error instanceof KeyHubError) return error.toBody();
  if (error instanceof z.ZodError) return validationError(error).toBody();
  const mapped = fromSqliteError(error);
  if (mapped) return mapped.toBody();
  return new KeyHubError(
    'INTERNAL',
    `KeyHub hit an unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  ).toBody();
}

export async function invoke(
  ctx: ApiContext,
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `KeyHub has no method named ${JSON.stringify(method)}.` },
    };
  }
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() };
  try {
    const handler = handlers[method] as Handler<typeof method>;
    const data = await handler(ctx, parsed.data as never);
    return { ok: true, data };
  } catch (error) {
    const body = toErrorBody(error);
    if (body.code === 'INTERNAL') console.error(`[keyhub] ${method} failed:`, error);
    return { ok: false, error: body };
  }
}
