/**
 * Whether the browser host has refused this page's token. Any call can learn it (the
 * host was restarted, the token is stale); the shell then shows how to get back in
 * instead of each screen showing its own error.
 */
type Listener = () => void;

let refused = false;
const listeners = new Set<Listener>();

export function markAccessRefused(): void {
  if (refused) return;
  refused = true;
  for (const listener of listeners) listener();
}

export function accessRefused(): boolean {
  return refused;
}

export function subscribeToAccess(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
