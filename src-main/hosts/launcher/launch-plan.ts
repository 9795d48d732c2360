/**
 * What the launcher does, decided from its arguments and whether Electron's binary is
 * here: `npm start` runs the built app (electron-vite preview), `npm run dev` the hot
 * reloading one (electron-vite dev); without Electron both serve the UI to a browser,
 * dev rebuilding it on every change.
 */
import type { ElectronBinary } from './electron-binary';
import type { LauncherArgs } from './args';

export type LaunchPlan =
  | { host: 'electron'; electronViteArgs: string[] }
  | { host: 'browser'; electronMissing: string; ui: 'build-if-stale' | 'watch' };

export function planLaunch(args: LauncherArgs, electron: ElectronBinary, dataDir: string): LaunchPlan {
  if ('missing' in electron) {
    return { host: 'browser', electronMissing: electron.missing, ui: args.dev ? 'watch' : 'build-if-stale' };
  }
  // The resolved folder, so the app opens the one --demo just filled whatever its working directory.
  const passThrough = [...(args.data ? ['--data', dataDir] : []), ...args.rest];
  // Both commands hand what follows `--` to Electron.
  const command = args.dev ? 'dev' : 'preview';
  return { host: 'electron', electronViteArgs: [command, ...(passThrough.length ? ['--', ...passThrough] : [])] };
}

/** What the launcher says before serving the browser host instead of opening Electron. */
export function browserFallbackNotice(plan: Extract<LaunchPlan, { host: 'browser' }>): string {
  if (plan.ui === 'build-if-stale') {
    return `Electron's binary is not installed here (${plan.electronMissing}); starting KeyHub in your browser instead.`;
  }
  return [
    `npm run dev needs Electron's binary for its hot-reloading window, and it is not installed here (${plan.electronMissing}).`,
    'Starting KeyHub in your browser instead, like npm start, and rebuilding the UI whenever its sources change:',
    'reload the page to see a change (the browser host has no hot reload).',
  ].join('\n');
}
