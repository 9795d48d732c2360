/**
 * Runs the browser host in the foreground until Ctrl-C: what both `keyhub serve` and
 * `npm start` (without Electron) do. Prints the URL with its token and tries to open it.
 */
import { startWebHost, defaultStaticDir, type WebHost } from './server';
import { uiIsBuilt } from './ui-routes';

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

export async function openInBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import('open');
    const child = await open(url);
    // A missing opener (no desktop, no xdg-open) fails after spawning: say so, but keep serving.
    child.once('error', (error) => console.error(`Could not open a browser (${error.message}); open the address above yourself.`));
  } catch (error) {
    console.error(`Could not open a browser (${(error as Error).message}); open the address above yourself.`);
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
  if (opts.openBrowser && !isCi()) await openInBrowser(host.url);
  await untilInterrupted();
  if (!opts.json) process.stdout.write('\nStopping KeyHub…\n');
  await host.close();
}
