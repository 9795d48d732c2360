/**
 * The one API contract: method name -> input schema -> output type. Every host
 * (Electron IPC, the browser host's HTTP, the CLI) serves exactly these methods, and
 * validates input against these schemas before a handler runs.
 *
 * This file imports zod and types only, so the renderer and the preload can import it.
 */
import { z } from 'zod';
import * as s from './schemas';
import type {
  Deleted,
  FeatureDetail,
  FeatureRow,
  Page,
  PackageDetail,
  PackageRow,
  Release,
  SkuDetail,
  SkuRow,
  VendorDetail,
  VendorRow,
  Vendor,
  Feature,
} from '../domain/catalog/types';
import type { KeyBackupFile, RestoreResult, SigningKeyDetail, SigningKeyRow } from '../domain/keys/types';
import type { VaultStatus } from '../domain/keys/vault';
import type { JobStatus } from '../domain/jobs/jobs';
import type { SignedFile, SignedLicense } from '../domain/licenses/issue';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type; never read at run time. */
  output: O;
  /** True when the method changes the store (the CLI and logs use this). */
  mutates: boolean;
}

const query = <I extends z.ZodType, O>(input: I) =>
  ({ input, output: undefined as unknown as O, mutates: false }) satisfies MethodSpec<I, O>;
const command = <I extends z.ZodType, O>(input: I) =>
  ({ input, output: undefined as unknown as O, mutates: true }) satisfies MethodSpec<I, O>;

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
}

export const contract = {
  'app.info': query<typeof s.empty, AppInfo>(s.empty),

  'vendor.list': query<typeof s.vendorList, Page<VendorRow>>(s.vendorList),
  'vendor.get': query<typeof s.byId, VendorDetail>(s.byId),
  'vendor.create': command<typeof s.vendorFields, Vendor>(s.vendorFields),
  'vendor.update': command<typeof s.vendorUpdate, Vendor>(s.vendorUpdate),
  'vendor.delete': command<typeof s.byId, Deleted>(s.byId),

  'sku.list': query<typeof s.skuList, Page<SkuRow>>(s.skuList),
  'sku.get': query<typeof s.byId, SkuDetail>(s.byId),
  'sku.create': command<typeof s.skuFields, SkuDetail>(s.skuFields),
  'sku.update': command<typeof s.skuUpdate, SkuDetail>(s.skuUpdate),
  'sku.retire': command<typeof s.skuRetire, SkuDetail>(s.skuRetire),
  'sku.delete': command<typeof s.byId, Deleted>(s.byId),

  'feature.list': query<typeof s.featureList, Page<FeatureRow>>(s.featureList),
  'feature.get': query<typeof s.byId, FeatureDetail>(s.byId),
  'feature.create': command<typeof s.featureFields, Feature>(s.featureFields),
  'feature.update': command<typeof s.featureUpdate, Feature>(s.featureUpdate),
  'feature.delete': command<typeof s.byId, Deleted>(s.byId),

  'package.list': query<typeof s.packageList, Page<PackageRow>>(s.packageList),
  'package.get': query<typeof s.byId, PackageDetail>(s.byId),
  'package.create': command<typeof s.packageFields, PackageDetail>(s.packageFields),
  'package.update': command<typeof s.packageUpdate, PackageDetail>(s.packageUpdate),
  'package.delete': command<typeof s.byId, Deleted>(s.byId),

  'release.get': query<typeof s.byId, Release>(s.byId),
  'release.create': command<typeof s.releaseFields, Release>(s.releaseFields),
  'release.update': command<typeof s.releaseUpdate, Release>(s.releaseUpdate),
  'release.delete': command<typeof s.byId, Deleted>(s.byId),

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

  'license.sign': command<typeof s.licenseSign, SignedLicense>(s.licenseSign),
  /** Checks every row, then starts signing; poll `job.get`. */
  'license.signBatch': command<typeof s.licenseSignBatch, JobStatus>(s.licenseSignBatch),
  'license.file': query<typeof s.licenseFile, SignedFile>(s.licenseFile),

  'job.get': query<typeof s.jobGet, JobStatus>(s.jobGet),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What a caller passes (before defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
