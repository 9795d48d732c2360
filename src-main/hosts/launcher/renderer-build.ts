/**
 * Is out/renderer current? The browser host serves the built UI, so `npm start` builds
 * it first when it is missing or older than any renderer source.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What the renderer build reads besides src-renderer/: the contract and schemas it imports, the
 * license verifier (the Verify license screen runs it in the page), and the build config.
 */
const EXTRA_INPUTS = ['electron.vite.config.ts', 'package.json', 'src-main/api', 'src-main/domain/catalog/types.ts', 'src-main/shared', 'src-main/license/verifier'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export type RendererBuildState = { current: true } | { current: false; reason: string };

export function rendererBuildState(root: string): RendererBuildState {
  const builtIndex = path.join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(builtIndex)) return { current: false, reason: 'the UI has not been built yet' };
  const builtAt = statSync(builtIndex).mtimeMs;
  const sources = [path.join(root, 'src-renderer'), ...EXTRA_INPUTS.map((p) => path.join(root, p))];
  const changed = sources.find((source) => newestMtime(source) > builtAt);
  return changed ? { current: false, reason: `${path.relative(root, changed)} changed since the last build` } : { current: true };
}

/**
 * Runs the electron-vite CLI with this Node, from its script rather than node_modules/.bin:
 * no shell needed on Windows, and it works even where the .bin link lost its execute bit.
 */
export function runElectronVite(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const script = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolve, reject) => {
    // Electron, started by electron-vite, inherits env.
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: 'inherit' });
    child.once('error', (error) => reject(new Error(`Could not run electron-vite: ${error.message}`)));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs `electron-vite build` (all three bundles; main and preload take seconds). */
export async function buildApp(root: string): Promise<void> {
  const code = await runElectronVite(root, ['build']);
  if (code !== 0) throw new Error(`electron-vite build failed (exit code ${code}); see its output above.`);
}
