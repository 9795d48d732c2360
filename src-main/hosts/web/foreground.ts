/**
 * Runs the browser host in the foreground until Ctrl-C: what both `keyhub serve` and
 * `npm start` (without Electron) do. Prints the URL with its token and tries to open it.
 */
import { startWebHost, defaultStaticDir, type WebHost } from './server';
import { uiIsBuilt } from './ui-routes';
import { writeLaunchPage, type LaunchPage } from './launch-page';

export interface ForegroundOptions {
  dataDir: string;
  port?: number;
  /** Try to open a browser (never under CI). */
  openBrowser: boolean;
  /** Print one JSON line instead of the friendly banner. */
  json?: boolean;
  staticDir?: string;
}

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

function banner(host: WebHost, staticDir: string): string {
  const lines = [
    'KeyHub is running. Open this address in your browser:',
    '',
    `  ${host.url}`,
    '',
    `Data folder: ${host.dataDir}`,
    'The address carries a secret for this launch only; anyone with it can use your KeyHub, so do not share it.',
  ];
  if (!uiIsBuilt(staticDir)) {
    lines.push(`The UI is not built yet (${staticDir} is missing): run "npm run build", or use "npm start", which builds it.`);
  }
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n');
}

type Opener = (target: string) => Promise<{ once(event: 'error', listener: (error: Error) => void): unknown }>;

/** Opens the address through a private launch page, so the token never sits on a command line. */
export async function openInBrowser(url: string, opener?: Opener): Promise<LaunchPage | undefined> {
  const page = writeLaunchPage(url);
  try {
    const open: Opener = opener ?? (await import('open')).default;
    const child = await open(page.path);
    // A missing opener (no desktop, no xdg-open) fails after spawning: say so, but keep serving.
    child.once('error', (error) => console.error(`Could not open a browser (${error.message}); open the address above yourself.`));
    return page;
  } catch (error) {
    page.remove();
    console.error(`Could not open a browser (${(error as Error).message}); open the address above yourself.`);
    return undefined;
  }
}

export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveInForeground(opts: ForegroundOptions): Promise<void> {
  const staticDir = opts.staticDir ?? defaultStaticDir();
  const host = await startWebHost({ dataDir: opts.dataDir, port: opts.port, staticDir });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, origin: host.origin, port: host.port, token: host.token, dataDir: host.dataDir })}\n`);
  } else {
    process.stdout.write(`${banner(host, staticDir)}\n`);
  }
  const launchPage = opts.openBrowser && !isCi() ? await openInBrowser(host.url) : undefined;
  await untilInterrupted();
  launchPage?.remove();
  if (!opts.json) process.stdout.write('\nStopping KeyHub…\n');
  await host.close();
}
