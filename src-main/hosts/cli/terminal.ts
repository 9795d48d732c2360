/**
 * Reading what a command needs beyond its flags (files, stdin, hidden answers typed at
 * a terminal) and writing the files it makes. Secrets are read here and handed on;
 * nothing in this file prints what it reads.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageFailure } from './failures';

/** Larger inputs are refused before they are read whole (the API's own limits are smaller). */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export const isTerminal = (): boolean => Boolean(process.stdin.isTTY);

/** Everything on stdin, as text. */
export async function readStdin(what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new UsageFailure(`${what} on stdin is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A file named on the command line, or stdin for "-". `what` names it in messages: "the license file". */
export async function readInput(file: string, what: string): Promise<Buffer> {
  if (file === '-') return readStdin(what);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageFailure(`Cannot read ${what} ${file}: ${reason(error)}`);
  }
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file.';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied.';
  if (code === 'EISDIR') return 'it is a folder.';
  if (code === 'EEXIST') return 'it already exists.';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes a file the command made. `secret` files (key backups) are readable by their
 * owner alone and never replace an existing file unless `overwrite`.
 */
export function writeOutput(file: string, content: string, options: { secret?: boolean; overwrite?: boolean } = {}): string {
  const target = path.resolve(file);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    if (options.secret) {
      const fd = openSync(target, options.overwrite ? 'w' : 'wx', 0o600);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
    } else {
      writeFileSync(target, content);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const hint = code === 'EEXIST' ? ' Choose another name, or add --force to replace it.' : '';
    throw new UsageFailure(`Cannot write ${file}: ${reason(error)}${hint}`);
  }
  return target;
}

/** A Writable that passes text to stderr except while muted (what a hidden prompt types). */
class MutableStderr extends Writable {
  muted = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (!this.muted) process.stderr.write(chunk);
    done();
  }
}

/**
 * Asks at the terminal without echoing the answer. The question goes to stderr, so
 * stdout stays clean for pipes. A PEM pasted in answer is read up to its END line.
 */
export function askHidden(question: string, options: { multilinePem?: boolean } = {}): Promise<string> {
  if (!isTerminal()) throw new UsageFailure('Cannot ask: stdin is not a terminal.');
  const output = new MutableStderr();
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  process.stderr.write(question);
  output.muted = true;
  return new Promise<string>((resolve, reject) => {
    const lines: string[] = [];
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      output.muted = false;
      process.stderr.write('\n');
      rl.close();
      outcome();
    };
    rl.on('line', (line) => {
      lines.push(line);
      const pem = options.multilinePem && lines[0].trim().startsWith('-----BEGIN');
      if (!pem || /^-----END /.test(line.trim())) finish(() => resolve(lines.join('\n')));
    });
    rl.on('SIGINT', () => finish(() => reject(new UsageFailure('Cancelled.'))));
    rl.on('close', () => finish(() => reject(new UsageFailure('No answer was typed (end of input).'))));
  });
}

/** Asks a yes/no question at the terminal (on stderr); anything but y/yes is no. */
export function askYesNo(question: string): Promise<boolean> {
  if (!isTerminal()) throw new UsageFailure('Cannot ask: stdin is not a terminal.');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    rl.question(`${question} [y/N] `, (answer) => finish(/^y(es)?$/i.test(answer.trim())));
    rl.on('SIGINT', () => finish(false));
    rl.on('close', () => finish(false));
  });
}
