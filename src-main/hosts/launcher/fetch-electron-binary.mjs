#!/usr/bin/env node
/**
 * postinstall: try to download Electron's binary, and never fail the install over it.
 *
 * npm is told not to run electron's own install script (package.json allowScripts),
 * because on a machine without internet it fails and takes `npm install` down with it.
 * Here the same script runs, and a failure only means KeyHub starts in the browser
 * instead (`npm start` says so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installer;
try {
  installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // electron is not installed (e.g. npm ci --omit=dev): nothing to do
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(installer)) process.exit(0);

const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), encoding: 'utf8', timeout: 300_000 });
if (result.status === 0) {
  console.log('KeyHub: Electron is installed; `npm start` opens the desktop app.');
} else {
  const reason = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').find((line) => line.trim()) ?? 'unknown error';
  console.log(
    `KeyHub: Electron's binary could not be downloaded (${reason.trim()}).\n` +
      '  `npm start` will serve KeyHub to your browser instead. To get the desktop app later,\n' +
      '  run `npm run postinstall` on a machine that can reach Electron\'s downloads.',
  );
}
