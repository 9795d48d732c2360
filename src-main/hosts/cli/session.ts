/**
 * One CLI command's connection to the store. Every call goes through `invoke`, the
 * same boundary the Electron and browser hosts use; the CLI never calls the domain.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract';
import { createApiContext, invoke, toErrorBody, type ApiContext } from '../../api/dispatch';
import { handlers } from '../../api/handlers';
import { openStore } from '../../store/open';
import { ApiFailure } from './failures';

export const CLI_ACTOR = 'cli';

export class CliSession {
  private ctx: ApiContext | undefined;

  constructor(readonly dataDir: string) {}

  /** Opens the store on first use, so `--help` and usage errors never touch it. */
  context(): ApiContext {
    if (!this.ctx) {
      try {
        this.ctx = createApiContext(openStore({ dataDir: this.dataDir }), CLI_ACTOR, 'cli');
      } catch (error) {
        throw new ApiFailure(toErrorBody(error));
      }
    }
    return this.ctx;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const envelope = await invoke(this.context(), handlers, method, input);
    if (!envelope.ok) throw new ApiFailure(envelope.error);
    return envelope.data as MethodOutput<M>;
  }

  close(): void {
    this.ctx?.vault.lock();
    this.ctx?.store.close();
    this.ctx = undefined;
  }
}
