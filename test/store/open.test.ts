import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, readFileSync, realpathSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyHubError } from '../../src-main/api/errors';
import { KEYHUB_APPLICATION_ID, openStore, readJournal } from '../../src-main/store/open';
import { defaultMigrationsDir, resolveDataDir, defaultDataDir, projectRoot } from '../../src-main/store/paths';
import { tempDir } from '../support/temp-store';

const known = readJournal(defaultMigrationsDir()).entries.length;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function openError(dataDir: string, migrationsDir?: string): KeyHubError {
  try {
    openStore({ dataDir, migrationsDir }).close();
  } catch (error) {
    if (error instanceof KeyHubError) return error;
    throw error;
  }
  throw new Error('expected the store to refuse to open');
}

/** A migrations folder with one more migration than the committed ones: "a newer KeyHub". */
function newerMigrations(): string {
  const dir = path.join(tempDir('keyhub-migrations-'), 'migrations');
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const last = journal.entries.at(-1);
  const tag = `${String(last.idx + 1).padStart(4, '0')}_future`;
  journal.entries.push({ ...last, idx: last.idx + 1, tag, when: last.when + 1000 });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(path.join(dir, `${tag}.sql`), 'ALTER TABLE `vendors` ADD `website` text;');
  return dir;
}

describe('opening the store', () => {
  it('creates the data folder and a WAL database with foreign keys on', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const store = openStore({ dataDir });
    try {
      expect(existsSync(store.databasePath)).toBe(true);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(store.sqlite.pragma('application_id', { simple: true })).toBe(KEYHUB_APPLICATION_ID);
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(known);
      expect(store.schemaVersion).toBe(known);
    } finally {
      store.close();
    }
  });

  it('keeps data across reopening and does not migrate twice', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.sqlite.prepare(`INSERT INTO vendors (name) VALUES ('Imazen')`).run();
    first.close();
    const second = openStore({ dataDir });
    try {
      expect(second.sqlite.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Imazen' }]);
      const applied = second.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
      expect(applied.n).toBe(known);
    } finally {
      second.close();
    }
  });

  it('refuses a database written by a newer KeyHub, and leaves it byte-for-byte as it was', () => {
    const dataDir = tempDir();
    const newer = openStore({ dataDir, migrationsDir: newerMigrations() });
    newer.sqlite.prepare(`INSERT INTO vendors (name, website) VALUES ('Imazen', 'https://imazen.io')`).run();
    newer.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    newer.close();
    const before = sha(path.join(dataDir, 'keyhub.db'));

    const error = openError(dataDir);
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toMatch(/newer KeyHub/);
    expect(error.message).toMatch(/Nothing in the file was changed/);
    expect(sha(path.join(dataDir, 'keyhub.db'))).toBe(before);
  });

  it('upgrades an older store, keeping a backup of it first', () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir });
    old.sqlite.prepare(`INSERT INTO vendors (name) VALUES ('Imazen')`).run();
    old.close();

    const upgraded = openStore({ dataDir, migrationsDir: newerMigrations() });
    try {
      expect(upgraded.schemaVersion).toBe(known + 1);
      expect(upgraded.sqlite.prepare('SELECT name, website FROM vendors').all()).toEqual([{ name: 'Imazen', website: null }]);
      const backup = path.join(dataDir, `keyhub.db.before-v${known + 1}.bak`);
      expect(existsSync(backup)).toBe(true);
      const saved = new Database(backup, { readonly: true });
      expect(saved.pragma('user_version', { simple: true })).toBe(known);
      saved.close();
    } finally {
      upgraded.close();
    }
  });

  it('retries an upgrade that stopped half-way, keeping the first backup', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    const migrations = newerMigrations();
    const backup = path.join(dataDir, `keyhub.db.before-v${known + 1}.bak`);
    writeFileSync(backup, 'an earlier attempt');
    const upgraded = openStore({ dataDir, migrationsDir: migrations });
    upgraded.close();
    expect(readFileSync(backup, 'utf8')).toBe('an earlier attempt');
    expect(readdirSync(dataDir).filter((f) => f.startsWith(`keyhub.db.before-v${known + 1}.`))).toHaveLength(2);
  });

  it('refuses a newer store even when it stopped before recording its version', () => {
    const dataDir = tempDir();
    const newer = openStore({ dataDir, migrationsDir: newerMigrations() });
    newer.sqlite.pragma(`user_version = ${known}`); // as if it stopped right after migrating
    newer.close();
    expect(openError(dataDir).code).toBe('STORE_TOO_NEW');
  });

  it('finishes a start that stopped after migrating but before recording the version', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.sqlite.prepare(`INSERT INTO vendors (name) VALUES ('Imazen')`).run();
    first.sqlite.pragma('user_version = 0');
    first.close();
    const again = openStore({ dataDir });
    try {
      expect(again.sqlite.pragma('user_version', { simple: true })).toBe(known);
      expect(again.sqlite.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Imazen' }]);
    } finally {
      again.close();
    }
  });

  it('refuses a SQLite file that is not a KeyHub store, without touching it', () => {
    const dataDir = tempDir();
    const other = new Database(path.join(dataDir, 'keyhub.db'));
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1);');
    other.close();
    const before = sha(path.join(dataDir, 'keyhub.db'));
    const error = openError(dataDir);
    expect(error.code).toBe('STORE_INVALID');
    expect(error.message).toMatch(/not a KeyHub data file/);
    expect(sha(path.join(dataDir, 'keyhub.db'))).toBe(before);
  });
});

describe('opening the store with a given SQLite driver (nativeBinding)', () => {
  // The Node build in node_modules, copied so the test can see the copy is what got loaded.
  const nodeDriver = path.join(projectRoot(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

  it('loads the driver from the given file and opens the store as usual', () => {
    const driver = path.join(tempDir('keyhub-driver-'), 'better_sqlite3.node');
    copyFileSync(nodeDriver, driver);
    const store = openStore({ dataDir: tempDir(), nativeBinding: driver });
    try {
      store.sqlite.prepare(`INSERT INTO vendors (name) VALUES ('Imazen')`).run();
      expect(store.sqlite.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Imazen' }]);
      expect(store.schemaVersion).toBe(known);
      const report = process.report.getReport() as unknown as { sharedObjects: string[] };
      expect(report.sharedObjects.some((file) => file === driver || file === realpathSync(driver))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('says which driver file is missing, before creating a database', () => {
    const dataDir = tempDir();
    const missing = path.join(dataDir, 'nowhere', 'better_sqlite3.node');
    expect(() => openStore({ dataDir, nativeBinding: missing })).toThrow(
      `The SQLite driver KeyHub was told to load (nativeBinding) does not exist: ${missing}`,
    );
    expect(existsSync(path.join(dataDir, 'keyhub.db'))).toBe(false);
  });

  it('names a driver file that will not load (built for another runtime, or not a driver at all)', () => {
    const driver = path.join(tempDir('keyhub-driver-'), 'better_sqlite3.node');
    writeFileSync(driver, 'not a compiled driver');
    expect(() => openStore({ dataDir: tempDir(), nativeBinding: driver })).toThrow(driver);
  });
});

describe('the data folder', () => {
  it('is --data first, then KEYHUB_DATA, then the per-user default', () => {
    expect(resolveDataDir('/x/flag', { KEYHUB_DATA: '/x/env' })).toBe('/x/flag');
    expect(resolveDataDir(undefined, { KEYHUB_DATA: '/x/env' })).toBe('/x/env');
    expect(resolveDataDir(undefined, {})).toBe(defaultDataDir());
  });

  it('matches Electron userData for an app named KeyHub on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/KeyHub');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/KeyHub');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/KeyHub');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toMatch(/Roaming[\\/]KeyHub$/);
  });
});
