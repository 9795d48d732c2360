/**
 * The layout route of the license screens: issuing, renewing, transferring and adding
 * domains sign files, so a call that finds the keys locked asks to unlock (the same
 * dialogs as the Signing keys area) and then goes on.
 */
import { Outlet } from 'react-router';
import { VaultProvider } from '../keys/VaultContext';
import './licensing.css';

export function LicensingArea() {
  return (
    <VaultProvider>
      <Outlet />
    </VaultProvider>
  );
}
