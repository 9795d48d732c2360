import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from '../../src-main/hosts/electron/menu';

// electron's MenuItemConstructorOptions, taken from the module (tests may not import electron).
type MenuItemConstructorOptions = ReturnType<typeof applicationMenuTemplate>[number];

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((i) => i.role).filter(Boolean);

describe('applicationMenuTemplate', () => {
  const openDataFolder = vi.fn();

  it('has File (Quit), Edit, View and Help with Open Data Folder', () => {
    const menu = applicationMenuTemplate({ isDev: false, platform: 'linux', openDataFolder });
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'help']);
    expect(roles(menu)).toContain('quit');
    const item = flatten(menu).find((i) => i.label === 'Open Data Folder');
    (item!.click as () => void)();
    expect(openDataFolder).toHaveBeenCalledOnce();
  });

  it('offers reload and the developer tools in development only', () => {
    const production = roles(applicationMenuTemplate({ isDev: false, platform: 'win32', openDataFolder }));
    const development = roles(applicationMenuTemplate({ isDev: true, platform: 'win32', openDataFolder }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(production).not.toContain(role);
      expect(development).toContain(role);
    }
  });

  it('follows macOS conventions on macOS', () => {
    const menu = applicationMenuTemplate({ isDev: false, platform: 'darwin', openDataFolder });
    expect(menu[0].role).toBe('appMenu');
    expect(roles(menu)).toContain('windowMenu');
    expect(roles(menu)).toContain('close');
  });
});
