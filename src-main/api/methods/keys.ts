/** Signing keys, the vault that opens them, license signing, and long-running jobs. */
import * as s from '../schemas';
import type { Deleted } from '../../domain/catalog/types';
import type { KeyBackupFile, RestoreResult, SigningKeyDetail, SigningKeyRow } from '../../domain/keys/types';
import type { VaultStatus } from '../../domain/keys/vault';
import type { JobStatus } from '../../domain/jobs/jobs';
import type { SignedFile } from '../../domain/licenses/issue';
import { command, query } from './define';

export const keyMethods = {
  'vault.status': query<typeof s.empty, VaultStatus>(s.empty),
  'vault.setup': command<typeof s.vaultSetup, VaultStatus>(s.vaultSetup),
  'vault.unlock': command<typeof s.vaultUnlock, VaultStatus>(s.vaultUnlock),
  'vault.lock': command<typeof s.empty, VaultStatus>(s.empty),
  'vault.changePassphrase': command<typeof s.vaultChangePassphrase, VaultStatus>(s.vaultChangePassphrase),

  'key.list': query<typeof s.keyList, SigningKeyRow[]>(s.keyList),
  'key.get': query<typeof s.byId, SigningKeyDetail>(s.byId),
  'key.generate': command<typeof s.keyGenerate, SigningKeyDetail>(s.keyGenerate),
  'key.import': command<typeof s.keyImport, SigningKeyDetail>(s.keyImport),
  'key.update': command<typeof s.keyUpdate, SigningKeyDetail>(s.keyUpdate),
  'key.delete': command<typeof s.byId, Deleted>(s.byId),
  'key.backup': command<typeof s.keyBackup, KeyBackupFile>(s.keyBackup),
  'key.restore': command<typeof s.keyRestore, RestoreResult>(s.keyRestore),
  /** Starts re-signing; poll `job.get` with the returned id. */
  'key.rotate': command<typeof s.keyRotate, JobStatus>(s.keyRotate),

  /** Checks every row, then starts signing; poll `job.get`. */
  'license.signBatch': command<typeof s.licenseSignBatch, JobStatus>(s.licenseSignBatch),
  'license.file': query<typeof s.licenseFile, SignedFile>(s.licenseFile),

  'job.get': query<typeof s.jobGet, JobStatus>(s.jobGet),
} as const;
