import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlers } from '../../src-main/api/handlers';
import { createInvokeHandler, type InvokeHandler } from '../../src-main/hosts/electron/ipc-handler';
import { openStore, type Store } from '../../src-main/store/open';
import { createApiContext } from '../../src-main/api/dispatch';

const APP_URL = 'file:///app/out/renderer/index.html';

describe('the keyhub:invoke handler, on a real store', () => {
  let dir: string;
  let store: Store;
  let handle: InvokeHandler;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'keyhub-ipc-'));
    store = openStore({ dataDir: dir });
    handle = createInvokeHandler({
      ctx: createApiContext(store, 'desktop', 'electron'),
      handlers,
      isAllowedSender: (url) => url === APP_URL,
    });
  });

  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers the app's own window through the shared API", async () => {
    const reply = await handle(APP_URL, 'system.info', {});
    expect(reply).toMatchObject({ ok: true, data: { name: 'KeyHub', host: 'electron', dataDir: dir } });
  });

  it('refuses any other sender with FORBIDDEN, before looking at the method', async () => {
    for (const sender of ['https://evil.example/', 'devtools://devtools/bundled/devtools_app.html', undefined]) {
      const reply = await handle(sender, 'system.info', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('answers unknown methods and bad input with envelopes, never by throwing', async () => {
    await expect(handle(APP_URL, 'vendor.drop', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    await expect(handle(APP_URL, 'vendor.get', { id: 'seven' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('turns a handler that blows up into an INTERNAL envelope', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {}); // the expected "[keyhub] system.info failed"
    const broken = createInvokeHandler({
      ctx: createApiContext(store, 'desktop', 'electron'),
      handlers: {
        ...handlers,
        'system.info': () => {
          throw new Error('boom');
        },
      },
      isAllowedSender: () => true,
    });
    await expect(broken(APP_URL, 'system.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
