import { describe, expect, it } from 'vitest';
import { KeyHubError } from '../../src-main/api/errors';
import { storeOpenFailure } from '../../src-main/hosts/electron/startup-failure';

describe('storeOpenFailure', () => {
  it('tells the user to update KeyHub for a store from a newer version', () => {
    const error = new KeyHubError('STORE_TOO_NEW', '/d/keyhub.db was written by a newer KeyHub (schema version 9).');
    const dialog = storeOpenFailure(error, '/d');
    expect(dialog.title).toBe('KeyHub needs an update');
    expect(dialog.message).toContain('written by a newer KeyHub');
    expect(dialog.message).toContain('quit');
  });

  it('names a foreign SQLite file as such', () => {
    const dialog = storeOpenFailure(new KeyHubError('STORE_INVALID', 'x is not a KeyHub data file'), '/d');
    expect(dialog.title).toBe('Not a KeyHub data file');
  });

  it('says which folder failed and how to choose another, for anything else', () => {
    const dialog = storeOpenFailure(new Error('EACCES: permission denied'), '/srv/books');
    expect(dialog.message).toContain('/srv/books');
    expect(dialog.message).toContain('EACCES');
    expect(dialog.message).toContain('--data');
  });
});

describe('storeOpenFailure, when the native driver was built for the wrong runtime', () => {
  it('explains the ABI mismatch and points at the launcher, not at rebuilding node_modules', () => {
    const error = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a " +
        'different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137.',
    );
    const dialog = storeOpenFailure(error, '/d');
    expect(dialog.title).toContain('built for Node.js, not Electron');
    expect(dialog.message).toContain('npm start');
    expect(dialog.message).toContain('node_modules/.cache/keyhub');
    expect(dialog.message).not.toContain('install-app-deps');
    expect(dialog.message).toContain('NODE_MODULE_VERSION 115');
  });
});
