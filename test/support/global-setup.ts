/**
 * Runs once before the suite: makes sure out/renderer (the UI the browser host serves,
 * and the UI tests drive) is built from the current sources. Up to date, it costs a
 * few file stats; stale or missing, it runs `electron-vite build`.
 */
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, rendererBuildState } from '../../src-main/hosts/launcher/renderer-build';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const lockDir = path.join(repoRoot, 'out', '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Several test runs may start at once in one working tree; one builds, the others
 * wait for it and then find the build current. A directory is the lock (mkdir is atomic).
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run must not block every later run.
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) {
        rmdirSync(lockDir, { recursive: false });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(lockDir);
  }
}

export default async function setup(): Promise<void> {
  // Runs of store/domain tests alone may skip the build (the UI tests would fail without it).
  if (process.env.KEYHUB_SKIP_UI_BUILD === '1') return;
  if (rendererBuildState(repoRoot).current) return;
  await withBuildLock(async () => {
    const state = rendererBuildState(repoRoot);
    if (state.current) return;
    console.info(`[keyhub] building the UI for the tests: ${state.reason}`);
    await buildApp(repoRoot);
  });
}
