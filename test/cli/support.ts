/** Runs the real `keyhub` CLI (bin.mjs) as a child process against a temp data folder. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'src-main', 'hosts', 'cli', 'bin.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'keyhub-cli-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface CliOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the command's stdin, which is then closed. */
  input?: string;
}

/** `keyhub ...args`; with `dataDir`, `--data DIR` comes first, as a user would type it. */
export function keyhub(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const argv = [BIN, ...(options.dataDir ? ['--data', options.dataDir] : []), ...args];
  // CI=true: never open a browser. No KEYHUB_DATA and a scratch XDG_CONFIG_HOME: never touch the user's own store.
  const env = { ...process.env, CI: 'true', KEYHUB_DATA: '', XDG_CONFIG_HOME: path.join(tmpdir(), 'keyhub-cli-tests-home'), ...options.env };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, argv, { cwd: ROOT, env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs with --json and parses stdout. */
export async function keyhubJson<T = unknown>(args: string[], options: CliOptions = {}): Promise<CliResult & { json: T }> {
  const result = await keyhub([...args, '--json'], options);
  let json: T;
  try {
    json = JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`keyhub ${args.join(' ')} --json printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { ...result, json };
}
