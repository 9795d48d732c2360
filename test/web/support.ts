/** Starts the real browser host on a free port over a temp data folder, and talks to it over real HTTP. */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { ApiErrorBody, Envelope } from '../../src-main/api/errors';
import { startWebHost, type WebHost, type WebHostOptions } from '../../src-main/hosts/web';

export interface TestHost {
  host: WebHost;
  dataDir: string;
  /** Every method called through `call`/`fail`, to prove the whole contract was exercised. */
  called: Set<string>;
  /** POSTs a method with the right token; returns status and envelope. */
  post(method: string, input: unknown, headers?: Record<string, string>): Promise<{ status: number; envelope: Envelope<unknown>; headers: Headers }>;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fail(method: MethodName, input: unknown): Promise<{ status: number; error: ApiErrorBody }>;
  stop(): Promise<void>;
}

export async function startTestHost(options: Partial<WebHostOptions> = {}): Promise<TestHost> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'keyhub-web-'));
  const host = await startWebHost({ dataDir, staticDir: path.join(dataDir, 'no-ui-here'), ...options });
  const called = new Set<string>();

  const post: TestHost['post'] = async (method, input, headers = {}) => {
    called.add(method);
    const response = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-keyhub-token': host.token, ...headers },
      body: JSON.stringify(input),
    });
    return { status: response.status, envelope: (await response.json()) as Envelope<unknown>, headers: response.headers };
  };

  return {
    host,
    dataDir,
    called,
    post,
    async call(method, input) {
      const { status, envelope } = await post(method, input);
      if (!envelope.ok) throw new Error(`${method} failed (${status}): ${envelope.error.code} ${envelope.error.message}`);
      if (status !== 200) throw new Error(`${method} answered ok with HTTP ${status}`);
      return envelope.data as never;
    },
    async fail(method, input) {
      const { status, envelope } = await post(method, input);
      if (envelope.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(envelope.data)}`);
      return { status, error: envelope.error };
    },
    async stop() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with full control of the headers: fetch() refuses to set Host, and adds its own. */
export function rawRequest(options: {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: options.host ?? '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

export function accessControlHeaders(headers: http.IncomingHttpHeaders | Headers): string[] {
  const names = headers instanceof Headers ? [...headers.keys()] : Object.keys(headers);
  return names.filter((name) => name.toLowerCase().startsWith('access-control-'));
}
