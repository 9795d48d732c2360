/** electron-builder's configuration: valid for the installed version, and packing what the app needs. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// electron-builder's own validator and YAML reader, found through electron-builder so
// hoisting does not matter.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const fromAppBuilder = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = fromAppBuilder('./out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = fromAppBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = fromAppBuilder('js-yaml') as { load: (text: string) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage, deb, NSIS and dmg', () => {
    expect(config.appId).toBe('com.keyhub.console');
    expect(config.productName).toBe('KeyHub');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('packs the bundles, the migrations and package.json, and no sources or tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'db/migrations/**', 'package.json']));
    expect(config.files.some((f) => /src-|test|\.ts$/.test(f) && !f.startsWith('!'))).toBe(false);
    // The layout main.ts and paths.ts rely on: package.json main, and migrations at db/migrations.
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('./out/main/index.js');
    expect(existsSync(path.join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true);
  });

  it('unpacks better-sqlite3 from the asar and rebuilds it for Electron', () => {
    expect(config.asarUnpack.some((p) => p.includes('better-sqlite3'))).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });
});

describe('the app icon in resources/', () => {
  it('has a 512x512 PNG and its SVG source', () => {
    expect(pngSize(path.join(repoRoot, 'resources', 'icon.png'))).toEqual({ width: 512, height: 512 });
    expect(readFileSync(path.join(repoRoot, 'resources', 'icon.svg'), 'utf8')).toContain('<svg');
  });

  it('has the Windows .ico and macOS .icns the config names', () => {
    expect(config.win.icon).toBe('resources/icon.ico');
    expect(config.mac.icon).toBe('resources/icon.icns');
    expect(readFileSync(path.join(repoRoot, config.win.icon)).readUInt32LE(0)).toBe(0x00010000); // ICO header
    expect(readFileSync(path.join(repoRoot, config.mac.icon)).subarray(0, 4).toString('ascii')).toBe('icns');
    expect(existsSync(path.join(repoRoot, config.linux.icon))).toBe(true);
  });
});
