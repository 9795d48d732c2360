/** What the user reads when KeyHub cannot start on its data folder. */
import { KeyHubError } from '../../api/errors';

export interface FailureDialog {
  title: string;
  message: string;
}

export function storeOpenFailure(error: unknown, dataDir: string): FailureDialog {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof KeyHubError && error.code === 'STORE_TOO_NEW') {
    return {
      title: 'KeyHub needs an update',
      message: `${detail}\n\nKeyHub will now quit.`,
    };
  }
  if (error instanceof KeyHubError && error.code === 'STORE_INVALID') {
    return {
      title: 'Not a KeyHub data file',
      message: `${detail}\n\nKeyHub will now quit.`,
    };
  }
  if (/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|invalid ELF header|not a valid Win32 application/.test(detail)) {
    // Only an unpackaged checkout gets here: installers rebuild better-sqlite3 for Electron.
    return {
      title: 'KeyHub’s database driver is built for Node.js, not Electron',
      message:
        `better-sqlite3 in node_modules was compiled for Node.js, so Electron cannot load it:\n\n${detail}\n\n` +
        'Start KeyHub with `npm start` (or `npm run dev`): the launcher builds an Electron copy of the driver ' +
        'once, in node_modules/.cache/keyhub, and leaves the Node.js one for the tests and the CLI. ' +
        'KeyHub will now quit.',
    };
  }
  return {
    title: 'KeyHub could not open its data',
    message:
      `KeyHub could not open the data folder ${dataDir}:\n\n${detail}\n\n` +
      'Check that the folder exists and is writable, or choose another with --data or KEYHUB_DATA. KeyHub will now quit.',
  };
}
