/** The browser host serves the built React UI with strict headers, or says how to build it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessControlHeaders, startTestHost, type TestHost } from './support';

const SECRET = 'the data folder is next door';

function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { host: `127.0.0.1:${port}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const INDEX = '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>';

describe('with a built UI', () => {
  let t: TestHost;
  let staticDir: string;
  beforeAll(async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'keyhub-ui-'));
    writeFileSync(path.join(parent, 'secret.txt'), SECRET);
    staticDir = path.join(parent, 'ui');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), INDEX);
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("KeyHub");');
    t = await startTestHost({ staticDir });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(path.dirname(staticDir), { recursive: true, force: true });
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

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..\\secret.txt',
  ])('does not serve a file beside the UI folder for %s', async (rawPath) => {
    // Raw requests: fetch would normalise the dots away before sending.
    const { status, body } = await rawGet(t.host.port, rawPath);
    expect(body).not.toContain(SECRET);
    expect(status === 403 || status === 404 || (status === 200 && body === INDEX)).toBe(true);
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
    expect((await t.post('system.info', {})).status).toBe(200);
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
