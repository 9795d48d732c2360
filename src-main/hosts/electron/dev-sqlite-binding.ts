/**
 * Which better-sqlite3 driver the Electron app loads. node_modules holds one compiled for
 * Node (the tests and the CLI need it); an unpackaged app is started by the launcher,
 * which builds an Electron copy once and names it in KEYHUB_SQLITE_BINDING. Installers
 * rebuild node_modules for Electron themselves, so a packaged app ignores the variable.
 */
import { existsSync } from 'node:fs';

/** The environment variable the launcher sets to the Electron build of better-sqlite3. */
export const SQLITE_BINDING_ENV = 'KEYHUB_SQLITE_BINDING';

export interface DevSqliteBindingInput {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
}

/** The driver to pass to openStore as nativeBinding, or undefined for better-sqlite3's own. */
export function devSqliteBinding({ isPackaged, env, exists = existsSync }: DevSqliteBindingInput): string | undefined {
  if (isPackaged) return undefined;
  const binding = env[SQLITE_BINDING_ENV];
  // A stale path (cache cleared) falls back to the default driver, whose failure dialog says what to run.
  return binding && exists(binding) ? binding : undefined;
}
