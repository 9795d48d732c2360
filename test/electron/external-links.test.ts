import { describe, expect, it } from 'vitest';
import { externalHttpUrl } from '../../src-main/hosts/electron/external-links';
import { isPermissionGranted } from '../../src-main/hosts/electron/permissions';

describe('externalHttpUrl (what may go to the OS browser)', () => {
  it('passes http and https links', () => {
    expect(externalHttpUrl('https://example.com/download?v=2')).toBe('https://example.com/download?v=2');
    expect(externalHttpUrl('http://example.com')).toBe('http://example.com/');
  });

  it('refuses every other scheme, credentials and junk', () => {
    for (const raw of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,hi',
      'https://bank.example@evil.example/',
      'https://user:pw@example.com/',
      'not a url',
      '',
      42,
      undefined,
    ]) {
      expect(externalHttpUrl(raw), String(raw)).toBeNull();
    }
  });
});

describe('isPermissionGranted', () => {
  it('grants only clipboard writes', () => {
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'usb', 'serial']) {
      expect(isPermissionGranted(permission), permission).toBe(false);
    }
  });
});
