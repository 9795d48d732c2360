/**
 * The browser host's refusals, as pure functions of the request headers. The host can
 * unlock keys and sign licenses, so only its own page may drive it: these stop other
 * websites (CSRF, DNS rebinding) and other local programs that lack the launch token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-keyhub-token';

export interface Refusal {
  code: 'FORBIDDEN' | 'UNAUTHORIZED';
  message: string;
}

/** The only Host values the host answers: a rebinding attack arrives under its own name. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** The only Origins that may send requests: the host's own page. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

export function checkHost(headers: IncomingHttpHeaders, port: number): Refusal | null {
  const host = single(headers.host)?.toLowerCase();
  if (host !== undefined && allowedHosts(port).has(host)) return null;
  return {
    code: 'FORBIDDEN',
    message: `KeyHub answers only requests addressed to 127.0.0.1:${port} or localhost:${port} (Host was ${JSON.stringify(host ?? null)}).`,
  };
}

export function checkOrigin(headers: IncomingHttpHeaders, port: number): Refusal | null {
  const origin = single(headers.origin);
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    return {
      code: 'FORBIDDEN',
      message: `KeyHub refuses requests from other websites (Origin ${JSON.stringify(origin)}).`,
    };
  }
  if (single(headers['sec-fetch-site'])?.toLowerCase() === 'cross-site') {
    return { code: 'FORBIDDEN', message: 'KeyHub refuses requests from other websites (Sec-Fetch-Site: cross-site).' };
  }
  return null;
}

/**
 * A person opening the UI page itself: a top-level GET of a page outside /api/. It may
 * come from another site (the browser is opened through a local launch file, and a
 * link is a link): it only shows KeyHub's own page, which no other site may frame
 * (CSP frame-ancestors) or read (no CORS), and which can do nothing without the token.
 */
export function isPageNavigation(method: string, url: string, headers: IncomingHttpHeaders): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    !url.startsWith('/api/') &&
    single(headers['sec-fetch-mode'])?.toLowerCase() === 'navigate' &&
    single(headers['sec-fetch-dest'])?.toLowerCase() === 'document'
  );
}

/** Compares digests so neither the length nor the content leaks through timing. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function checkToken(headers: IncomingHttpHeaders, token: string): Refusal | null {
  const given = single(headers[TOKEN_HEADER]);
  if (given !== undefined && tokensMatch(given, token)) return null;
  return {
    code: 'UNAUTHORIZED',
    message:
      given === undefined
        ? `KeyHub's API needs the launch token in the X-KeyHub-Token header. Open the URL "keyhub serve" printed.`
        : `The X-KeyHub-Token header does not match this launch's token. Open the URL "keyhub serve" printed (it changes every launch).`,
  };
}
