/**
 * `npm run dev` without Electron: builds the UI into out/renderer, which the browser host
 * serves, and rebuilds it whenever a source changes (vite's build watch). Renderer only:
 * the browser needs neither main nor preload. The config is electron-vite's own renderer
 * config, so the output is what `electron-vite build` writes.
 */
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig } from 'vite';

/** The watcher events this reports on (a subset of rolldown's). */
export type RendererWatchEvent =
  | { code: 'START' | 'BUNDLE_START' | 'END' }
  | { code: 'BUNDLE_END'; duration: number }
  | { code: 'ERROR'; error: Error };

/** What to print for an event, if anything; `first` is true until the first build has ended. */
export function rendererWatchMessage(event: RendererWatchEvent, first: boolean, now: Date = new Date()): string | undefined {
  const at = now.toTimeString().slice(0, 8);
  switch (event.code) {
    case 'BUNDLE_START':
      return first ? 'Building the UI…' : `[${at}] A UI source changed; rebuilding…`;
    case 'BUNDLE_END':
      return first
        ? `UI built in ${event.duration} ms. Watching for changes.`
        : `[${at}] UI rebuilt in ${event.duration} ms: reload the page to see it.`;
    case 'ERROR':
      // vite has printed the error itself.
      return `[${at}] The UI did not build (the error is above). Fix it and save; the next good build replaces the page.`;
    default:
      return undefined;
  }
}

export interface RendererWatch {
  /** Stops watching. */
  close(): Promise<void>;
}

export interface WatchRendererOptions {
  /** Where the three bundles would go (the UI lands in <outDir>/renderer); electron-vite's out/ by default. */
  outDir?: string;
  log?: (line: string) => void;
}

/**
 * Starts the watch and resolves once the first build has ended (well or not), so the
 * browser host finds out/renderer in place when it starts.
 */
export async function watchRenderer(root: string, { outDir, log = console.log }: WatchRendererOptions = {}): Promise<RendererWatch> {
  // 'warn': vite's own per-build file listing would bury the one line that says "reload".
  const resolved = await resolveConfig({ root, logLevel: 'warn', build: { outDir } }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config to build.');
  const watcher = await build(mergeConfig(renderer, { build: { watch: {} } }));
  if (!('on' in watcher)) throw new Error('vite built the UI once instead of watching it.');

  let first = true;
  await new Promise<void>((resolve) => {
    watcher.on('event', (event) => {
      const message = rendererWatchMessage(event, first);
      if (message) log(message);
      if (event.code === 'END' || event.code === 'ERROR') {
        first = false;
        resolve();
      }
    });
  });
  return { close: () => watcher.close() };
}
