/**
 * A tiny private HTML file that forwards the browser to the host's address. The browser
 * is opened on this file rather than on the address itself, because a command line
 * (`xdg-open http://…#token=…`) is visible to every local user in `ps` for a moment,
 * while this file is readable by its owner only. (Jupyter does the same.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LaunchPage {
  path: string;
  remove(): void;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function writeLaunchPage(url: string, parent: string = tmpdir()): LaunchPage {
  const dir = mkdtempSync(path.join(parent, 'keyhub-open-')); // created 0700
  const file = path.join(dir, 'open-keyhub.html');
  const href = escapeHtml(url);
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>Opening KeyHub…</title>` +
      `<meta http-equiv="refresh" content="0;url=${href}">` +
      `<p>Opening KeyHub… If nothing happens, <a href="${href}">open KeyHub</a>.</p>\n`,
    { mode: 0o600 },
  );
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
