/**
 * The plan for better-sqlite3 under Electron, without touching anything: which Electron
 * and driver versions are installed, where their Electron build is cached, whether it
 * must be built, and the node-gyp command line and environment that build it.
 *
 * Why a separate build: node_modules/better-sqlite3 is compiled for Node's ABI, which the
 * tests and the CLI need; Electron has its own ABI. Rebuilding node_modules in place
 * (electron-builder install-app-deps) breaks one side for the other; a cached copy serves both.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SQLITE_BINDING_ENV } from '../electron/dev-sqlite-binding';

/** Where node-gyp fetches Electron's headers (Electron's docs, "Using Native Node Modules"). */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export interface DriverVersions {
  electron: string;
  betterSqlite3: string;
  platform: NodeJS.Platform;
  arch: string;
}

type ReadText = (file: string) => string;
const readText: ReadText = (file) => readFileSync(file, 'utf8');

function packageVersion(root: string, name: string, read: ReadText): string {
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  const version = (JSON.parse(read(manifest)) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${manifest} names no version.`);
  return version;
}

export function driverVersions(root: string, read: ReadText = readText): DriverVersions {
  return {
    electron: packageVersion(root, 'electron', read),
    betterSqlite3: packageVersion(root, 'better-sqlite3', read),
    platform: process.platform,
    arch: process.arch,
  };
}

/** The folder better-sqlite3 is built from (copied elsewhere first: its build/ is Node's). */
export function driverSourceDir(root: string): string {
  return path.join(root, 'node_modules', 'better-sqlite3');
}

/**
 * The cached Electron build. Keyed on both versions, platform and architecture: a new
 * Electron changes the ABI, and a new better-sqlite3 changes the JavaScript that calls the
 * driver, so either upgrade builds afresh instead of loading a mismatched file.
 */
export function cachedDriverPath(root: string, v: DriverVersions): string {
  const folder = `better-sqlite3-${v.betterSqlite3}-electron-${v.electron}-${v.platform}-${v.arch}`;
  return path.join(root, 'node_modules', '.cache', 'keyhub', folder, 'better_sqlite3.node');
}

/** Built once: the file is only ever put in place whole (see installBuiltDriver), so being there means done. */
export function driverNeedsBuild(cachedPath: string, exists: (file: string) => boolean = existsSync): boolean {
  return !exists(cachedPath);
}

/**
 * node-gyp's script: the project's own (installed with @electron/rebuild, which
 * electron-builder depends on), else the one npm ships and names to scripts it runs.
 * Run with this Node, like electron-vite: no shell, no npx fetching from the network.
 */
export function nodeGypScript(root: string, env: NodeJS.ProcessEnv, exists: (file: string) => boolean = existsSync): string | undefined {
  const candidates = [path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), env.npm_config_node_gyp];
  return candidates.find((file): file is string => Boolean(file) && exists(file as string));
}

/** `node-gyp rebuild` against Electron's headers, for this machine's architecture. */
export function nodeGypRebuildArgs(script: string, v: DriverVersions): string[] {
  return [script, 'rebuild', '--release', `--target=${v.electron}`, `--arch=${v.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`, '--jobs=max'];
}

/**
 * node-gyp also reads its options from npm's environment (npm_config_*, and
 * npm_package_config_node_gyp_*), and those win over the command line. Under `npm start`
 * a user's `nodedir=/usr` in .npmrc would build against Node's headers instead of
 * Electron's, so the options this build sets itself are dropped from its environment.
 */
const OPTIONS_WE_SET = new Set(['nodedir', 'target', 'arch', 'dist-url', 'disturl', 'tarball', 'debug', 'runtime']);

export function nodeGypEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const option = key.match(/^npm_(?:package_config_node_gyp|config)_(.+)$/i)?.[1];
    if (option && OPTIONS_WE_SET.has(option.replaceAll('_', '-').toLowerCase())) continue;
    kept[key] = value;
  }
  return kept;
}

/** The environment for electron-vite, which Electron inherits: it names the driver to load. */
export function withSqliteBinding(env: NodeJS.ProcessEnv, driverPath: string): NodeJS.ProcessEnv {
  return { ...env, [SQLITE_BINDING_ENV]: driverPath };
}
