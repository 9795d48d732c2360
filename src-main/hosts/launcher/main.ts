/**
 * `npm start`: the Electron app where its binary is installed; otherwise the same
 * catalog in the browser (`keyhub serve`), saying why. `npm run dev` (`--dev`): Electron
 * with hot reload, or the browser host rebuilding the UI on every change. `--demo` fills
 * an empty data folder with the sample catalog first; `--data DIR` and `--port N` pass through.
 */
import { createApiContext } from '../../api/dispatch';
import { describeDemo, loadDemo, vendorCount } from '../../domain/demo';
import { openStore } from '../../store/open';
import { projectRoot, resolveDataDir } from '../../store/paths';
import { serveInForeground } from '../web/foreground';
import { buildApp, rendererBuildState, runElectronVite } from './renderer-build';
import { electronBinary } from './electron-binary';
import { prepareElectronSqliteDriver } from './electron-sqlite-build';
import { withSqliteBinding } from './electron-sqlite-driver';
import { parseLauncherArgs } from './args';
import { browserFallbackNotice, planLaunch } from './launch-plan';
import type { RendererWatch } from './renderer-watch';

async function loadDemoIfEmpty(dataDir: string): Promise<void> {
  const store = openStore({ dataDir });
  try {
    const ctx = createApiContext(store, 'demo', 'cli');
    if ((await vendorCount(ctx)) > 0) {
      console.log(`--demo: ${dataDir} already holds a catalog, so the sample was not loaded.`);
      return;
    }
    const s = await loadDemo(ctx);
    console.log([`--demo: loaded the sample data into ${dataDir}:`, ...describeDemo(s)].join('\n'));
  } finally {
    store.close();
  }
}

/** Builds out/ when the UI sources are newer than it (npm start's browser fallback). */
async function buildUiIfStale(root: string): Promise<void> {
  const build = rendererBuildState(root);
  if (!build.current) {
    console.log(`Building the UI first: ${build.reason}.`);
    await buildApp(root);
  }
}

async function main(): Promise<number> {
  const args = parseLauncherArgs(process.argv.slice(2));
  const root = projectRoot();
  const dataDir = resolveDataDir(args.data);
  if (args.demo) await loadDemoIfEmpty(dataDir);

  const plan = planLaunch(args, electronBinary(), dataDir);
  if (plan.host === 'electron') {
    // node_modules' better-sqlite3 is built for Node; Electron loads its own build, named in the environment.
    const driver = await prepareElectronSqliteDriver({ root });
    return runElectronVite(root, plan.electronViteArgs, withSqliteBinding(process.env, driver));
  }

  console.log(browserFallbackNotice(plan));
  let watch: RendererWatch | undefined;
  if (plan.ui === 'watch') {
    // Loaded only here: vite and electron-vite are heavy, and npm start does not need them in-process.
    const { watchRenderer } = await import('./renderer-watch');
    watch = await watchRenderer(root);
  } else {
    await buildUiIfStale(root);
  }
  try {
    await serveInForeground({ dataDir, port: args.port, openBrowser: !args.noOpen });
  } finally {
    await watch?.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`KeyHub could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
