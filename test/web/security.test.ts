/**
 * The browser host can unlock keys and sign licenses, so it answers only its own page:
 * each refusal the issue asks for, proven over real HTTP.
 */
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessControlHeaders, rawRequest, startTestHost, type RawResponse, type TestHost } from './support';

let t: TestHost;
let port: number;
beforeAll(async () => {
  t = await startTestHost();
  port = t.host.port;
});
afterAll(async () => {
  await t?.stop();
});

const apiHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-keyhub-token': t.host.token, ...extra });
const postRaw = (headers: Record<string, string>, body = '{}', path = '/api/system.info') => rawRequest({ port, method: 'POST', path, headers, body });

function envelopeOf(response: RawResponse) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(response.body) as { ok: boolean; error?: { code: string; message: string } };
}

function expectRefusal(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(envelopeOf(response)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  expect(accessControlHeaders(response.headers)).toEqual([]);
}

function connects(host: string, targetPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: targetPort });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('where the browser host listens', () => {
  it('announces a 127.0.0.1 URL carrying the token in the fragment', () => {
    expect(t.host.origin).toBe(`http://127.0.0.1:${port}`);
    expect(t.host.url).toBe(`http://127.0.0.1:${port}/#token=${t.host.token}`);
    expect(t.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
  });

  it('is reachable on 127.0.0.1 only: not on ::1 nor on any other interface address', async () => {
    expect(await connects('127.0.0.1', port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of [...others, '::1']) {
      expect(await connects(address, port), `reachable on ${address}`).toBe(false);
    }
  });

  it('gives each launch its own token', async () => {
    const other = await startTestHost();
    try {
      expect(other.host.token).not.toBe(t.host.token);
      const crossed = await fetch(`${other.host.origin}/api/system.info`, { method: 'POST', headers: apiHeaders(), body: '{}' });
      expect(crossed.status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe('the launch token', () => {
  it('is required: a request without X-KeyHub-Token is 401 UNAUTHORIZED', async () => {
    expectRefusal(await postRaw({ 'content-type': 'application/json', host: `127.0.0.1:${port}` }), 401, 'UNAUTHORIZED');
  });

  it('must match: a wrong token of any length is 401, even for an unknown method', async () => {
    for (const token of ['', 'x', t.host.token.slice(0, -1), `${t.host.token}x`, t.host.token.toLowerCase() === t.host.token ? 'Z' : t.host.token.toLowerCase()]) {
      expectRefusal(await postRaw({ ...apiHeaders({ 'x-keyhub-token': token }), host: `127.0.0.1:${port}` }), 401, 'UNAUTHORIZED');
    }
    expectRefusal(await postRaw({ ...apiHeaders({ 'x-keyhub-token': 'nope' }), host: `127.0.0.1:${port}` }, '{}', '/api/no.such'), 401, 'UNAUTHORIZED');
  });

  it('is all it takes from the host itself: the right token is 200', async () => {
    const response = await postRaw({ ...apiHeaders(), host: `127.0.0.1:${port}` });
    expect(response.status).toBe(200);
    expect(envelopeOf(response)).toMatchObject({ ok: true, data: { host: 'web' } });
  });
});

describe('DNS rebinding: the Host header must be the host itself', () => {
  it('refuses a foreign Host with 403 FORBIDDEN, on the API and on the UI', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`, `[::1]:${port}`, '127.0.0.1']) {
      expectRefusal(await postRaw({ ...apiHeaders(), host }), 403, 'FORBIDDEN');
      expectRefusal(await rawRequest({ port, path: '/', headers: { host } }), 403, 'FORBIDDEN');
    }
  });

  it('accepts 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await postRaw({ ...apiHeaders(), host })).status).toBe(200);
    }
  });
});

describe('CSRF: requests from other websites', () => {
  it('refuses a foreign Origin with 403 even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost.evil.example:${port}`]) {
      expectRefusal(await postRaw({ ...apiHeaders({ origin }), host: `127.0.0.1:${port}` }), 403, 'FORBIDDEN');
    }
  });

  it('accepts its own origin under either name', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      expect((await postRaw({ ...apiHeaders({ origin }), host: `127.0.0.1:${port}` })).status).toBe(200);
    }
  });

  it('refuses Sec-Fetch-Site: cross-site with 403, on the API and on the UI, except a person opening the page', async () => {
    const crossSite = { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' };
    expectRefusal(await postRaw({ ...apiHeaders({ 'sec-fetch-site': 'cross-site' }), host: `127.0.0.1:${port}` }), 403, 'FORBIDDEN');
    // A script's fetch or an embedded resource from another site: refused.
    expectRefusal(await rawRequest({ port, path: '/', headers: { ...crossSite, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } }), 403, 'FORBIDDEN');
    expectRefusal(await rawRequest({ port, path: '/', headers: { ...crossSite, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } }), 403, 'FORBIDDEN');
    // Opening the page (the launch file, a link): shown; the API behind it still needs the token.
    expect((await rawRequest({ port, path: '/', headers: { ...crossSite, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } })).status).not.toBe(403);
    expect((await postRaw({ ...apiHeaders({ 'sec-fetch-site': 'same-origin' }), host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('parses only JSON bodies: a form-encoded or text/plain body (what a cross-site form can send) is 400', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expectRefusal(await postRaw({ ...apiHeaders({ 'content-type': type }), host: `127.0.0.1:${port}` }, 'name=Evil'), 400, 'VALIDATION');
    }
  });
});

describe('CORS: never granted', () => {
  it('sends no Access-Control-* header on success, refusal or preflight', async () => {
    const ok = await fetch(`${t.host.origin}/api/vendor.list`, { method: 'POST', headers: apiHeaders(), body: '{}' });
    expect(ok.status).toBe(200);
    expect(accessControlHeaders(ok.headers)).toEqual([]);

    const preflightHeaders = { host: `127.0.0.1:${port}`, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-keyhub-token' };
    const foreign = await rawRequest({ port, method: 'OPTIONS', path: '/api/vendor.create', headers: { ...preflightHeaders, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(accessControlHeaders(foreign.headers)).toEqual([]);

    const own = await rawRequest({ port, method: 'OPTIONS', path: '/api/vendor.create', headers: preflightHeaders });
    expect(own.status).toBe(204);
    expect(accessControlHeaders(own.headers)).toEqual([]);
  });
});

describe('bad requests still get envelopes', () => {
  it('an unknown method is 404 UNKNOWN_METHOD', async () => {
    const { status, envelope } = await t.post('vendor.explode', {});
    expect(status).toBe(404);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect((await t.post('nested/path', {})).status).toBe(404);
  });

  it('GET on an API method is 405 with Allow: POST', async () => {
    const response = await rawRequest({ port, path: '/api/vendor.list', headers: { host: `127.0.0.1:${port}`, 'x-keyhub-token': t.host.token } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(envelopeOf(response)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('invalid JSON is 400 VALIDATION', async () => {
    expectRefusal(await postRaw({ ...apiHeaders(), host: `127.0.0.1:${port}` }, '{"name": '), 400, 'VALIDATION');
  });

  it('input that breaks the schema is 400 VALIDATION naming the field', async () => {
    const response = await postRaw({ ...apiHeaders(), host: `127.0.0.1:${port}` }, JSON.stringify({ id: 'one' }), '/api/vendor.get');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { id: expect.any(String) } } } });
  });

  it('an empty body means no input', async () => {
    const response = await postRaw({ ...apiHeaders(), host: `127.0.0.1:${port}` }, '');
    expect(response.status).toBe(200);
  });

  it('a body over 1 MiB is 413 with a VALIDATION envelope, and the host keeps serving', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    const response = await postRaw({ ...apiHeaders(), host: `127.0.0.1:${port}` }, big, '/api/vendor.create');
    expect(response.status).toBe(413);
    expect(envelopeOf(response)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('1 MiB') } });
    expect(accessControlHeaders(response.headers)).toEqual([]);
    expect((await t.post('system.info', {})).status).toBe(200);
  });
});
