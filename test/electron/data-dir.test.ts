import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataDir, dataDirArgument, DataDirArgumentError } from '../../src-main/hosts/electron/data-dir';

const userData = '/home/ana/.config/KeyHub';
const cwd = '/work/here';

describe('dataDirArgument', () => {
  it('reads --data DIR and --data=DIR among Electron and Chromium switches', () => {
    expect(dataDirArgument(['/usr/bin/electron', '.', '--data', '/srv/books'])).toBe('/srv/books');
    expect(dataDirArgument(['KeyHub.exe', '--no-sandbox', '--data=D:\\books', '--inspect=0'])).toBe('D:\\books');
    expect(dataDirArgument(['KeyHub'])).toBeUndefined();
    expect(dataDirArgument(['KeyHub', '--database', 'x'])).toBeUndefined();
  });

  it('refuses --data without a folder', () => {
    expect(() => dataDirArgument(['KeyHub', '--data'])).toThrow(DataDirArgumentError);
    expect(() => dataDirArgument(['KeyHub', '--data', '--demo'])).toThrow(/needs a folder/);
    expect(() => dataDirArgument(['KeyHub', '--data='])).toThrow(/needs a folder/);
  });

  it('stops reading at --', () => {
    expect(dataDirArgument(['KeyHub', '--', '--data', 'x'])).toBeUndefined();
  });
});

describe('chooseDataDir', () => {
  it('defaults to Electron userData', () => {
    expect(chooseDataDir({ argv: ['KeyHub'], env: {}, userData, cwd })).toBe(userData);
  });

  it('takes KEYHUB_DATA over userData', () => {
    expect(chooseDataDir({ argv: ['KeyHub'], env: { KEYHUB_DATA: '/srv/books' }, userData, cwd })).toBe('/srv/books');
  });

  it('takes --data over KEYHUB_DATA', () => {
    const env = { KEYHUB_DATA: '/srv/books' };
    expect(chooseDataDir({ argv: ['KeyHub', '--data', '/srv/other'], env, userData, cwd })).toBe('/srv/other');
  });

  it('resolves relative folders from the working directory', () => {
    expect(chooseDataDir({ argv: ['KeyHub', '--data', 'books'], env: {}, userData, cwd })).toBe(path.resolve(cwd, 'books'));
    expect(chooseDataDir({ argv: ['KeyHub'], env: { KEYHUB_DATA: 'b' }, userData, cwd })).toBe(path.resolve(cwd, 'b'));
  });

  it('treats an empty KEYHUB_DATA as unset', () => {
    expect(chooseDataDir({ argv: ['KeyHub'], env: { KEYHUB_DATA: '' }, userData, cwd })).toBe(userData);
  });
});
