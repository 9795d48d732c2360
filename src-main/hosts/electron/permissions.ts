/** Web permissions (camera, geolocation, notifications, …) the renderer may get. */

/**
 * Only writing to the clipboard, which "Copy" buttons for public keys and license text
 * need; it cannot read anything. Every other permission is refused without a prompt.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string): boolean {
  return GRANTED.has(permission);
}
