import { describe, expect, it } from 'vitest';
import { devSqliteBinding, SQLITE_BINDING_ENV } from '../../src-main/hosts/electron/dev-sqlite-binding';

describe('devSqliteBinding', () => {
  const driver = '/repo/node_modules/.cache/keyhub/better-sqlite3-12.11.1-electron-41.7.1-linux-x64/better_sqlite3.node';
  const env = { [SQLITE_BINDING_ENV]: driver };

  it('unpackaged, uses the driver the launcher named when the file is there', () => {
    expect(devSqliteBinding({ isPackaged: false, env, exists: (f) => f === driver })).toBe(driver);
  });

  it("unpackaged, falls back to better-sqlite3's own when the variable is unset, empty or names no file", () => {
    expect(devSqliteBinding({ isPackaged: false, env: {}, exists: () => true })).toBeUndefined();
    expect(devSqliteBinding({ isPackaged: false, env: { [SQLITE_BINDING_ENV]: '' }, exists: () => true })).toBeUndefined();
    expect(devSqliteBinding({ isPackaged: false, env, exists: () => false })).toBeUndefined();
  });

  it('packaged, ignores the variable: installers rebuild the driver for Electron', () => {
    expect(devSqliteBinding({ isPackaged: true, env, exists: () => true })).toBeUndefined();
  });
});
