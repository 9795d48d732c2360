/**
 * What one search box's text can mean: the start of an owner's name (or of its second
 * word), words of a customer's or contact's name or email, the start of a domain (or of
 * its parent domain), a license id, an app id (or its first 8+ hex digits) or an app
 * key. Pure: turns the text into index ranges, an FTS5 query and exact keys; search.ts
 * runs them.
 */
import { normalizeDomain } from '../../license/verifier/domain-name';

export interface SearchTerms {
  /** FTS5 query over customers' and users' names and emails: every word must match, each as a word prefix. */
  words: string | null;
  /** The start of an owner's name, spaces collapsed, ASCII lower case (as SQLite's NOCASE compares). */
  name: string;
  /** The start of a domain name or of its parent domain, in stored (normal) form. */
  domain: string | null;
  /** The text is a number (or `#12`): that license. */
  licenseId: number | null;
  /** A whole GUID: an app with that id, or the app holding an app key with that id. */
  guid: string | null;
  /** 8 or more hex digits of a GUID's start (dashes optional), as stored: lower case, dashed. */
  guidPrefix: string | null;
}

/** The characters FTS5's unicode61 tokenizer keeps in a token (letters, digits, private use). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const GUID_DASHES = [8, 12, 16, 20];

function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/**
 * One typed word as an FTS5 phrase: its tokens in order ("shop.example.com" is
 * shop + example + com), the last one a prefix ("kath" finds Kathrin). A single letter
 * stays exact: as a prefix it would match most of a large store.
 */
function phrase(word: string): string | null {
  const parts = tokens(word);
  if (!parts.length) return null;
  const last = parts[parts.length - 1];
  return parts.map((t) => `"${t}"`).join(' + ') + (last.length >= 2 ? '*' : '');
}

function wordsQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/)
    .map(phrase)
    .filter((p): p is string => p !== null);
  return phrases.length ? phrases.join(' AND ') : null;
}

/** `3F2B9C1E5D4A` or `{3f2b9c1e-5d4a` -> `3f2b9c1e-5d4a`; null unless 8+ hex digits and nothing else. */
function guidPrefixOf(text: string): string | null {
  const bare = text.replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
  if (!/^[0-9a-f-]+$/.test(bare)) return null;
  const hex = bare.replaceAll('-', '');
  if (hex.length < 8 || hex.length > 32) return null;
  let out = '';
  for (let i = 0; i < hex.length; i++) out += (GUID_DASHES.includes(i) ? '-' : '') + hex[i];
  return out;
}

/**
 * A domain typed as a URL or with www. is searched in its stored (normal) form; a part
 * of one ("shop.exa", "kath") as it is, lower case.
 */
function domainPrefix(text: string): string | null {
  // Spaces are names; an email's domain is not the customer's licensed site.
  if (/[\s@]/.test(text)) return null;
  const normal = normalizeDomain(text);
  if (normal.ok) return normal.domain;
  const part = text.toLowerCase().replace(/^www\./, '');
  return /^[a-z0-9][a-z0-9.-]*$/.test(part) ? part : null;
}

export function parseSearch(input: string | undefined): SearchTerms | null {
  const text = (input ?? '').trim();
  if (!text) return null;
  const idMatch = /^#?(\d{1,15})$/.exec(text);
  const licenseId = idMatch ? Number(idMatch[1]) : null;
  const prefix = guidPrefixOf(text);
  const guid = prefix !== null && prefix.length === 36 ? prefix : null;
  return {
    words: wordsQuery(text),
    name: text.replace(/\s+/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase()),
    domain: domainPrefix(text),
    licenseId: licenseId !== null && licenseId > 0 && Number.isSafeInteger(licenseId) ? licenseId : null,
    guid,
    guidPrefix: guid === null ? prefix : null,
  };
}

/** The first string after every string that starts with `prefix` (for an index range). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
