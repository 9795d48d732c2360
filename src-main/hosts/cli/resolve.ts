/**
 * Names people type for records, turned into ids through the API: a SKU by id or code,
 * a signing key by id or fingerprint.
 */
import { InvalidArgumentError } from 'commander';
import type { SkuRow } from '../../domain/catalog/types';
import type { SigningKeyRow } from '../../domain/keys/types';
import { ApiFailure } from './failures';
import type { CliSession } from './session';

export type KeyRef = { id: number } | { fingerprint: string };

/** Parses KEY: a key id, or its fingerprint (16 hex digits, the Key-Id of the files it signs). */
export function keyRef(value: string): KeyRef {
  const text = value.trim();
  if (/^[0-9a-fA-F]{16}$/.test(text)) return { fingerprint: text.toLowerCase() };
  if (/^\d+$/.test(text) && Number(text) >= 1) return { id: Number(text) };
  throw new InvalidArgumentError(`"${value}" is not a key id or a 16-hex-digit fingerprint.`);
}

export function keyRefs(value: string, previous: KeyRef[] | undefined): KeyRef[] {
  return [...(previous ?? []), keyRef(value)];
}

/** The key's id; fingerprints are looked up among every key, retired ones too. */
export async function resolveKey(session: CliSession, ref: KeyRef, keys?: SigningKeyRow[]): Promise<number> {
  if ('id' in ref) return ref.id;
  const all = keys ?? (await session.call('key.list', { includeRetired: true }));
  const match = all.find((key) => key.fingerprint === ref.fingerprint);
  if (!match) {
    throw new ApiFailure({ code: 'NOT_FOUND', message: `No signing key here has the fingerprint ${ref.fingerprint}. See them all: keyhub key list --all`, details: { fingerprint: ref.fingerprint } });
  }
  return match.id;
}

export async function resolveKeys(session: CliSession, refs: KeyRef[]): Promise<number[]> {
  const keys = refs.some((ref) => 'fingerprint' in ref) ? await session.call('key.list', { includeRetired: true }) : [];
  return Promise.all(refs.map((ref) => resolveKey(session, ref, keys)));
}

/** Why a SKU code names no SKU, or several: the message for one code. */
export class SkuLookupError extends Error {}

/**
 * Looks SKU codes up through `sku.list`, ignoring case (codes are unique per vendor
 * ignoring case), once per code. `vendorId` picks between vendors that share a code.
 */
export class SkuResolver {
  private readonly cache = new Map<string, Promise<SkuRow>>();

  constructor(
    private readonly session: CliSession,
    private readonly vendorId?: number,
  ) {}

  /** The SKU's id, for an id or a code; throws SkuLookupError for an unknown or ambiguous code. */
  async id(value: string): Promise<number> {
    const text = value.trim();
    if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
    return (await this.byCode(text)).id;
  }

  byCode(code: string): Promise<SkuRow> {
    const key = code.toLowerCase();
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookUp(code);
      this.cache.set(key, found);
    }
    return found;
  }

  private async lookUp(code: string): Promise<SkuRow> {
    if (!code) throw new SkuLookupError('The SKU is empty.');
    const page = await this.session.call('sku.list', { search: code, limit: 500, ...(this.vendorId !== undefined && { vendorId: this.vendorId }) });
    const matches = page.items.filter((s) => s.sku.toLowerCase() === code.toLowerCase());
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) {
      throw new SkuLookupError(
        this.vendorId !== undefined
          ? `Vendor ${this.vendorId} has no SKU "${code}". See its SKUs: keyhub sku list --vendor ${this.vendorId}`
          : `No SKU has the code "${code}". See them: keyhub sku list --search ${code}`,
      );
    }
    const vendors = matches.map((s) => `${s.vendorName} (vendor ${s.vendorId})`).join(', ');
    throw new SkuLookupError(`Several vendors have a SKU "${code}": ${vendors}. Add --vendor ID to choose, or give the SKU's id.`);
  }
}

/** One SKU for a flag: a lookup failure is a validation error naming that flag's field. */
export async function resolveSkuFlag(session: CliSession, value: string, vendorId: number | undefined, field = 'skuId'): Promise<number> {
  try {
    return await new SkuResolver(session, vendorId).id(value);
  } catch (error) {
    if (!(error instanceof SkuLookupError)) throw error;
    throw new ApiFailure({ code: 'VALIDATION', message: error.message, details: { fields: { [field]: error.message } } });
  }
}
