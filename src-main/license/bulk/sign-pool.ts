/**
 * Signs many payloads with one key on every core: worker threads each hold a Node
 * KeyObject for the seed and return 64-byte signatures in one transferred buffer.
 * The workers are terminated on close, which drops their copies of the key.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ED25519_PKCS8_PREFIX, nodeSigner } from '../ed25519';
import type { Signer } from '../signer';

const SIGNATURE_BYTES = 64;

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, vitest and
// the bundled Electron main (no separate worker file to locate).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const der = Buffer.from(workerData.der);
workerData.der.fill(0);
const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
der.fill(0);
parentPort.on('message', ({ id, payloads }) => {
  const out = new Uint8Array(payloads.length * ${SIGNATURE_BYTES});
  for (let i = 0; i < payloads.length; i++) out.set(sign(null, Buffer.from(payloads[i], 'utf8'), key), i * ${SIGNATURE_BYTES});
  parentPort.postMessage({ id, signatures: out }, [out.buffer]);
});
`;

export interface SignPoolOptions {
  /** Worker threads; default: one per core. 0 signs on the calling thread. */
  workers?: number;
}

export class SignPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (sigs: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private readonly local: Signer | null;
  readonly keyId: string;

  constructor(seed: Uint8Array, options: SignPoolOptions = {}) {
    const count = options.workers ?? availableParallelism();
    const signer = nodeSigner(seed);
    this.keyId = signer.keyId;
    this.local = count === 0 ? signer : null;
    for (let i = 0; i < count; i++) {
      const der = new Uint8Array(ED25519_PKCS8_PREFIX.length + seed.length);
      der.set(ED25519_PKCS8_PREFIX, 0);
      der.set(seed, ED25519_PKCS8_PREFIX.length);
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { der }, transferList: [der.buffer] });
      worker.on('message', ({ id, signatures }: { id: number; signatures: Uint8Array }) => {
        this.pending.get(id)?.resolve(signatures);
        this.pending.delete(id);
      });
      worker.on('error', (error) => this.failAll(error));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return Math.max(1, this.workers.length);
  }

  /** Signatures in payload order, split across the workers. */
  async sign(payloads: string[]): Promise<Uint8Array[]> {
    if (this.local) return payloads.map((p) => this.local!.sign(Buffer.from(p, 'utf8')));
    const per = Math.ceil(payloads.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, w) => this.signOn(worker, payloads.slice(w * per, (w + 1) * per))),
    );
    const out: Uint8Array[] = [];
    for (const part of parts) {
      for (let i = 0; i < part.length; i += SIGNATURE_BYTES) out.push(part.subarray(i, i + SIGNATURE_BYTES));
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }

  private signOn(worker: Worker, payloads: string[]): Promise<Uint8Array> {
    if (payloads.length === 0) return Promise.resolve(new Uint8Array(0));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, payloads });
    });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
