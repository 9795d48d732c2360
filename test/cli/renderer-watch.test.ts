/**
 * `npm run dev` without Electron: the UI build watch. Its messages are checked directly;
 * one real watch builds into a scratch folder (never over out/, which other tests serve).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererWatchMessage, watchRenderer } from '../../src-main/hosts/launcher/renderer-watch';

describe('rendererWatchMessage', () => {
  const at = new Date(2026, 10, 21, 9, 30, 5);

  it('announces the first build, then each rebuild with the time and "reload the page"', () => {
    expect(rendererWatchMessage({ code: 'BUNDLE_START' }, true, at)).toBe('Building the UI…');
    expect(rendererWatchMessage({ code: 'BUNDLE_END', duration: 512 }, true, at)).toBe('UI built in 512 ms. Watching for changes.');
    expect(rendererWatchMessage({ code: 'BUNDLE_START' }, false, at)).toBe('[09:30:05] A UI source changed; rebuilding…');
    expect(rendererWatchMessage({ code: 'BUNDLE_END', duration: 274 }, false, at)).toBe(
      '[09:30:05] UI rebuilt in 274 ms: reload the page to see it.',
    );
  });

  it('points at the error vite printed, and says the page keeps the last good build', () => {
    const message = rendererWatchMessage({ code: 'ERROR', error: new Error('Unexpected token') }, false, at);
    expect(message).toContain('did not build');
    expect(message).toContain('next good build');
  });

  it('says nothing for the watcher bookkeeping events', () => {
    expect(rendererWatchMessage({ code: 'START' }, true, at)).toBeUndefined();
    expect(rendererWatchMessage({ code: 'END' }, false, at)).toBeUndefined();
  });
});

describe('watchRenderer', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const cacheDir = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outDir = mkdtempSync(path.join(cacheDir, 'keyhub-renderer-watch-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('returns once the first build is in place, renderer only, and stops when closed', async () => {
    const log: string[] = [];
    const watch = await watchRenderer(repoRoot, { outDir, log: (line) => log.push(line) });
    try {
      const index = path.join(outDir, 'renderer', 'index.html');
      expect(existsSync(index)).toBe(true);
      expect(readFileSync(index, 'utf8')).toContain('Content-Security-Policy');
      expect(existsSync(path.join(outDir, 'main'))).toBe(false);
      expect(existsSync(path.join(outDir, 'preload'))).toBe(false);
      expect(log[0]).toBe('Building the UI…');
      expect(log.at(-1)).toMatch(/^UI built in \d+ ms\. Watching for changes\.$/);
    } finally {
      await watch.close();
    }
  }, 60_000);
});
