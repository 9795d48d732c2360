/**
 * An IPN message's text as its fields: `key=value` pairs as written (for the postback),
 * then decoded (`+` is a space, `%XX` escapes are bytes read in the message's
 * `charset`). No Node imports: the renderer may read messages too.
 */
import { isUrlencodedLine, pairKeyOf } from './split';

/** A pair as written, still escaped, with the line it is on. */
export interface RawPair {
  key: string;
  value: string;
  line: number;
}

/** A line of a key=value message that is not a pair. */
export interface StrayLine {
  line: number;
  text: string;
}

export interface WrittenMessage {
  form: 'urlencoded' | 'lines';
  pairs: RawPair[];
  stray: StrayLine[];
}

/** The pairs of a form-urlencoded line, or null when it is not one. */
function urlencodedPairs(line: string, firstLine: number): RawPair[] | null {
  if (!isUrlencodedLine(line)) return null;
  const pairs: RawPair[] = [];
  // Every part has a key and an = (isUrlencodedLine checked); a trailing & ends the loop.
  for (let start = 0; start < line.length; ) {
    let end = line.indexOf('&', start);
    if (end < 0) end = line.length;
    const at = line.indexOf('=', start);
    pairs.push({ key: line.slice(start, at), value: line.slice(at + 1, end), line: firstLine });
    start = end + 1;
  }
  return pairs;
}

/** The pairs of a message whose text starts on `firstLine`. */
export function readPairs(text: string, firstLine = 1): WrittenMessage {
  const form = text.indexOf('\n') < 0 ? urlencodedPairs(text.trim(), firstLine) : null;
  if (form) return { form: 'urlencoded', pairs: form, stray: [] };
  const pairs: RawPair[] = [];
  const stray: StrayLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.charCodeAt(0) === 35 /* # */) continue;
    const key = pairKeyOf(line);
    if (key === null) stray.push({ line: firstLine + i, text: line });
    else pairs.push({ key, value: line.slice(key.length + 1), line: firstLine + i });
  }
  return { form: 'lines', pairs, stray };
}

/** The message as PayPal sent it, for `cmd=_notify-validate`: its pairs joined with `&`, still escaped. */
export function postbackBody(text: string): string {
  const written = readPairs(text);
  if (written.form === 'urlencoded') return text.trim();
  return written.pairs.map((p) => `${p.key}=${p.value}`).join('&');
}

/** Why a value could not be decoded. */
export type DecodeProblem = { kind: 'escape'; escape: string } | { kind: 'bytes' };

const HEX = /^[0-9A-Fa-f]{2}$/;
const PLUS = /\+/g;
/** An escape of a byte above 0x7F, which each charset reads its own way. */
const HIGH_ESCAPE = /%[89A-Fa-f]/;

/**
 * Decodes one form-urlencoded value. `decoder` reads the escaped bytes (fatal, so bytes
 * invalid in the charset are a problem, not U+FFFD). Literal characters stay as they are.
 */
export function decodeFormValue(raw: string, decoder: ByteDecoder): string | DecodeProblem {
  if (raw.indexOf('%') < 0) return raw.indexOf('+') < 0 ? raw : raw.replace(PLUS, ' ');
  // The common case, natively: UTF-8, or escapes of ASCII alone (the same bytes in every charset PayPal names).
  if (decoder.encoding === 'utf-8' || !HIGH_ESCAPE.test(raw)) {
    try {
      return decodeURIComponent(raw.indexOf('+') < 0 ? raw : raw.replace(PLUS, ' '));
    } catch {
      // Malformed: the loop below says how.
    }
  }
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 43 /* + */) {
      out += ' ';
      i++;
    } else if (c === 37 /* % */) {
      // A run of escapes is one byte sequence: a character may take several bytes.
      const bytes: number[] = [];
      let ascii = true;
      while (i < raw.length && raw.charCodeAt(i) === 37) {
        const hex = raw.slice(i + 1, i + 3);
        if (!HEX.test(hex)) return { kind: 'escape', escape: raw.slice(i, i + 3) };
        const byte = parseInt(hex, 16);
        if (byte >= 0x80) ascii = false;
        bytes.push(byte);
        i += 3;
      }
      if (ascii) {
        for (const byte of bytes) out += String.fromCharCode(byte);
      } else {
        try {
          out += decoder.decode(new Uint8Array(bytes));
        } catch {
          return { kind: 'bytes' };
        }
      }
    } else {
      let end = i + 1;
      while (end < raw.length && raw.charCodeAt(end) !== 37 && raw.charCodeAt(end) !== 43) end++;
      out += raw.slice(i, end);
      i = end;
    }
  }
  return out;
}

export const isProblem = (value: string | DecodeProblem): value is DecodeProblem => typeof value !== 'string';

/** Reads bytes as text; `fatal` ones throw on bytes invalid in their charset. */
export interface ByteDecoder {
  readonly encoding: string;
  decode(bytes: Uint8Array): string;
}

/** windows-1252's 0x80–0x9F (the rest is Latin-1); 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay C1 controls, as WHATWG says. */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * windows-1252 (which `iso-8859-1` and `latin1` mean on the web, and so in PayPal's
 * charset field), decoded here: some Node versions' TextDecoder reads it as Latin-1 and
 * turns € into U+0080.
 */
const WINDOWS_1252: ByteDecoder = {
  encoding: 'windows-1252',
  decode(bytes) {
    let out = '';
    for (const byte of bytes) out += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    return out;
  },
};

const decoders = new Map<string, ByteDecoder | null>();

/** A fatal decoder for a charset label (`windows-1252`, `UTF-8`…), or null when the label is unknown. */
export function decoderFor(label: string): ByteDecoder | null {
  const key = label.trim().toLowerCase();
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    try {
      const native = new TextDecoder(key, { fatal: true });
      // Form data is ASCII-based: UTF-16 cannot be what a form was sent in.
      decoder = native.encoding.startsWith('utf-16') ? null : native.encoding === 'windows-1252' ? WINDOWS_1252 : native;
    } catch {
      decoder = null;
    }
    decoders.set(key, decoder);
  }
  return decoder;
}

/** The message's `charset` as written (decoded as ASCII), or null when it names none. */
export function charsetOf(pairs: RawPair[]): { value: string; line: number; conflict?: string } | null {
  const read = pairs
    .filter((p) => p.key === 'charset')
    .map((p) => ({ value: decodeFormValue(p.value, UTF8), line: p.line }))
    .filter((p): p is { value: string; line: number } => typeof p.value === 'string' && p.value.trim() !== '')
    .map((p) => ({ value: p.value.trim(), line: p.line }));
  if (!read.length) return null;
  // Two different charsets: the message cannot be read either way for sure.
  const other = read.find((p) => p.value.toLowerCase() !== read[0].value.toLowerCase());
  return other ? { ...read[0], conflict: other.value } : read[0];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new Map<string, ByteDecoder>();

/** Like decoderFor, but bytes invalid in the charset become U+FFFD, and an unknown label reads as UTF-8. */
function lenientDecoder(label: string): ByteDecoder {
  const key = label.trim().toLowerCase();
  let decoder = LENIENT.get(key);
  if (!decoder) {
    let native: TextDecoder;
    try {
      native = new TextDecoder(key);
    } catch {
      native = new TextDecoder('utf-8');
    }
    decoder = native.encoding === 'windows-1252' ? WINDOWS_1252 : native;
    LENIENT.set(key, decoder);
  }
  return decoder;
}

/**
 * The message's fields in order, decoded, for reading (the transaction page shows the
 * raw message so). Never throws: a broken escape stays as written, bytes invalid in the
 * charset become U+FFFD, an unknown charset is read as UTF-8. Lines that are not pairs
 * are left out.
 */
export function ipnFields(text: string): Array<{ key: string; value: string }> {
  const { pairs } = readPairs(text);
  const decoder = lenientDecoder(charsetOf(pairs)?.value ?? 'utf-8');
  const read = (raw: string) => {
    const value = decodeFormValue(raw, decoder);
    return typeof value === 'string' ? value : raw;
  };
  return pairs.map((p) => ({ key: read(p.key), value: read(p.value) }));
}
