/**
 * The launcher's Electron build of better-sqlite3: the plan (versions, cache path,
 * "needs a build?", node-gyp's command line and environment, the variable Electron reads)
 * and the build itself with node-gyp played by a stand-in, since Electron's headers
 * cannot be downloaded here.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareElectronSqliteDriver, type RunCommand } from '../../src-main/hosts/launcher/electron-sqlite-build';
import {
  cachedDriverPath,
  driverNeedsBuild,
  driverVersions,
  nodeGypEnv,
  nodeGypRebuildArgs,
  nodeGypScript,
  withSqliteBinding,
  type DriverVersions,
} from '../../src-main/hosts/launcher/electron-sqlite-driver';
import { SQLITE_BINDING_ENV } from '../../src-main/hosts/electron/dev-sqlite-binding';
import { tempDir } from '../support/temp-store';

const versions: DriverVersions = { electron: '41.7.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

describe('the plan for an Electron build of better-sqlite3', () => {
  it('reads the installed Electron and better-sqlite3 versions from node_modules', () => {
    const files: Record<string, string> = {
      [path.join('/repo', 'node_modules', 'electron', 'package.json')]: '{"version":"41.7.1"}',
      [path.join('/repo', 'node_modules', 'better-sqlite3', 'package.json')]: '{"version":"12.11.1"}',
    };
    expect(driverVersions('/repo', (file) => files[file])).toEqual({
      electron: '41.7.1',
      betterSqlite3: '12.11.1',
      platform: process.platform,
      arch: process.arch,
    });
    expect(() => driverVersions('/repo', () => '{}')).toThrow(/names no version/);
  });

  it('caches it under node_modules/.cache/keyhub, keyed on both versions, platform and architecture', () => {
    expect(cachedDriverPath('/repo', versions)).toBe(
      path.join('/repo', 'node_modules', '.cache', 'keyhub', 'better-sqlite3-12.11.1-electron-41.7.1-linux-x64', 'better_sqlite3.node'),
    );
    expect(cachedDriverPath('/repo', { ...versions, electron: '42.0.0' })).not.toBe(cachedDriverPath('/repo', versions));
    expect(cachedDriverPath('/repo', { ...versions, betterSqlite3: '12.12.0' })).not.toBe(cachedDriverPath('/repo', versions));
  });

  it('builds only when the cached file is missing', () => {
    expect(driverNeedsBuild('/c/better_sqlite3.node', () => false)).toBe(true);
    expect(driverNeedsBuild('/c/better_sqlite3.node', () => true)).toBe(false);
  });

  it("prefers the project's node-gyp, then the one npm names, else none", () => {
    const own = path.join('/repo', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const npms = '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js';
    const env = { npm_config_node_gyp: npms };
    expect(nodeGypScript('/repo', env, () => true)).toBe(own);
    expect(nodeGypScript('/repo', env, (file) => file === npms)).toBe(npms);
    expect(nodeGypScript('/repo', {}, () => false)).toBeUndefined();
  });

  it("runs node-gyp rebuild against Electron's headers for this version and architecture", () => {
    expect(nodeGypRebuildArgs('/ng/node-gyp.js', versions)).toEqual([
      '/ng/node-gyp.js',
      'rebuild',
      '--release',
      '--target=41.7.1',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--jobs=max',
    ]);
  });

  it("drops npm's settings that would override those options (a nodedir in .npmrc means Node's headers), keeps the rest", () => {
    const env = {
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      npm_config_target: '20.0.0',
      npm_config_dist_url: 'https://nodejs.org/dist',
      NPM_CONFIG_ARCH: 'ia32',
      npm_package_config_node_gyp_nodedir: '/opt/node',
      npm_config_python: '/usr/bin/python3',
      npm_config_node_gyp: '/ng/node-gyp.js',
    };
    expect(nodeGypEnv(env)).toEqual({ PATH: '/usr/bin', npm_config_python: '/usr/bin/python3', npm_config_node_gyp: '/ng/node-gyp.js' });
    expect(env.npm_config_nodedir).toBe('/usr'); // the launcher's own environment is left alone
  });

  it('names the driver to Electron in KEYHUB_SQLITE_BINDING, without changing the given environment', () => {
    const env = { PATH: '/usr/bin' };
    expect(SQLITE_BINDING_ENV).toBe('KEYHUB_SQLITE_BINDING');
    expect(withSqliteBinding(env, '/c/better_sqlite3.node')).toEqual({ PATH: '/usr/bin', KEYHUB_SQLITE_BINDING: '/c/better_sqlite3.node' });
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});

/**
 * A project folder as the launcher sees it. better-sqlite3 is a symlink (as pnpm or
 * npm link make it) to a folder with its Node build in build/, which must survive.
 */
function fakeProject(): { root: string; nodeBuild: string } {
  const root = tempDir('keyhub-driver-root-');
  const modules = path.join(root, 'node_modules');
  mkdirSync(path.join(modules, 'electron'), { recursive: true });
  writeFileSync(path.join(modules, 'electron', 'package.json'), '{"version":"41.7.1"}');
  mkdirSync(path.join(modules, 'node-gyp', 'bin'), { recursive: true });
  writeFileSync(path.join(modules, 'node-gyp', 'bin', 'node-gyp.js'), '');

  const real = path.join(tempDir('keyhub-driver-source-'), 'better-sqlite3');
  mkdirSync(path.join(real, 'src'), { recursive: true });
  mkdirSync(path.join(real, 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(real, 'package.json'), '{"version":"12.11.1"}');
  writeFileSync(path.join(real, 'binding.gyp'), '{}');
  writeFileSync(path.join(real, 'src', 'better_sqlite3.cpp'), '// source');
  const nodeBuild = path.join(real, 'build', 'Release', 'better_sqlite3.node');
  writeFileSync(nodeBuild, 'built for Node');
  symlinkSync(real, path.join(modules, 'better-sqlite3'), 'dir');
  return { root, nodeBuild };
}

interface Call {
  command: string;
  args: string[];
  cwd: string;
  /** Where cwd really is, and whether it was a symlink, when node-gyp ran. */
  realCwd: string;
  cwdIsSymlink: boolean;
  env: NodeJS.ProcessEnv;
  files: string[];
}

/** node-gyp's stand-in: records where and how it ran, and "builds" unless told to fail. */
function fakeNodeGyp(calls: Call[], outcome: 'build' | 'fail' | 'write-nothing' = 'build'): RunCommand {
  return async (command, args, { cwd, env }) => {
    calls.push({ command, args, cwd, realCwd: realpathSync(cwd), cwdIsSymlink: lstatSync(cwd).isSymbolicLink(), env, files: readdirSync(cwd).sort() });
    if (outcome === 'fail') return 1;
    if (outcome === 'build') {
      mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'built for Electron');
    }
    return 0;
  };
}

describe('prepareElectronSqliteDriver', () => {
  const quiet = () => {};

  it('builds once in a scratch copy without build/, caches the result, and never touches node_modules', async () => {
    const { root, nodeBuild } = fakeProject();
    const calls: Call[] = [];
    const log: string[] = [];
    const env = { PATH: process.env.PATH, npm_config_nodedir: '/usr' };

    const driver = await prepareElectronSqliteDriver({ root, env, log: (l) => log.push(l), run: fakeNodeGyp(calls) });

    expect(driver).toBe(cachedDriverPath(root, driverVersions(root)));
    expect(readFileSync(driver, 'utf8')).toBe('built for Electron');
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.command).toBe(process.execPath);
    expect(call.args.slice(1)).toContain('--target=41.7.1');
    expect(call.env.npm_config_nodedir).toBeUndefined();
    // A real folder of its own, outside node_modules, with the sources and without Node's build/.
    expect(call.cwdIsSymlink).toBe(false);
    expect(call.realCwd.startsWith(realpathSync(root))).toBe(false);
    expect(call.realCwd).not.toBe(realpathSync(path.dirname(path.dirname(nodeBuild))));
    expect(call.files).toEqual(['binding.gyp', 'package.json', 'src']);
    expect(existsSync(call.cwd)).toBe(false); // scratch removed
    expect(readFileSync(nodeBuild, 'utf8')).toBe('built for Node');
    expect(log.join('\n')).toMatch(/building better-sqlite3 12\.11\.1 once/);
    expect(log.join('\n')).toMatch(/ready/);

    // The next start finds it and runs nothing.
    const again = await prepareElectronSqliteDriver({ root, env, log: quiet, run: fakeNodeGyp(calls) });
    expect(again).toBe(driver);
    expect(calls).toHaveLength(1);
  });

  it('says what a failed build needs (offline, no compiler), caches nothing and leaves node_modules as it was', async () => {
    const { root, nodeBuild } = fakeProject();
    const calls: Call[] = [];
    const failing = prepareElectronSqliteDriver({ root, env: {}, log: quiet, run: fakeNodeGyp(calls, 'fail') });
    await expect(failing).rejects.toThrow(/for Electron 41\.7\.1: node-gyp exited with code 1/);
    await expect(failing).rejects.toThrow(/electronjs\.org\/headers, so it cannot work offline/);
    expect(existsSync(cachedDriverPath(root, driverVersions(root)))).toBe(false);
    expect(existsSync(calls[0].cwd)).toBe(false);
    expect(readFileSync(nodeBuild, 'utf8')).toBe('built for Node');
  });

  it('fails clearly when node-gyp succeeds without a driver, or cannot be run at all', async () => {
    const { root } = fakeProject();
    await expect(prepareElectronSqliteDriver({ root, env: {}, log: quiet, run: fakeNodeGyp([], 'write-nothing') })).rejects.toThrow(
      /wrote no build\/Release\/better_sqlite3\.node/,
    );
    const cannotSpawn: RunCommand = async () => {
      throw new Error('spawn EACCES');
    };
    await expect(prepareElectronSqliteDriver({ root, env: {}, log: quiet, run: cannotSpawn })).rejects.toThrow(
      /node-gyp could not be run \(spawn EACCES\)/,
    );
    expect(existsSync(cachedDriverPath(root, driverVersions(root)))).toBe(false);
  });
});
