/**
 * Quitting under a sync that cannot stop in time (Stripe does not answer): the run is
 * marked interrupted on the way out instead of looking alive until its heartbeat goes
 * stale, both when the app quits after waiting for it and on a second Ctrl-C in the
 * CLI; should the run carry on meanwhile, it finds its lease gone and writes nothing.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { writeStripeSettings } from '../../src-main/domain/settings/settings';
import { runningRun } from '../../src-main/domain/sync/runs';
import { settleStripeSync } from '../../src-main/domain/sync/stripe/service';
import type { SyncRun } from '../../src-main/domain/sync/types';
import { openStore } from '../../src-main/store/open';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { BIN, removeDir, ROOT, tempDataDir } from '../cli/support';
import { licensing } from '../domain/license-lifecycle-fixture';
import { startStripeServer, type StripeServer } from '../support/stripe/server';
import { FAKE_STRIPE_KEY, StripeWorld } from '../support/stripe/world';
import { TEST_KDF_COST, tempStore } from '../support/temp-store';
import { populate } from './stripe-sync-support';

const QUIT_MESSAGE = 'Stopped when KeyHub quit, before the page in flight was stored. The next sync resumes from where it stopped.';

/** An address that accepts connections and never answers (Stripe hanging). */
interface Silent {
  url: string;
  connections: () => number;
  close(): void;
}

async function silentServer(): Promise<Silent> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 800; i++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Stripe connected (through the fake server, which checks the key), then pointed at one that never answers. */
async function connectedThenSilent(call: (method: 'stripe.connect', input: { secretKey: string; apiBase: string }) => Promise<unknown>, db: Parameters<typeof writeStripeSettings>[0]) {
  const world = new StripeWorld();
  populate(world);
  const stripe: StripeServer = await startStripeServer(world);
  cleanups.push(() => stripe.close());
  await call('stripe.connect', { secretKey: FAKE_STRIPE_KEY, apiBase: stripe.url });
  const silent = await silentServer();
  cleanups.push(() => silent.close());
  writeStripeSettings(db, 'test', { apiBase: silent.url });
  return silent;
}

describe('Quitting under a Stripe sync', () => {
  it('marks the run interrupted when the host stops waiting for it; the run, answered at last, writes nothing more', async () => {
    const t = tempStore();
    cleanups.push(() => t.cleanup());
    await licensing(t);
    const silent = await connectedThenSilent((m, input) => t.call(m, input), t.store.db);

    const job = await t.call('stripe.sync', {});
    await until(() => silent.connections() > 0, 'the first request');
    const running = runningRun(t.store.sqlite, 'stripe')!;
    expect(running).toMatchObject({ status: 'running' });

    await settleStripeSync(t.ctx, 50);
    const quit = t.store.sqlite.prepare('SELECT * FROM sync_runs WHERE id = ?').get(running.id) as Record<string, unknown>;
    expect(quit).toMatchObject({ status: 'interrupted', message: QUIT_MESSAGE });
    expect(runningRun(t.store.sqlite, 'stripe')).toBeNull();

    // Stripe's connection fails at last: the run would retry, finds its lease gone, and stops without writing.
    silent.close();
    const ended = await t.ctx.jobs.wait(job.id, undefined, 25);
    expect(ended.result).toMatchObject({ id: running.id, status: 'interrupted', message: QUIT_MESSAGE });
    expect(t.store.sqlite.prepare('SELECT * FROM sync_runs WHERE id = ?').get(running.id)).toEqual(quit);
  });

  it('a second Ctrl-C in the CLI leaves at once, and the run is recorded as interrupted on the way out', async () => {
    const PASS = 'correct horse battery';
    const dataDir = tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const store = openStore({ dataDir });
    const ctx = createApiContext(store, 'test', 'test', { kdfCost: TEST_KDF_COST });
    const call = async (method: string, input: unknown) => {
      const envelope = await invoke(ctx, handlers, method, input);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.data;
    };
    try {
      await call('vault.setup', { passphrase: PASS });
      await connectedThenSilent((m, input) => call(m, input), store.db);
    } finally {
      ctx.vault.lock();
      store.close();
    }

    const child = spawn(process.execPath, [BIN, '--data', dataDir, 'sync', 'stripe'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', KEYHUB_DATA: '', XDG_CONFIG_HOME: path.join(tmpdir(), 'keyhub-cli-tests-home'), KEYHUB_PASSPHRASE: PASS },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const runRows = () => {
      const reader = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return reader.prepare('SELECT id, status, message FROM sync_runs ORDER BY id').all() as Array<Pick<SyncRun, 'id' | 'status' | 'message'>>;
      } finally {
        reader.close();
      }
    };
    await until(() => runRows().some((r) => r.status === 'running'), 'the CLI’s run to start');
    child.kill('SIGINT');
    await until(() => stderr.includes('Stopping after the current page'), 'the first Ctrl-C');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Quit before the current page was stored; the run is recorded as interrupted and the next sync resumes from the last page stored.');
    expect(runRows()).toEqual([{ id: 1, status: 'interrupted', message: QUIT_MESSAGE }]);
  });
});
