/**
 * `npm start`: the Electron app where its binary is installed; otherwise the same
 * catalog in the browser (`keyhub serve`), saying why. `--demo` fills an empty data
 * folder with the sample catalog first; `--data DIR` and `--port N` pass through.
 */
import { loadDemo, vendorCount } from '../domain/demo';
import { openStore } from '../store/open';
import { projectRoot, resolveDataDir } from '../store/paths';
import { serveInForeground } from './web/foreground';
import { buildApp, rendererBuildState, runElectronVite } from './renderer-build';
import { electronBinary } from './electron-binary';
import { parseLauncherArgs, type LauncherArgs } from './launcher-args';

async function loadDemoIfEmpty(dataDir: string): Promise<void> {
  const store = openStore({ dataDir });
  try {
    const ctx = { store, actor: 'demo', host: 'cli' as const };
    if ((await vendorCount(ctx)) > 0) {
      console.log(`--demo: ${dataDir} already holds a catalog, so the sample was not loaded.`);
      return;
    }
    const s = await loadDemo(ctx);
    console.log(`--demo: loaded the sample catalog (${s.vendors} vendors, ${s.skus} SKUs, ${s.packages} packages) into ${dataDir}.`);
  } finally {
    store.close();
  }
}

function runElectron(root: string, args: LauncherArgs, dataDir: string): Promise<number> {
  // The resolved folder, so the app opens the one --demo just filled whatever its working directory.
  const passThrough = [...(args.data ? ['--data', dataDir] : []), ...args.rest];
  // electron-vite preview builds first, then hands what follows `--` to Electron.
  return runElectronVite(root, ['preview', ...(passThrough.length ? ['--', ...passThrough] : [])]);
}

async function main(): Promise<number> {
  const args = parseLauncherArgs(process.argv.slice(2));
  const root = projectRoot();
  const dataDir = resolveDataDir(args.data);
  if (args.demo) await loadDemoIfEmpty(dataDir);

  const electron = electronBinary();
  if ('path' in electron) return runElectron(root, args, dataDir);

  console.log(`Electron's binary is not installed here (${electron.missing}); starting KeyHub in your browser instead.`);
  const build = rendererBuildState(root);
  if (!build.current) {
    console.log(`Building the UI first: ${build.reason}.`);
    await buildApp(root);
  }
  await serveInForeground({ dataDir, port: args.port, openBrowser: !args.noOpen });
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
