/** `npm start`'s decisions: its own arguments, and whether Electron can run here. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../src-main/hosts/electron-binary';
import { parseLauncherArgs } from '../../src-main/hosts/launcher-args';

describe('parseLauncherArgs', () => {
  it('takes --demo, --data, --port and --no-open, and keeps the rest in order for Electron', () => {
    expect(parseLauncherArgs(['--demo', '--data', './try', '--port', '4780', '--no-open', '--inspect', 'x', '--flag=1'])).toEqual({
      demo: true,
      data: './try',
      port: 4780,
      noOpen: true,
      rest: ['--inspect', 'x', '--flag=1'],
    });
    expect(parseLauncherArgs([])).toEqual({ demo: false, data: undefined, port: undefined, noOpen: false, rest: [] });
    expect(parseLauncherArgs(['--data=/srv/keyhub']).data).toBe('/srv/keyhub');
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
