/**
 * The one API contract: method name -> input schema -> output type. Every host
 * (Electron IPC, the browser host's HTTP, the CLI) serves exactly these methods, and
 * validates input against these schemas before a handler runs.
 *
 * This file imports zod and types only, so the renderer and the preload can import it.
 */
import type { z } from 'zod';
import * as s from './schemas';
import { query } from './methods/define';
import { catalogMethods } from './methods/catalog';
import { keyMethods } from './methods/keys';
import { licenseMethods } from './methods/licenses';
import { peopleMethods } from './methods/people';
import { appMethods } from './methods/apps';
import { insightMethods } from './methods/insight';
import { salesMethods } from './methods/sales';
import { syncMethods } from './methods/sync';

export type { MethodSpec } from './methods/define';

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
}

export const contract = {
  'system.info': query<typeof s.empty, AppInfo>(s.empty),
  ...catalogMethods,
  ...keyMethods,
  ...licenseMethods,
  ...peopleMethods,
  ...appMethods,
  ...insightMethods,
  ...salesMethods,
  ...syncMethods,
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
