/** `npm start`'s and `npm run dev`'s decisions: their own arguments, whether Electron can run here, and what follows. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../src-main/hosts/launcher/electron-binary';
import { parseLauncherArgs } from '../../src-main/hosts/launcher/args';
import { browserFallbackNotice, planLaunch } from '../../src-main/hosts/launcher/launch-plan';

describe('parseLauncherArgs', () => {
  it('takes --demo, --data, --port and --no-open, and keeps the rest in order for Electron', () => {
    expect(parseLauncherArgs(['--demo', '--data', './try', '--port', '4780', '--no-open', '--inspect', 'x', '--flag=1'])).toEqual({
      dev: false,
      demo: true,
      data: './try',
      port: 4780,
      noOpen: true,
      rest: ['--inspect', 'x', '--flag=1'],
    });
    expect(parseLauncherArgs([])).toEqual({ dev: false, demo: false, data: undefined, port: undefined, noOpen: false, rest: [] });
    expect(parseLauncherArgs(['--data=/srv/keyhub']).data).toBe('/srv/keyhub');
  });

  it('takes --dev (what npm run dev passes) wherever it stands, and keeps it from Electron', () => {
    expect(parseLauncherArgs(['--dev'])).toMatchObject({ dev: true, rest: [] });
    expect(parseLauncherArgs(['--dev', '--demo', '--inspect'])).toMatchObject({ dev: true, demo: true, rest: ['--inspect'] });
    expect(parseLauncherArgs(['--data', './d', '--dev'])).toMatchObject({ dev: true, data: './d', rest: [] });
  });

  it('refuses a port that is not a port, and --data without a folder', () => {
    expect(() => parseLauncherArgs(['--port', 'http'])).toThrow(/--port must be a port number/);
    expect(() => parseLauncherArgs(['--port', '70000'])).toThrow(/--port must be a port number/);
    expect(() => parseLauncherArgs(['--data'])).toThrow(/--data needs a folder/);
  });
});

describe('electronBinary', () => {
  it('reports why Electron is missing when its package throws (binary never downloaded)', () => {
    const result = electronBinary(() => {
      throw new Error('Electron failed to install correctly');
    });
    expect(result).toEqual({ missing: 'Electron failed to install correctly' });
  });

  it('reports a named binary that is not on disk, and accepts one that is', () => {
    expect(electronBinary(() => '/nowhere/electron')).toEqual({ missing: '/nowhere/electron does not exist' });
    const dir = mkdtempSync(path.join(tmpdir(), 'keyhub-electron-'));
    try {
      const binary = path.join(dir, 'electron');
      writeFileSync(binary, '');
      expect(electronBinary(() => binary)).toEqual({ path: binary });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('planLaunch', () => {
  const electron = { path: '/e/electron' };
  const noElectron = { missing: 'Electron failed to install correctly' };
  const dataDir = '/home/me/.config/KeyHub';

  it('npm start with Electron: electron-vite preview, handing --data (resolved) and the rest to Electron', () => {
    expect(planLaunch(parseLauncherArgs([]), electron, dataDir)).toEqual({ host: 'electron', electronViteArgs: ['preview'] });
    expect(planLaunch(parseLauncherArgs(['--data', './d', '--inspect']), electron, '/abs/d')).toEqual({
      host: 'electron',
      electronViteArgs: ['preview', '--', '--data', '/abs/d', '--inspect'],
    });
  });

  it('npm run dev with Electron: electron-vite dev, with the same pass-through', () => {
    expect(planLaunch(parseLauncherArgs(['--dev']), electron, dataDir)).toEqual({ host: 'electron', electronViteArgs: ['dev'] });
    expect(planLaunch(parseLauncherArgs(['--dev', '--demo', '--data', './d']), electron, '/abs/d')).toEqual({
      host: 'electron',
      electronViteArgs: ['dev', '--', '--data', '/abs/d'],
    });
  });

  it('without Electron: the browser host, saying why; npm start builds a stale UI, npm run dev watches it', () => {
    expect(planLaunch(parseLauncherArgs([]), noElectron, dataDir)).toEqual({
      host: 'browser',
      electronMissing: 'Electron failed to install correctly',
      ui: 'build-if-stale',
    });
    expect(planLaunch(parseLauncherArgs(['--dev', '--port', '4780']), noElectron, dataDir)).toEqual({
      host: 'browser',
      electronMissing: 'Electron failed to install correctly',
      ui: 'watch',
    });
  });
});

describe('browserFallbackNotice', () => {
  it('npm start: says Electron is missing and why, and that the browser takes its place', () => {
    const notice = browserFallbackNotice({ host: 'browser', electronMissing: 'no dist/', ui: 'build-if-stale' });
    expect(notice).toBe("Electron's binary is not installed here (no dist/); starting KeyHub in your browser instead.");
  });

  it('npm run dev: also says the UI rebuilds on change and that a reload shows it', () => {
    const notice = browserFallbackNotice({ host: 'browser', electronMissing: 'no dist/', ui: 'watch' });
    expect(notice).toContain('npm run dev needs Electron');
    expect(notice).toContain('(no dist/)');
    expect(notice).toContain('rebuilding the UI whenever its sources change');
    expect(notice).toContain('reload the page');
  });
});
