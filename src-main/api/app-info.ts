import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo } from './contract';
import type { ApiContext } from './dispatch';
import { projectRoot } from '../store/paths';

let version: string | undefined;

function packageVersion(): string {
  version ??= JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string;
  return version;
}

export function appInfo(ctx: ApiContext): AppInfo {
  return {
    name: 'KeyHub',
    version: packageVersion(),
    host: ctx.host,
    dataDir: ctx.store.dataDir,
    databasePath: ctx.store.databasePath,
    schemaVersion: ctx.store.schemaVersion,
  };
}
