/**
 * The browser host opens `http://127.0.0.1:PORT/#token=…`. The token proves this page
 * was opened by whoever started KeyHub. It is kept in localStorage, so a link opened
 * in a new tab (Ctrl/middle-click) reaches KeyHub too; the origin includes the
 * per-launch port, and a stale token is dropped as soon as the API refuses it. It is
 * taken out of the visible URL so it is not copied, bookmarked or shown in screenshots.
 */
const TOKEN_KEY = 'keyhub.token';

/** Must run before the router is made: it would read `#token=…` as a route. */
export function captureTokenFromUrl(): void {
  takeTokenFromHash();
  // The printed address pasted into a tab already showing KeyHub only changes the hash:
  // no new page load would read it, so take it now and start afresh with it.
  window.addEventListener('hashchange', () => {
    if (takeTokenFromHash()) window.location.reload();
  });
}

function takeTokenFromHash(): boolean {
  const hash = window.location.hash;
  if (!hash.startsWith('#token=')) return false;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (token) localStorage.setItem(TOKEN_KEY, token);
  const { pathname, search } = window.location;
  window.history.replaceState(null, '', `${pathname}${search}#/`);
  return true;
}

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/**
 * A new launch has a new token: once the API refuses ours, keeping it only hides that.
 * Only the refused token is dropped: another tab may have stored a newer one meanwhile.
 */
export function forgetToken(refused: string | null): void {
  if (localStorage.getItem(TOKEN_KEY) === refused) localStorage.removeItem(TOKEN_KEY);
}
