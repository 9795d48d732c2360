/**
 * Cuts a file (or pasted text) of PayPal IPN / e-junkie messages into messages, without
 * reading what they say. Plain strings and byte chunks only (no Node imports): the
 * browser's import dialog uses it too.
 *
 * Two forms, which may be mixed in one file:
 * - a form-urlencoded line (`a=1&b=2&…`, PayPal's POST body) is one whole message;
 * - otherwise one `key=value` pair a line (the seed's sample; leading and trailing
 *   spaces and tabs do not count). Blank lines separate messages, except that a block
 *   after a blank line that repeats none of the message's keys so far continues it
 *   (e-junkie's trailing `ej_txn_id=…` after a blank line belongs to its message).
 * Lines starting with `#` are comments: they separate like blank lines and are never
 * read as fields. A line that is neither stays in its message (the parser rejects the
 * message and names the line) or, standing alone, is a "message" of its own that the
 * parser rejects, so nothing in a file is skipped without a word.
 *
 * Each message keeps its text exactly from its first line to its last (blank lines and
 * comments inside included, line endings as LF), so a field's line is the message's
 * line plus its index in the text.
 */
import type { RejectedMessage } from '../types';

/** One message as cut from the input: the (1-based) line its text starts on, and the text. */
export interface IpnMessageText {
  line: number;
  text: string;
}

/** Messages to send in one `transaction.importIpn` call, and those refused before sending (too large). */
export interface IpnBatch {
  messages: IpnMessageText[];
  rejected: RejectedMessage[];
}

export interface BatchLimits {
  /** At most this many messages a batch. */
  maxMessages: number;
  /** At most about this many bytes a batch, measured as the messages' JSON (a host's request limit). */
  maxBytes: number;
}

/** As the API's limit on one message's text (characters). */
export const MAX_MESSAGE_CHARS = 256 * 1024;

/** For the CLI and the bench (in-process calls). */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxMessages: 5000, maxBytes: 4 * 1024 * 1024 };

/** For the UI: the browser host takes request bodies up to 1 MiB; this leaves room for the JSON around the messages. */
export const BROWSER_BATCH_LIMITS: BatchLimits = { maxMessages: 500, maxBytes: 768 * 1024 };

/** A line longer than this is not kept whole (its message is refused as too large anyway). */
const LINE_CAP = MAX_MESSAGE_CHARS;
/** What is kept of an over-long line: enough to tell its form. */
const OVERLONG_PREFIX = 1024;

const WHITESPACE = /\s/;

/** The key of a `key=value` line (trimmed), as written; null for a line that is not a pair. */
export function pairKeyOf(trimmedLine: string): string | null {
  const at = trimmedLine.indexOf('=');
  if (at <= 0) return null;
  const first = trimmedLine.charCodeAt(0);
  if (first === 35 /* # */ || first === 38 /* & */) return null;
  for (let i = 1; i < at; i++) if (trimmedLine.charCodeAt(i) <= 32) return null;
  return trimmedLine.slice(0, at);
}

/**
 * True for a form-urlencoded message on one line: no spaces, and at least two
 * `&`-separated `key=value` parts (a trailing `&` is allowed). A hot path: native searches, no splitting.
 */
export function isUrlencodedLine(trimmedLine: string): boolean {
  if (trimmedLine.indexOf('&') < 0 || WHITESPACE.test(trimmedLine)) return false;
  const n = trimmedLine.length;
  let pairs = 0;
  let i = 0;
  while (i < n) {
    const keyStart = i;
    for (; i < n; i++) {
      const c = trimmedLine.charCodeAt(i);
      if (c === 61 /* = */) break;
      if (c === 38 /* & */) return false;
    }
    if (i === keyStart || i === n) return false;
    i = trimmedLine.indexOf('&', i + 1);
    if (i < 0) i = n;
    pairs++;
    i++; // past the & (a trailing one ends the loop)
  }
  return pairs >= 2;
}

const isSeparator = (trimmed: string) => trimmed === '' || trimmed.charCodeAt(0) === 35; /* # */

interface Block {
  line: number;
  /** The lines from the block's first to its last, as written. */
  lines: string[];
  keys: Set<string>;
  /** Every non-separator line is a `key=value` pair. */
  allPairs: boolean;
  chars: number;
  tooLarge: boolean;
}

const newBlock = (line: number): Block => ({ line, lines: [], keys: new Set(), allPairs: true, chars: 0, tooLarge: false });

/** Adds a line to a block; `key` undefined for a blank or comment line inside it. */
function addTo(block: Block, raw: string, key: string | null | undefined, overlong: boolean): void {
  if (key === null) block.allPairs = false;
  if (block.tooLarge) return;
  block.chars += raw.length + 1;
  if (overlong || block.chars > MAX_MESSAGE_CHARS) {
    // Too large to import: keep counting lines, but drop the text (memory stays flat).
    block.tooLarge = true;
    block.lines = [];
    block.keys.clear();
    return;
  }
  block.lines.push(raw);
  if (key) block.keys.add(key);
}

function tooLargeRejection(line: number): RejectedMessage {
  return { line, txnId: null, reason: `The message is larger than ${MAX_MESSAGE_CHARS / 1024} KB, more than any IPN message: nothing recorded (is the file an IPN file?).` };
}

/**
 * The cutting itself, fed one line at a time (without its line ending). Finished
 * messages and refusals are passed to `emit`.
 */
export class IpnMessageCutter {
  /** The message being read. */
  private current: Block | null = null;
  /** Blank and comment lines since the current message's last line. */
  private gap: string[] = [];
  /** A block after a gap, not yet known to continue the current message or start a new one. */
  private pending: Block | null = null;

  constructor(private readonly emit: (message: IpnMessageText | null, rejected: RejectedMessage | null) => void) {}

  /** `overlong`: the line was longer than the cap and `raw` is only its start. */
  push(raw: string, lineNo: number, overlong = false): void {
    const trimmed = raw.trim();
    if (isSeparator(trimmed)) {
      if (this.pending) this.settlePending();
      if (this.current) this.gap.push(raw);
      return;
    }
    if (isUrlencodedLine(trimmed) || (overlong && trimmed.indexOf('&') >= 0 && !/\s/.test(trimmed))) {
      this.finish();
      if (overlong) this.emit(null, tooLargeRejection(lineNo));
      else this.emit({ line: lineNo, text: trimmed }, null);
      return;
    }
    const key = pairKeyOf(trimmed);
    if (!this.current) {
      this.current = newBlock(lineNo);
      addTo(this.current, raw, key, overlong);
      return;
    }
    if (this.gap.length === 0) {
      addTo(this.current, raw, key, overlong);
      return;
    }
    this.pending ??= newBlock(lineNo);
    addTo(this.pending, raw, key, overlong);
    // A repeated key, or a line that is not a pair, settles it: a new message starts here.
    if (key === null || this.current.keys.has(key) || !this.current.allPairs) this.startFromPending();
  }

  /** Ends the input: the last message is emitted. */
  finish(): void {
    if (this.pending) this.settlePending();
    this.flushCurrent();
  }

  private settlePending(): void {
    const block = this.pending!;
    const current = this.current!;
    if (!block.allPairs || !current.allPairs || current.tooLarge || block.tooLarge) {
      this.startFromPending();
      return;
    }
    for (const key of block.keys) {
      if (current.keys.has(key)) {
        this.startFromPending();
        return;
      }
    }
    // It continues the message: the gap's lines become part of its text, so line numbers hold.
    for (const line of this.gap) addTo(current, line, undefined, false);
    for (const line of block.lines) addTo(current, line, pairKeyOf(line.trim()), false);
    this.pending = null;
    this.gap = [];
  }

  private startFromPending(): void {
    this.flushCurrent();
    this.current = this.pending;
    this.pending = null;
  }

  private flushCurrent(): void {
    const block = this.current;
    this.current = null;
    this.gap = [];
    if (!block) return;
    if (block.tooLarge) this.emit(null, tooLargeRejection(block.line));
    else this.emit({ line: block.line, text: block.lines.join('\n') }, null);
  }
}

/** Text whose JSON is its length plus one byte a line break: printable ASCII but `"` and `\\`, and line breaks. */
const PLAIN_JSON = /^[\n\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** About how many bytes a message adds to a JSON request: its text as UTF-8, escapes and the object around it. */
export function jsonBytesOf(message: IpnMessageText): number {
  const text = message.text;
  let bytes = 32 + text.length;
  if (PLAIN_JSON.test(text)) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) bytes++;
    return bytes;
  }
  bytes = 32;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 10 || c === 9 || c === 13 ? 2 : 6;
    else if (c === 34 || c === 92) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Collects emitted messages into batches within the limits. */
class Batcher {
  private batch: IpnBatch = { messages: [], rejected: [] };
  private bytes = 0;
  readonly ready: IpnBatch[] = [];

  constructor(private readonly limits: BatchLimits) {}

  add = (message: IpnMessageText | null, rejected: RejectedMessage | null): void => {
    if (rejected) this.batch.rejected.push(rejected);
    if (!message) return;
    const size = jsonBytesOf(message);
    if (this.batch.messages.length > 0 && this.bytes + size > this.limits.maxBytes) this.close();
    this.batch.messages.push(message);
    this.bytes += size;
    if (this.batch.messages.length >= this.limits.maxMessages || this.bytes >= this.limits.maxBytes) this.close();
  };

  close(): void {
    if (this.batch.messages.length === 0 && this.batch.rejected.length === 0) return;
    this.ready.push(this.batch);
    this.batch = { messages: [], rejected: [] };
    this.bytes = 0;
  }

  take(): IpnBatch[] {
    return this.ready.splice(0, this.ready.length);
  }
}

/**
 * Splits a stream of bytes (a file read in chunks) into batches of messages. Lines are
 * read as UTF-8; bytes that are not UTF-8 become U+FFFD, which the parser refuses
 * ("not valid UTF-8 text"). Memory stays within a batch and one message whatever the
 * file's size.
 */
export async function* splitIpnStream(chunks: AsyncIterable<Uint8Array>, limits: Partial<BatchLimits> = {}): AsyncGenerator<IpnBatch> {
  const batcher = new Batcher({ ...DEFAULT_BATCH_LIMITS, ...limits });
  const cutter = new IpnMessageCutter(batcher.add);
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let overlong = false;
  let lineNo = 0;

  const takeText = (text: string) => {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      let piece = text.slice(start, end);
      start = end + 1;
      if (overlong) {
        piece = partial;
      } else {
        piece = partial + piece;
        if (piece.length > LINE_CAP) {
          overlong = true;
          piece = piece.slice(0, OVERLONG_PREFIX);
        }
      }
      cutter.push(piece.endsWith('\r') ? piece.slice(0, -1) : piece, ++lineNo, overlong);
      partial = '';
      overlong = false;
    }
    if (overlong) return;
    partial += text.slice(start);
    if (partial.length > LINE_CAP) {
      overlong = true;
      partial = partial.slice(0, OVERLONG_PREFIX);
    }
  };

  for await (const chunk of chunks) {
    takeText(decoder.decode(chunk, { stream: true }));
    yield* batcher.take();
  }
  takeText(decoder.decode());
  if (partial !== '' || overlong) cutter.push(partial.endsWith('\r') ? partial.slice(0, -1) : partial, ++lineNo, overlong);
  cutter.finish();
  batcher.close();
  yield* batcher.take();
}

/** Splits pasted text into batches of messages (the same rules as a file). */
export function splitIpnText(text: string, limits: Partial<BatchLimits> = {}): IpnBatch[] {
  const batcher = new Batcher({ ...DEFAULT_BATCH_LIMITS, ...limits });
  const cutter = new IpnMessageCutter(batcher.add);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let lineNo = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    let line = body.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lineNo++;
    if (end === body.length && line === '') break;
    const overlong = line.length > LINE_CAP;
    cutter.push(overlong ? line.slice(0, OVERLONG_PREFIX) : line, lineNo, overlong);
    start = end + 1;
  }
  cutter.finish();
  batcher.close();
  return batcher.take();
}
