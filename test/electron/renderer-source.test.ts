import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtRendererIndex,
  chooseRendererSource,
  isAppRendererUrl,
} from '../../src-main/hosts/electron/renderer-source';

const indexPath = path.resolve('/opt/KeyHub/resources/app.asar/out/renderer/index.html');
const appUrl = pathToFileURL(indexPath).href;
const built = chooseRendererSource({ isPackaged: true, devServerUrl: undefined, indexPath });
const dev = chooseRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexPath });

describe('chooseRendererSource', () => {
  it('loads the built index.html when packaged, even if a dev URL is set', () => {
    const source = chooseRendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173', indexPath });
    expect(source).toEqual({ kind: 'file', indexPath, url: appUrl });
  });

  it('uses the dev server in development', () => {
    expect(dev).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('ignores a dev server URL that is not loopback http', () => {
    for (const devServerUrl of ['http://evil.example:5173', 'file:///tmp/x.html', 'not a url']) {
      expect(chooseRendererSource({ isPackaged: false, devServerUrl, indexPath }).kind).toBe('file');
    }
  });

  it('finds out/renderer/index.html beside out/main', () => {
    const mainUrl = pathToFileURL('/app/out/main/index.js').href;
    expect(builtRendererIndex(mainUrl)).toBe(path.resolve('/app/out/renderer/index.html'));
  });
});

describe('isAppRendererUrl (the IPC sender check)', () => {
  it("accepts the build's own index.html, with any in-page route", () => {
    expect(isAppRendererUrl(appUrl, built)).toBe(true);
    expect(isAppRendererUrl(`${appUrl}#/vendors/3`, built)).toBe(true);
    expect(isAppRendererUrl(`${appUrl}?x=1`, built)).toBe(true);
  });

  it('accepts the dev server origin on any path, in development', () => {
    expect(isAppRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppRendererUrl('http://localhost:5173/vendors?q=a', dev)).toBe(true);
  });

  it('refuses other sites', () => {
    for (const url of ['http://evil', 'https://evil.example/index.html', 'http://localhost:5174/', 'http://127.0.0.1:5173/']) {
      expect(isAppRendererUrl(url, built), url).toBe(false);
      expect(isAppRendererUrl(url, dev), url).toBe(false);
    }
  });

  it('refuses other files, other hosts and path tricks', () => {
    for (const url of [
      'file:///other/path',
      'file:///other/path/index.html',
      pathToFileURL(path.resolve('/opt/KeyHub/resources/app.asar/out/renderer/other.html')).href,
      appUrl.replace('file://', 'file://fileserver'),
      `${appUrl}/../../../../etc/passwd`,
    ]) {
      expect(isAppRendererUrl(url, built), url).toBe(false);
    }
    expect(isAppRendererUrl(appUrl, dev)).toBe(false);
  });

  it('refuses devtools, blank, error pages and frames that are gone', () => {
    for (const url of [
      'devtools://devtools/bundled/devtools_app.html',
      'about:blank',
      'chrome-error://chromewebdata/',
      'data:text/html,hi',
      'javascript:alert(1)',
      '',
      undefined,
      null,
    ]) {
      expect(isAppRendererUrl(url, built), String(url)).toBe(false);
      expect(isAppRendererUrl(url, dev), String(url)).toBe(false);
    }
  });

  it('treats Windows paths case-insensitively, and only there', () => {
    const windows = { kind: 'file', indexPath: 'C:\\KeyHub\\index.html', url: 'file:///C:/KeyHub/out/renderer/index.html' } as const;
    expect(isAppRendererUrl('file:///c:/keyhub/out/renderer/index.html', windows, 'win32')).toBe(true);
    expect(isAppRendererUrl('file:///c:/keyhub/out/renderer/index.html', windows, 'linux')).toBe(false);
  });
});
