/**
 * The fake Stripe account over HTTP on 127.0.0.1 (node:http), speaking the REST shapes
 * the official SDK uses: Bearer keys, form-encoded query fields (`created[gte]`,
 * `expand[0]`), list envelopes, Stripe's error envelope and statuses. Every request is
 * logged in `world.requests`; faults set on the world apply before anything else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES, StripeApiError, type Json, type StripeWorld } from './world';

export interface StripeServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startStripeServer(world: StripeWorld): Promise<StripeServer> {
  let requestCount = 0;
  const server = createServer((req, res) => {
    requestCount++;
    try {
      handle(world, req, res, `req_KH${requestCount.toString(36).padStart(12, '0')}`);
    } catch (error) {
      if (error instanceof StripeApiError) send(res, error.status, { error: error.body });
      else send(res, 500, { error: { type: 'api_error', message: `The fake Stripe server failed: ${(error as Error).message}` } });
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(world: StripeWorld, req: IncomingMessage, res: ServerResponse, requestId: string): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const query = parseForm(url.searchParams);
  const key = apiKeyOf(req.headers.authorization);
  const stripeVersion = header(req, 'stripe-version');
  world.requests.push({ method: req.method ?? 'GET', path, query, stripeVersion, key, at: Date.now() });
  res.setHeader('Request-Id', requestId);
  if (stripeVersion) res.setHeader('Stripe-Version', stripeVersion);

  const fault = world.takeFault(path);
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'fail') {
    if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
    const body =
      fault.status === 429
        ? { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.' }
        : { type: 'api_error', message: 'An unknown error occurred.' };
    send(res, fault.status, { error: body });
    return;
  }

  if (!key) {
    send(res, 401, {
      error: {
        type: 'invalid_request_error',
        message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
      },
    });
    return;
  }
  if (!world.keys.has(key)) {
    send(res, 401, { error: { type: 'invalid_request_error', code: 'api_key_invalid', message: `Invalid API Key provided: ${redact(key)}` } });
    return;
  }
  if (req.method !== 'GET') throw unrecognized(req.method, path);

  const route = routeOf(path);
  if (!route) throw unrecognized(req.method, path);
  if (world.isDenied(key, route.type)) {
    send(res, 403, {
      error: {
        type: 'invalid_request_error',
        code: 'secret_key_required',
        message: `The provided key '${redact(key)}' does not have the required permissions for this endpoint on account '${world.accountId}'. Having the 'rak_${route.type.replace('.', '_')}_read' permission would allow this request to continue.`,
      },
    });
    return;
  }
  const expand = asList(query.expand);
  const listUrl = path;
  switch (route.kind) {
    case 'account':
      send(res, 200, world.account());
      return;
    case 'list':
      sendText(res, 200, world.listPageText(route.type, query, listUrl));
      return;
    case 'retrieve':
      sendText(res, 200, world.retrieveText(route.type, route.id, expand));
      return;
    case 'children':
      send(res, 200, world.childList(route.type as 'checkout.session' | 'invoice', route.id, query, listUrl));
      return;
  }
}

type Route =
  | { kind: 'account'; type: 'account' }
  | { kind: 'list'; type: string }
  | { kind: 'retrieve'; type: string; id: string }
  | { kind: 'children'; type: string; id: string };

function routeOf(path: string): Route | undefined {
  if (path === '/v1/account') return { kind: 'account', type: 'account' };
  const children = /^\/v1\/(checkout\/sessions|invoices)\/([^/]+)\/(line_items|lines)$/.exec(path);
  if (children) {
    const [, resource, id, child] = children;
    const parent = RESOURCES[resource].type;
    if ((parent === 'invoice') !== (child === 'lines')) return undefined;
    return { kind: 'children', type: parent, id: decodeURIComponent(id) };
  }
  const match = /^\/v1\/(checkout\/sessions|[a-z_]+)(?:\/([^/]+))?$/.exec(path);
  const resource = match && RESOURCES[match[1]];
  if (!resource) return undefined;
  return match[2] ? { kind: 'retrieve', type: resource.type, id: decodeURIComponent(match[2]) } : { kind: 'list', type: resource.type };
}

function send(res: ServerResponse, status: number, body: Json): void {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function unrecognized(method: string | undefined, path: string): StripeApiError {
  return new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method ?? 'GET'}: ${path}).` });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function apiKeyOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) return bearer[1].trim();
  const basic = /^Basic\s+(.+)$/i.exec(authorization);
  if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
  return undefined;
}

/** Stripe shows a key's start and last four characters only. */
const redact = (key: string) => (key.length <= 12 ? `${key.slice(0, 3)}****` : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`);

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

/**
 * Form fields to nested values the way Stripe reads them: `created[gte]=1` →
 * `{created: {gte: '1'}}`, `expand[0]=a&expand[1]=b` or `expand[]=a` → `{expand: ['a', 'b']}`.
 */
export function parseForm(params: URLSearchParams): Json {
  const out: Json = {};
  for (const [rawKey, value] of params) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const segments = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node: Json = out;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(segments[i + 1]);
      if (Array.isArray(node)) {
        const index = segment === '' ? node.length : Number(segment);
        if (last) node[index] = value;
        else node = node[index] ??= nextIsIndex ? [] : {};
      } else if (last) {
        node[segment] = value;
      } else {
        node = node[segment] ??= nextIsIndex ? [] : {};
      }
    }
  }
  return out;
}
