/**
 * Reading Stripe's JSON as stored: fields may be missing, null, an id or the expanded
 * object, whatever the API version wrote. Every reader answers null rather than throw.
 */
import type Database from 'better-sqlite3';
import { statement } from '../../../../store/statements';
import type { StripeJson } from '../types';

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const bool = (v: unknown): boolean => v === true;

/** An id field that may also hold the expanded object. */
export const idOf = (v: unknown): string | null => str(v) ?? str(obj(v)?.id);

/** A child list's rows (`{object: 'list', data: [...]}`), or a plain array. */
export function listData(v: unknown): Json[] {
  const data = Array.isArray(v) ? v : obj(v)?.data;
  return Array.isArray(data) ? data.map(obj).filter((x): x is Json => x !== null) : [];
}

/** `a.b.c` of nested objects. */
export function path(v: unknown, ...keys: string[]): unknown {
  let at: unknown = v;
  for (const key of keys) {
    const o = obj(at);
    if (!o) return undefined;
    at = o[key];
  }
  return at;
}

/** Stripe's unix seconds as KeyHub's UTC ISO text. */
export function isoOf(unixSeconds: unknown): string | null {
  const n = num(unixSeconds);
  return n === null ? null : new Date(n * 1000).toISOString();
}

/** ISO 4217 as KeyHub stores it (Stripe sends lower case). */
export const currencyOf = (v: unknown): string | null => str(v)?.toUpperCase() ?? null;

/** `keyhub_sku` metadata, trimmed; null when absent or blank. */
export function metadataSku(json: Json | null): string | null {
  const value = str(obj(json?.metadata)?.keyhub_sku);
  return value && value.trim() ? value.trim() : null;
}

/**
 * Objects parsed once per stored version (versions only rise, and a rolled-back write
 * takes its version with it), per connection: a page's sessions read the same products,
 * prices and customers again and again.
 */
const parsedCache = new WeakMap<Database.Database, Map<string, { version: number; json: StripeJson | null }>>();
const PARSED_CACHE_SIZE = 5000;

/** A stored Stripe object, parsed (null when not stored). */
export function storedObject(sqlite: Database.Database, id: string | null): StripeJson | null {
  if (!id) return null;
  const stored = statement(sqlite, 'SELECT version FROM stripe_objects WHERE id = ?').pluck().get(id) as number | undefined;
  if (stored === undefined) return null;
  let cache = parsedCache.get(sqlite);
  if (!cache) parsedCache.set(sqlite, (cache = new Map()));
  const hit = cache.get(id);
  if (hit && hit.version === stored) return hit.json;
  const row = statement(sqlite, 'SELECT raw, version FROM stripe_objects WHERE id = ?').get(id) as { raw: string; version: number };
  let json: StripeJson | null;
  try {
    json = JSON.parse(row.raw) as StripeJson;
  } catch {
    json = null;
  }
  if (cache.size >= PARSED_CACHE_SIZE) cache.clear();
  cache.set(id, { version: row.version, json });
  return json;
}

/**
 * Where effects read other objects: this page's objects first (not stored yet when the
 * page's signing keys are worked out), then the store.
 */
export class StripeLookup {
  private readonly cache = new Map<string, StripeJson | null>();
  /** Objects read ahead of the store (a page whose signing keys are worked out before it is stored). */
  readonly page: readonly StripeJson[];
  constructor(
    readonly sqlite: Database.Database,
    page: Iterable<StripeJson> = [],
  ) {
    this.page = [...page];
    for (const json of this.page) this.cache.set(json.id, json);
  }

  get(id: string | null): StripeJson | null {
    if (!id) return null;
    if (!this.cache.has(id)) this.cache.set(id, storedObject(this.sqlite, id));
    return this.cache.get(id) ?? null;
  }
}
