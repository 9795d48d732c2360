/**
 * Where the window's page comes from, and the one check that decides whether a frame
 * is that page. The IPC sender check and the navigation guard both use it, so "our
 * renderer" means the same thing everywhere. No electron import: tested on plain Node.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererSource =
  /** `electron-vite dev`: Vite's dev server, with hot reload. */
  | { kind: 'dev-server'; url: string; origin: string }
  /** A build: out/renderer/index.html, loaded from disk. */
  | { kind: 'file'; indexPath: string; url: string };

export interface RendererSourceInput {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, which electron-vite dev sets. */
  devServerUrl: string | undefined;
  /** Absolute path of the built out/renderer/index.html. */
  indexPath: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server is used only in an unpackaged app and only on a loopback http URL:
 * a packaged KeyHub never loads a page named by an environment variable.
 */
export function chooseRendererSource({ isPackaged, devServerUrl, indexPath }: RendererSourceInput): RendererSource {
  if (!isPackaged && devServerUrl) {
    const url = parseUrl(devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
      return { kind: 'dev-server', url: url.href, origin: url.origin };
    }
  }
  const absolute = path.resolve(indexPath);
  return { kind: 'file', indexPath: absolute, url: pathToFileURL(absolute).href };
}

/**
 * True when `frameUrl` is the app's own page: same origin as the dev server, or the
 * very index.html file of the build (any #route or ?query; no other file, no host).
 * Everything else — other sites, other files, devtools://, about:blank, a frame that
 * is gone (undefined) — is refused.
 */
export function isAppRendererUrl(
  frameUrl: string | null | undefined,
  source: RendererSource,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!frameUrl) return false;
  const url = parseUrl(frameUrl);
  if (!url) return false;
  if (source.kind === 'dev-server') {
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === source.origin;
  }
  if (url.protocol !== 'file:' || url.host !== '') return false;
  const expected = new URL(source.url);
  const samePath = (a: string, b: string) =>
    // Windows paths are case-insensitive and Chromium may spell the drive letter differently.
    platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
  return samePath(decodePath(url.pathname), decodePath(expected.pathname));
}

/** The built index.html next to the main bundle (out/main/index.js -> out/renderer/index.html). */
export function builtRendererIndex(mainModuleUrl: string): string {
  return fileURLToPath(new URL('../renderer/index.html', mainModuleUrl));
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
