import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src-main/hosts/electron/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', iconPath: '/app/resources/icon.png' });
  const web = options.webPreferences!;

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the CommonJS preload and waits to show until painted', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.title).toBe('KeyHub');
    expect(options.icon).toBe('/app/resources/icon.png');
  });

  it('leaves the icon out when there is none', () => {
    expect('icon' in mainWindowOptions({ preloadPath: '/p.cjs' })).toBe(false);
  });
});
