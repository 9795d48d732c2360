/**
 * The vault's state at the top of the Signing keys screens: whether a passphrase is
 * set, whether the keys are unlocked, and for how long (a countdown, each second).
 */
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { formatClock, formatCountdown } from '../../format/keys';
import { useVault } from './VaultContext';

/** The time now, once a second while `running`. */
function useClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const timer = window.setInterval(tick, 1000);
    // Right away too: the last tick may be long ago (the bar was showing "Locked").
    const first = window.setTimeout(tick, 0);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [running]);
  return now;
}

export function VaultBar() {
  const vault = useVault();
  const toast = useToast();
  const { status, locksAt, reload } = vault;
  const now = useClock(locksAt !== null);
  const left = locksAt === null ? null : locksAt - now;
  const [locking, setLocking] = useState(false);

  // At zero the vault has locked itself (or is about to): ask it, once a second until it says so.
  useEffect(() => {
    if (left !== null && left <= 0) reload();
  }, [left, reload]);

  async function lockNow() {
    setLocking(true);
    try {
      await api('vault.lock', {});
      toast.success('Signing keys locked.');
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setLocking(false);
      reload();
    }
  }

  if (!status) {
    return (
      <section className="vault-bar card" aria-label="Signing key vault">
        {vault.error ? (
          <>
            <span className="vault-bar__text">Could not read the vault: {vault.error.message}</span>
            <button type="button" className="button button--small" onClick={reload}>
              Try again
            </button>
          </>
        ) : (
          <span className="vault-bar__text muted">Checking the signing keys…</span>
        )}
      </section>
    );
  }

  if (status.state === 'unset') {
    return (
      <section className="vault-bar vault-bar--unset card" aria-label="Signing key vault">
        <span className="vault-state vault-state--unset">No passphrase yet</span>
        <span className="vault-bar__text">Set a passphrase first: it seals every signing key you generate or import.</span>
        <span className="vault-bar__actions">
          <button type="button" className="button button--primary button--small" onClick={() => vault.open('setup')}>
            Set a passphrase
          </button>
        </span>
      </section>
    );
  }

  const changeButton = (
    <button type="button" className="button button--small" onClick={() => vault.open('change')}>
      Change passphrase
    </button>
  );

  if (status.state === 'locked' || left === null) {
    return (
      <section className="vault-bar card" aria-label="Signing key vault">
        <span className="vault-state vault-state--locked">Locked</span>
        <span className="vault-bar__text">Unlock to generate, import, back up or rotate keys. Public keys and verifying need no unlock.</span>
        <span className="vault-bar__actions">
          <button type="button" className="button button--primary button--small" onClick={() => vault.open('unlock')}>
            Unlock…
          </button>
          {changeButton}
        </span>
      </section>
    );
  }

  const until = Date.parse(status.unlockedUntil ?? '');
  const idleFirst = Date.parse(status.idleLockAt ?? '') < until;
  return (
    <section className="vault-bar vault-bar--unlocked card" aria-label="Signing key vault">
      <span className="vault-state vault-state--unlocked">Unlocked</span>
      <span className="vault-bar__text">
        <strong className="vault-bar__timer" role="timer">
          {left > 0 ? `Locks in ${formatCountdown(left)}` : 'Locking…'}
        </strong>{' '}
        <span className="muted">
          {idleFirst ? `if no key is used meanwhile (${status.idleMinutes} min idle); at ${formatClock(until)} at the latest` : `at ${formatClock(until)}`}
        </span>
      </span>
      <span className="vault-bar__actions">
        <button type="button" className="button button--small" onClick={() => void lockNow()} disabled={locking}>
          {locking ? 'Locking…' : 'Lock now'}
        </button>
        {changeButton}
      </span>
    </section>
  );
}
