import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'KeyHub';
export const DATABASE_FILE = 'keyhub.db';

/**
 * The per-user data folder when neither `--data` nor KEYHUB_DATA names one. It is the
 * folder Electron's `app.getPath('userData')` gives for an app named KeyHub, so the
 * desktop app, the CLI and the browser host share one store by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/** `--data` beats KEYHUB_DATA beats the per-user default. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.KEYHUB_DATA;
  return chosen ? path.resolve(chosen) : defaultDataDir();
}

/** The project root (where package.json is), found from this file whether bundled or not. */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'db'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`KeyHub could not find its install folder above ${from}.`);
    dir = parent;
  }
}

export function defaultMigrationsDir(): string {
  return path.join(projectRoot(), 'db', 'migrations');
}
