/** The application menu as a template: plain data, so it is tested without electron. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  /** Reload and the developer tools are for development builds only. */
  isDev: boolean;
  platform: NodeJS.Platform;
  openDataFolder: () => void;
}

export function applicationMenuTemplate({ isDev, platform, openDataFolder }: MenuInput): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    // macOS puts About/Hide/Quit in a menu named after the app.
    ...(isMac ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    {
      label: '&File',
      submenu: [isMac ? { role: 'close' } : { role: 'quit', label: 'Quit KeyHub' }],
    },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    ...(isMac ? ([{ role: 'windowMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    {
      role: 'help',
      submenu: [{ label: 'Open Data Folder', click: () => openDataFolder() }],
    },
  ];
}
