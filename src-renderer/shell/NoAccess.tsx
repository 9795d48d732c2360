/** Shown when the browser host will not talk to this tab: the token is missing or stale. */
export function NoAccess({ message }: { message: string }) {
  return (
    <main className="no-access">
      <div className="card no-access__card">
        <h1>This tab cannot reach KeyHub</h1>
        <p>{message}</p>
        <p className="muted">
          For safety, KeyHub’s browser host only answers the tab opened with the link it printed when it started
          (the link carries a one-time token). Open that link again, or run <code>keyhub serve</code> and use the new
          link.
        </p>
      </div>
    </main>
  );
}
