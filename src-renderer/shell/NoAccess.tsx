/**
 * Shown when the browser host will not talk to this page: the token is missing, or it
 * belongs to an earlier launch. `detail` carries the host's reason when it is not about
 * the token (a refused Host or Origin).
 */
export function NoAccess({ detail }: { detail?: string }) {
  return (
    <main className="no-access">
      <div className="card no-access__card">
        <h1>This tab cannot reach KeyHub</h1>
        {detail && <p>{detail}</p>}
        <p>
          Open the address that <code>keyhub serve</code> or <code>npm start</code> printed in its terminal when it
          started (it looks like <code>http://127.0.0.1:PORT/#token=…</code>). Links opened from that page in new tabs
          work too.
        </p>
        <p className="muted">
          For safety, KeyHub’s browser host only answers pages opened from that address: it carries a token that
          changes every time KeyHub starts. If KeyHub is no longer running, start it again and use the new address.
        </p>
      </div>
    </main>
  );
}
