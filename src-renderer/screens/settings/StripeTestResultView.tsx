/** What "Test key" / "Test connection" found: one sentence, the account, and each resource the key may or may not read. */
import type { StripeTestResult } from '../../../src-main/domain/sync/types';
import { LivemodeBadge } from '../sync/SyncBadges';

export function StripeTestResultView({ result }: { result: StripeTestResult }) {
  return (
    <div className={result.ok ? 'stripe-test stripe-test--ok' : 'stripe-test stripe-test--failed'} role="status">
      <p className="stripe-test__message">{result.message}</p>
      {result.accountId && (
        <p className="stripe-test__account">
          {result.accountName ?? 'Unnamed account'} <span className="code">{result.accountId}</span> <LivemodeBadge livemode={result.livemode} />
        </p>
      )}
      {result.checks.length > 0 && (
        <ul className="stripe-test__checks" aria-label="What the key can read">
          {result.checks.map((check) => (
            <li key={check.resource} className="stripe-test__check">
              <span className={check.ok ? 'badge badge--check-ok' : 'badge badge--check-refused'}>{check.ok ? 'OK' : 'Refused'}</span> {check.label}
              {check.message && <span className="stripe-test__why">{check.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
