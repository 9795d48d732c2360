/** The main window's options: the security settings live here, in one testable place. */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Window icon for Linux and Windows; macOS takes the bundle's icon. */
  iconPath?: string;
}

export function mainWindowOptions({ preloadPath, iconPath }: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'KeyHub',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      // The renderer is a web page: no Node, its own JS world, an OS-sandboxed process.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace KeyHub's page with the file.
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
