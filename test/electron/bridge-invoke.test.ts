import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../src-main/api/contract';
import { createBridge } from '../../src-main/hosts/electron/bridge-invoke';

describe('createBridge (the preload side of window.keyhub)', () => {
  it('forwards contract methods to the main process and returns its envelope', async () => {
    const send = vi.fn(async () => ({ ok: true, data: { name: 'KeyHub' } }));
    const bridge = createBridge(METHOD_NAMES, send);
    await expect(bridge.invoke('system.info', {})).resolves.toEqual({ ok: true, data: { name: 'KeyHub' } });
    expect(send).toHaveBeenCalledWith('system.info', {});
  });

  it('refuses unknown methods itself, without a round trip', async () => {
    const send = vi.fn();
    const bridge = createBridge(METHOD_NAMES, send);
    const invoke = bridge.invoke as (method: unknown, input?: unknown) => Promise<unknown>;
    for (const method of ['vendor.drop', 'constructor', '__proto__', 42, undefined]) {
      await expect(invoke(method)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(send).not.toHaveBeenCalled();
  });

  it('turns a failed delivery into an envelope instead of a rejection', async () => {
    const bridge = createBridge(METHOD_NAMES, async () => {
      throw new Error('An object could not be cloned.');
    });
    await expect(bridge.invoke('vendor.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('could not be cloned') },
    });
  });

  it('lists every contract method, frozen', () => {
    const bridge = createBridge(METHOD_NAMES, vi.fn());
    expect(bridge.methods).toEqual(METHOD_NAMES);
    expect(Object.isFrozen(bridge.methods)).toBe(true);
  });
});
