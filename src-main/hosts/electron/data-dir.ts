/** Which data folder the desktop app opens: `--data DIR` beats KEYHUB_DATA beats userData. */
import path from 'node:path';

export class DataDirArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirArgumentError';
  }
}

/**
 * The value of `--data DIR` or `--data=DIR` in a command line, or undefined. Chromium
 * and Electron put their own switches in argv too; only `--data` is ours.
 */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith('--data=')) {
      const value = arg.slice('--data='.length);
      if (!value) throw new DataDirArgumentError('--data needs a folder, as in --data=/path/to/folder.');
      return value;
    }
    if (arg === '--data') {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) {
        throw new DataDirArgumentError('--data needs a folder, as in --data /path/to/folder.');
      }
      return value;
    }
  }
  return undefined;
}

export interface DataDirInput {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Electron's app.getPath('userData'): the per-user default. */
  userData: string;
  /** Relative `--data`/KEYHUB_DATA values are taken from here. */
  cwd: string;
}

export function chooseDataDir({ argv, env, userData, cwd }: DataDirInput): string {
  const chosen = dataDirArgument(argv) || env.KEYHUB_DATA;
  return chosen ? path.resolve(cwd, chosen) : userData;
}
