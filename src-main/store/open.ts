/**
 * Opens (creating if needed) the KeyHub store in a data folder: pragmas, the guard
 * against files from a newer KeyHub or from another program, a backup before any
 * schema upgrade, and the committed drizzle migrations.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as schema from '../../db/schema';
import { KeyHubError } from '../api/errors';
import { DATABASE_FILE, defaultMigrationsDir } from './paths';

/** SQLite's `application_id`: "KHUB" in ASCII, so KeyHub knows its own files. */
export const KEYHUB_APPLICATION_ID = 0x4b485542;

/** Drizzle over the store, or inside one of its transactions: both take the same queries. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export interface Store {
  /** Drizzle over the connection below. */
  db: Db;
  /** The raw connection, for prepared statements on hot paths and transactions. */
  sqlite: Database.Database;
  dataDir: string;
  databasePath: string;
  /** How many migrations this store has applied (SQLite's user_version). */
  schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  dataDir: string;
  migrationsDir?: string;
  /**
   * better-sqlite3's compiled driver (a `.node` file) to load instead of the one in
   * node_modules: an unpackaged Electron app needs one built for Electron's ABI.
   */
  nativeBinding?: string;
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readJournal(migrationsDir: string): Journal {
  return JSON.parse(readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'));
}

/**
 * The connection, through a given driver when there is one. A driver path that names no
 * file would fail inside better-sqlite3 as "Cannot find module"; say what it was instead.
 * (A driver built for another runtime fails with Node's own message, which names the file.)
 */
function openDatabase(databasePath: string, nativeBinding: string | undefined): Database.Database {
  if (nativeBinding === undefined) return new Database(databasePath, { fileMustExist: false });
  if (!existsSync(nativeBinding)) {
    throw new Error(`The SQLite driver KeyHub was told to load (nativeBinding) does not exist: ${nativeBinding}`);
  }
  return new Database(databasePath, { fileMustExist: false, nativeBinding });
}

function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  if (!table) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

/** `keyhub.db.before-v2.bak`, or with a time stamp when an earlier attempt left one. */
function backupPath(databasePath: string, version: number): string {
  const plain = `${databasePath}.before-v${version}.bak`;
  return existsSync(plain) ? `${databasePath}.before-v${version}.${Date.now()}.bak` : plain;
}

export function openStore(options: OpenOptions): Store {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const known = readJournal(migrationsDir).entries.length;
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = path.join(options.dataDir, DATABASE_FILE);

  const sqlite = openDatabase(databasePath, options.nativeBinding);
  try {
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const tableCount = (
      sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as {
        n: number;
      }
    ).n;

    if (tableCount > 0 && applicationId !== KEYHUB_APPLICATION_ID) {
      throw new KeyHubError(
        'STORE_INVALID',
        `${databasePath} is not a KeyHub data file (it is some other SQLite database). ` +
          `KeyHub left it untouched; choose another data folder with --data or KEYHUB_DATA.`,
        { databasePath },
      );
    }
    // user_version is set after migrating; a newer KeyHub that stopped in between still
    // left its migrations in drizzle's journal table, so count those too.
    const applied = appliedMigrations(sqlite);
    if (userVersion > known || applied > known) {
      throw new KeyHubError(
        'STORE_TOO_NEW',
        `${databasePath} was written by a newer KeyHub (schema version ${Math.max(userVersion, applied)}; ` +
          `this KeyHub knows up to ${known}). Update KeyHub to open it. Nothing in the file was changed.`,
        { databasePath, fileVersion: Math.max(userVersion, applied), knownVersion: known },
      );
    }

    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Bulk work (an import of 100,000 purchases) spends far less time in checkpoints and
    // re-reading index pages with a 64 MB page cache and a checkpoint every ~40 MB of WAL.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('wal_autocheckpoint = 10000');

    if (applied > 0 && applied < known) {
      // An upgrade: keep the file as it was, beside it, before touching the schema.
      sqlite.exec(`VACUUM INTO '${backupPath(databasePath, known).replaceAll("'", "''")}'`);
    }

    const db = drizzle(sqlite, { schema });
    if (userVersion < known) {
      // Claim the file first: if migrating stops half-way, the next start knows the file
      // is KeyHub's and resumes (drizzle skips the migrations it has recorded).
      sqlite.pragma(`application_id = ${KEYHUB_APPLICATION_ID}`);
      migrate(db, { migrationsFolder: migrationsDir });
      sqlite.pragma(`user_version = ${known}`);
    }

    return {
      db,
      sqlite,
      dataDir: options.dataDir,
      databasePath,
      schemaVersion: known,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
