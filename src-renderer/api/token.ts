/**
 * The browser host opens `http://127.0.0.1:PORT/#token=…`. The token proves this tab
 * was opened by whoever started KeyHub; we keep it for the tab's life (sessionStorage
 * survives reloads, not new tabs) and take it out of the visible URL so it is not
 * copied, bookmarked or shown in screenshots.
 */
const TOKEN_KEY = 'keyhub.token';

/** Must run before the HashRouter mounts: the router would read `#token=…` as a route. */
export function captureTokenFromUrl(): void {
  const hash = window.location.hash;
  if (!hash.startsWith('#token=')) return;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  const { pathname, search } = window.location;
  window.history.replaceState(null, '', `${pathname}${search}#/`);
}

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
