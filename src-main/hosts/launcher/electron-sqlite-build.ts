/**
 * Makes sure an Electron build of better-sqlite3 exists before the launcher starts
 * Electron: reuses the cached one, or builds it once with node-gyp in a scratch copy of
 * node_modules/better-sqlite3, leaving node_modules itself (Node's build) untouched.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ELECTRON_HEADERS_URL,
  cachedDriverPath,
  driverNeedsBuild,
  driverSourceDir,
  driverVersions,
  nodeGypEnv,
  nodeGypRebuildArgs,
  nodeGypScript,
  type DriverVersions,
} from './electron-sqlite-driver';

export type RunCommand = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<number>;

/** Runs a command with its output on this terminal (the compiler's lines are the progress). */
const runInherited: RunCommand = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

export interface PrepareDriverOptions {
  root: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** How node-gyp is run; tests pass a stand-in. */
  run?: RunCommand;
}

function buildFailure(v: DriverVersions, why: string): Error {
  return new Error(
    `Could not build the SQLite driver (better-sqlite3 ${v.betterSqlite3}) for Electron ${v.electron}: ${why}.\n` +
      `The build needs Python and a C++ compiler (https://github.com/nodejs/node-gyp#installation) and, the first ` +
      `time, Electron's headers from ${ELECTRON_HEADERS_URL}, so it cannot work offline. ` +
      'node_modules was left as it was; fix the cause and start again. Meanwhile `npx keyhub serve` runs KeyHub in your browser.',
  );
}

/**
 * Copies all but build/ (Node's compiled driver, which `node-gyp rebuild` would delete
 * first) into the scratch folder. node_modules/better-sqlite3 may be a symlink (pnpm,
 * npm link): copy what it points to, and check the copy is a real folder inside scratch,
 * so the rebuild can never run in, and wipe, the driver the tests and the CLI use.
 */
function copySource(from: string, scratch: string): string {
  const source = realpathSync(from);
  const copy = path.join(scratch, 'better-sqlite3');
  cpSync(source, copy, { recursive: true, dereference: true, filter: (file) => path.relative(source, file) !== 'build' });
  const inScratch = path.relative(realpathSync(scratch), realpathSync(copy));
  if (lstatSync(copy).isSymbolicLink() || inScratch.startsWith('..') || path.isAbsolute(inScratch)) {
    throw new Error(`The copy of better-sqlite3 at ${copy} is not a folder of its own; not building there.`);
  }
  return copy;
}

/** Puts the file in place under a temporary name first, so the cache never holds half a driver. */
function installBuiltDriver(built: string, cached: string): void {
  mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  copyFileSync(built, partial);
  renameSync(partial, cached);
}

/** The path of an Electron build of better-sqlite3, building it first if there is none yet. */
export async function prepareElectronSqliteDriver({
  root,
  log = console.log,
  env = process.env,
  run = runInherited,
}: PrepareDriverOptions): Promise<string> {
  const versions = driverVersions(root);
  const cached = cachedDriverPath(root, versions);
  if (!driverNeedsBuild(cached)) return cached;

  const script = nodeGypScript(root, env);
  if (!script) throw buildFailure(versions, 'node-gyp is not installed (run `npm install`)');
  log(
    `Preparing KeyHub's SQLite driver for Electron ${versions.electron}: building better-sqlite3 ${versions.betterSqlite3} ` +
      `once (a minute or so); later starts reuse ${path.relative(root, cached)}.`,
  );
  const scratch = mkdtempSync(path.join(tmpdir(), 'keyhub-better-sqlite3-'));
  try {
    const source = copySource(driverSourceDir(root), scratch);
    let code: number;
    try {
      code = await run(process.execPath, nodeGypRebuildArgs(script, versions), { cwd: source, env: nodeGypEnv(env) });
    } catch (error) {
      throw buildFailure(versions, `node-gyp could not be run (${(error as Error).message})`);
    }
    if (code !== 0) throw buildFailure(versions, `node-gyp exited with code ${code} (its output is above)`);
    const built = path.join(source, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw buildFailure(versions, `node-gyp finished but wrote no ${path.relative(source, built)}`);
    installBuiltDriver(built, cached);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`The SQLite driver for Electron is ready: ${path.relative(root, cached)}`);
  return cached;
}
