/** Links the app may hand to the OS browser. */

/**
 * The URL to open in the OS browser, or null: only http(s), and no user:password@
 * (a classic way to dress one site up as another). file:, javascript:, custom app
 * schemes and anything unparsable are refused, since the OS would run them.
 */
export function externalHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}
