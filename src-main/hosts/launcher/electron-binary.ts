/**
 * Is Electron's binary installed? Its npm package resolves to the binary's path, and
 * throws when the binary was never downloaded (npm's scripts off, no network). Loaded
 * with require, not imported: this runs on plain Node, outside the Electron host.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { path: string } | { missing: string };

export function electronBinary(load: (id: string) => unknown = createRequire(import.meta.url)): ElectronBinary {
  try {
    const binary = load('electron');
    if (typeof binary !== 'string') return { missing: 'the electron package did not name a binary' };
    return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
  } catch (error) {
    return { missing: (error as Error).message };
  }
}
