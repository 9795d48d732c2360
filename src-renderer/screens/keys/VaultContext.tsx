/**
 * The key vault's state for the Signing keys screens: its status (kept fresh), and the
 * way any action that needs the keys unlocked asks for it. An action that finds the
 * keys locked opens the unlock dialog (or the first-passphrase dialog) and, once the
 * user has unlocked, goes on where it stopped.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import type { VaultStatus } from '../../../src-main/domain/keys/vault';
import { api, type ApiError } from '../../api/client';
import type { Recover } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ChangePassphraseDialog, SetPassphraseDialog, UnlockDialog } from './VaultDialogs';

type VaultDialog = 'setup' | 'unlock' | 'change';

interface OpenRequest {
  dialog: VaultDialog;
  /** Why the dialog opened: "Generating a key needs the signing keys unlocked." */
  reason?: string;
  resolve?: (unlocked: boolean) => void;
}

export interface VaultApi {
  status: VaultStatus | undefined;
  error: Error | undefined;
  reload: () => void;
  /** When the keys lock next (ms since the epoch), while unlocked. */
  locksAt: number | null;
  /** Opens a vault dialog from the vault bar. */
  open: (dialog: VaultDialog) => void;
  /** True at once when the keys are unlocked; otherwise asks (unlock, or set a passphrase first). */
  ensureUnlocked: (reason: string) => Promise<boolean>;
  /** For useApiForm's submit: a LOCKED refusal asks to unlock, then the call is made again. */
  recoverLocked: Recover;
}

const VaultContext = createContext<VaultApi | null>(null);

export function useVault(): VaultApi {
  const vault = useContext(VaultContext);
  if (!vault) throw new Error('useVault needs the Signing keys area (VaultProvider) above it.');
  return vault;
}

/** Whichever comes first: the end of the unlock, or the idle lock. */
export function locksAtOf(status: VaultStatus | undefined): number | null {
  if (status?.state !== 'unlocked' || !status.unlockedUntil || !status.idleLockAt) return null;
  return Math.min(Date.parse(status.unlockedUntil), Date.parse(status.idleLockAt));
}

/** The Signing keys area's layout route: every screen in it shares one vault state. */
export function KeysArea() {
  return (
    <VaultProvider>
      <Outlet />
    </VaultProvider>
  );
}

export function VaultProvider({ children }: { children: ReactNode }) {
  const query = useApiQuery('vault.status', {});
  const { reload } = query;
  const [request, setRequest] = useState<OpenRequest | null>(null);

  // Another window or the command line may lock or unlock: look again when this one comes back.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [reload]);

  const ask = useCallback(
    (dialog: VaultDialog, reason?: string) =>
      // One question at a time (dialogs are modal: a second cannot be asked while one is open).
      new Promise<boolean>((resolve) => setRequest((current) => current ?? { dialog, reason, resolve })),
    [],
  );

  const status = query.data;
  const locksAt = locksAtOf(status);

  const ensureUnlocked = useCallback(
    async (reason: string) => {
      // The status on screen may be old: ask the vault itself.
      const fresh = await api('vault.status', {}).catch(() => status);
      if (fresh?.state === 'unlocked') return true;
      reload();
      return ask(fresh?.state === 'unset' ? 'setup' : 'unlock', reason);
    },
    [ask, reload, status],
  );

  const recoverLocked = useCallback(
    async (error: ApiError) => {
      if (error.code !== 'LOCKED') return false;
      return ensureUnlocked(error.message);
    },
    [ensureUnlocked],
  );

  const finish = useCallback(
    (unlocked: boolean) => {
      request?.resolve?.(unlocked);
      setRequest(null);
      reload();
    },
    [request, reload],
  );

  const vault = useMemo<VaultApi>(
    () => ({
      status,
      error: query.error,
      reload,
      locksAt,
      open: (dialog) => setRequest((current) => current ?? { dialog }),
      ensureUnlocked,
      recoverLocked,
    }),
    [status, query.error, reload, locksAt, ensureUnlocked, recoverLocked],
  );

  return (
    <VaultContext.Provider value={vault}>
      {children}
      {request?.dialog === 'setup' && <SetPassphraseDialog reason={request.reason} onDone={() => finish(true)} onClose={() => finish(false)} />}
      {request?.dialog === 'unlock' && <UnlockDialog reason={request.reason} onDone={() => finish(true)} onClose={() => finish(false)} />}
      {request?.dialog === 'change' && <ChangePassphraseDialog onDone={() => finish(false)} onClose={() => finish(false)} />}
    </VaultContext.Provider>
  );
}
