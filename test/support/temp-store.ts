/** A real KeyHub store in a fresh temporary folder, and a typed caller through the API boundary. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiContext, invoke, type ApiContext } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { ApiErrorBody } from '../../src-main/api/errors';
import { openStore, type Store } from '../../src-main/store/open';

/** A cheap scrypt cost so tests that set passphrases stay fast; real stores use the default. */
export const TEST_KDF_COST = { N: 2 ** 10, r: 8, p: 1 };

export function tempDir(prefix = 'keyhub-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface TempStore {
  dir: string;
  store: Store;
  ctx: ApiContext;
  /** Calls a method and returns its data; throws with the envelope's message on failure. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method that must fail and returns the error body. */
  fail<M extends MethodName>(method: M, input: MethodInput<M> | unknown): Promise<ApiErrorBody>;
  cleanup(): void;
}

export function tempStore(): TempStore {
  const dir = tempDir();
  const store = openStore({ dataDir: dir });
  const ctx: ApiContext = createApiContext(store, 'test', 'test', { kdfCost: TEST_KDF_COST });
  return {
    dir,
    store,
    ctx,
    async call(method, input) {
      const result = await invoke(ctx, handlers, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
    async fail(method, input) {
      const result = await invoke(ctx, handlers, method, input);
      if (result.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result.data)}`);
      return result.error;
    },
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
