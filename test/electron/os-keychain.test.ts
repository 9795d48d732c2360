/** The desktop's OS keychain from Electron's safeStorage: Linux's hard-coded fallback key counts as no keychain. */
import { describe, expect, it } from 'vitest';
import { osKeychainFrom, type SafeStorageLike } from '../../src-main/hosts/electron/os-keychain';

function safeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(plain).reverse(),
    decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
  };
}

describe('osKeychainFrom', () => {
  it('is available where safeStorage encrypts with a key the OS keeps', () => {
    expect(osKeychainFrom(safeStorage(true, 'unknown'), 'darwin').isAvailable()).toBe(true);
    expect(osKeychainFrom(safeStorage(true, 'unknown'), 'win32').isAvailable()).toBe(true);
    expect(osKeychainFrom(safeStorage(true, 'gnome_libsecret'), 'linux').isAvailable()).toBe(true);
    expect(osKeychainFrom(safeStorage(true, 'kwallet5'), 'linux').isAvailable()).toBe(true);
  });

  it('is not available when safeStorage cannot encrypt, or on Linux with the basic_text fallback', () => {
    expect(osKeychainFrom(safeStorage(false, 'unknown'), 'darwin').isAvailable()).toBe(false);
    expect(osKeychainFrom(safeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
  });

  it('encrypts and decrypts through safeStorage', () => {
    const keychain = osKeychainFrom(safeStorage(true, 'gnome_libsecret'), 'linux');
    const sealed = keychain.encrypt('rk_live_secret');
    expect(sealed.toString()).not.toContain('rk_live_secret');
    expect(keychain.decrypt(sealed)).toBe('rk_live_secret');
  });
});
