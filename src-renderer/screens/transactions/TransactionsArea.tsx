/**
 * The layout route of the transaction screens: importing messages issues (signs)
 * licenses, so a batch that finds the keys locked asks to unlock (the Signing keys
 * area's dialogs) and is sent again.
 */
import { Outlet } from 'react-router';
import { VaultProvider } from '../keys/VaultContext';
import './transactions.css';

export function TransactionsArea() {
  return (
    <VaultProvider>
      <Outlet />
    </VaultProvider>
  );
}
