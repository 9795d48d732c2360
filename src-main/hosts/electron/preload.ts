/**
 * The preload: exposes `window.keyhub` and nothing else. It runs sandboxed, where only
 * `electron`'s renderer modules can be required, so it bundles no npm code at all.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MethodName } from '../../api/contract';
import { BRIDGE_KEY, INVOKE_CHANNEL } from './bridge';
import { createBridge } from './bridge-invoke';

/**
 * The contract's method names, written in at build time by electron.vite.config.ts
 * from METHOD_NAMES: importing the contract here would pull zod into the preload.
 */
declare const __KEYHUB_METHOD_NAMES__: readonly MethodName[];

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge(__KEYHUB_METHOD_NAMES__, (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input)),
);
