/**
 * The desktop's OS keychain for secrets KeyHub keeps (a Stripe key), from Electron's
 * safeStorage: Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on
 * Linux. Linux without either falls back to a hard-coded key ("basic_text"), which
 * protects nothing, so KeyHub treats it as no keychain at all.
 */
import type { OsKeychain } from '../../api/dispatch';

/** The part of Electron's `safeStorage` this uses (so it is tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

export function osKeychainFrom(safeStorage: SafeStorageLike, platform: NodeJS.Platform): OsKeychain {
  const isAvailable = () => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  };
  return {
    isAvailable,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
