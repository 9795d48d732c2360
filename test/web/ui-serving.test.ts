/** The browser host serves the built React UI with strict headers, or says how to build it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessControlHeaders, startTestHost, type TestHost } from './support';

const INDEX = '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>';

describe('with a built UI', () => {
  let t: TestHost;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(tmpdir(), 'keyhub-ui-'));
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), INDEX);
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("KeyHub");');
    t = await startTestHost({ staticDir });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves index.html at / without the token, with a strict CSP and no-referrer', async () => {
    const response = await fetch(`${t.host.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX);

    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src '(self|none)'/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(accessControlHeaders(response.headers)).toEqual([]);
  });

  it('serves assets, and index.html for any route-like path (the UI routes by hash)', async () => {
    const script = await fetch(`${t.host.origin}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');

    const deep = await fetch(`${t.host.origin}/vendors/12`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(INDEX);
  });

  it('answers 404 for a missing asset instead of HTML under a script name', async () => {
    const missing = await fetch(`${t.host.origin}/assets/gone.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toMatch(/html/);
  });

  it('does not serve files outside the UI folder', async () => {
    const escape = await fetch(`${t.host.origin}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
  });
});

describe('without a built UI', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ staticDir: path.join(tmpdir(), 'keyhub-no-such-ui-folder') });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('GET / explains how to build it, and the API still works', async () => {
    const response = await fetch(`${t.host.origin}/`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('npm run build');
    expect(page).toContain('npm start');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await t.post('app.info', {})).status).toBe(200);
  });
});

describe('closing', () => {
  it('stops listening and releases the store', async () => {
    const t = await startTestHost();
    const { origin } = t.host;
    await t.host.close();
    await t.host.close(); // twice is harmless
    await expect(fetch(`${origin}/`)).rejects.toThrow();
    await t.stop();
  });
});
