/**
 * The layout route of the sync screens (Sync, a run, Stripe prices): a sync and a
 * price mapping issue (sign) licenses, so a refusal because the keys are locked asks to
 * unlock (the Signing keys area's dialogs) and the action carries on.
 */
import { Outlet } from 'react-router';
import { VaultProvider } from '../keys/VaultContext';
import './sync.css';

export function SyncArea() {
  return (
    <VaultProvider>
      <Outlet />
    </VaultProvider>
  );
}
