/** Writes test fixtures into a data folder in-process (through the API), faster than spawning the CLI. */
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { handlers } from '../../src-main/api/handlers';
import { openStore } from '../../src-main/store/open';
import { createApiContext, invoke } from '../../src-main/api/dispatch';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export async function seedStore(dataDir: string, seed: (call: Call) => Promise<void>): Promise<void> {
  const store = openStore({ dataDir });
  const ctx = createApiContext(store, 'test', 'test');
  const call: Call = async (method, input) => {
    const envelope = await invoke(ctx, handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.data as never;
  };
  try {
    await seed(call);
  } finally {
    store.close();
  }
}
