/**
 * keyhub import ipn FILE...: imports PayPal IPN / e-junkie messages from files (or
 * stdin), streamed in batches through `transaction.importIpn`. The keys are unlocked
 * only when a batch needs them (the API answers LOCKED; the batch is sent again).
 */
import { createReadStream, statSync } from 'node:fs';
import { Command } from 'commander';
import type { IpnMessageText } from '../../../domain/sales/ipn/split';
import { action } from '../action';
import { EXIT_FAILED, UsageFailure } from '../failures';
import { addFileTally, emptyFileResult, importIpnFile, IpnImportStopped, MAX_LISTED_REJECTIONS, type FileImportResult } from '../ipn-file-import';
import { addPassphraseOption } from '../passphrase';
import type { CliSession } from '../session';
import { reason } from '../terminal';
import { unlockOnLocked } from '../unlock-on-locked';

interface ImportOptions {
  passphraseFile?: string;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, words = `${word}s`) => `${count(n)} ${n === 1 ? word : words}`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "Imported orders.txt: 120 messages — issued 118 licenses, …; 1 rejected:" and a line per refusal. */
export function importSummary(name: string, result: FileImportResult): string {
  if (result.messages === 0) return `Imported ${name}: no IPN messages in it.`;
  const parts = [`issued ${plural(result.issued, 'license')}`];
  if (result.revoked) parts.push(`revoked ${plural(result.revoked, 'license')}`);
  if (result.restored) parts.push(`restored ${plural(result.restored, 'license')}`);
  parts.push(`${plural(result.duplicates, 'duplicate')} skipped`, `${count(result.waiting)} waiting for a SKU or signing key`);
  const head = `Imported ${name}: ${plural(result.messages, 'message')} — ${parts.join(', ')}; `;
  if (result.rejectedCount === 0) return `${head}none rejected.`;
  const lines = result.rejected.map((r) => `  line ${r.line}${r.txnId ? ` (txn ${r.txnId})` : ''}: ${r.reason}`);
  if (result.rejectedCount > result.rejected.length) lines.push(`  … and ${count(result.rejectedCount - result.rejected.length)} more`);
  return [`${head}${count(result.rejectedCount)} rejected:`, ...lines].join('\n');
}

/** One line on a terminal, redrawn in place; nothing in pipes or with --json. */
class ProgressLine {
  private shown = 0;
  private lastAt = 0;
  constructor(private readonly enabled: boolean) {}

  show(text: string): void {
    if (!this.enabled || Date.now() - this.lastAt < 100) return;
    this.lastAt = Date.now();
    const line = text.slice(0, (process.stderr.columns || 80) - 1);
    process.stderr.write(`\r${line.padEnd(this.shown)}`);
    this.shown = line.length;
  }

  clear(): void {
    if (!this.enabled || this.shown === 0) return;
    process.stderr.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

function checkFiles(files: string[]): Map<string, number | null> {
  if (files.filter((f) => f === '-').length > 1) throw new UsageFailure('stdin ("-") can be read only once.');
  const sizes = new Map<string, number | null>();
  for (const file of files) {
    if (file === '-') {
      sizes.set(file, null);
      continue;
    }
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      sizes.set(file, stat.size);
    } catch (error) {
      throw new UsageFailure(`Cannot read the IPN file ${file}: ${reason(error)}`);
    }
  }
  return sizes;
}

async function importFiles(session: CliSession, files: string[], opts: ImportOptions, json: boolean) {
  const sizes = checkFiles(files);
  const progress = new ProgressLine(!json && Boolean(process.stderr.isTTY));
  // A purchase to sign answers LOCKED (nothing of the batch written): unlock and send it again.
  const send = (messages: IpnMessageText[]) =>
    unlockOnLocked(session, opts, json, () => session.call('transaction.importIpn', { messages }), () => progress.clear());

  const total = emptyFileResult();
  const summaries: string[] = [];
  const listed: Array<{ file: string; line: number; txnId: string | null; reason: string }> = [];
  for (const file of files) {
    const name = file === '-' ? 'stdin' : file;
    const size = sizes.get(file) ?? null;
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
    let result: FileImportResult;
    try {
      result = await importIpnFile(source, send, {
        onProgress: ({ messages, bytes }) => progress.show(`Importing ${name}: ${plural(messages, 'message')}, ${megabytes(bytes)}${size !== null ? ` of ${megabytes(size)}` : ''}`),
      });
    } catch (error) {
      progress.clear();
      if (!(error instanceof IpnImportStopped)) throw error;
      if (!json) {
        if (summaries.length) process.stdout.write(`${summaries.join('\n')}\n`);
        process.stderr.write(`Stopped at line ${error.atLine} of ${name}. What came before it is recorded; importing the file again skips it as duplicates.\n`);
      }
      throw error.error;
    }
    progress.clear();
    summaries.push(importSummary(name, result));
    for (const r of result.rejected) if (listed.length < MAX_LISTED_REJECTIONS) listed.push({ file: name, ...r });
    addFileTally(total, { ...result, rejected: [] });
    total.rejectedCount += result.rejectedCount;
    total.bytes += result.bytes;
  }
  const data = { ...total, rejected: listed };
  return { data, human: summaries.join('\n'), ...(total.rejectedCount > 0 && { exitCode: EXIT_FAILED }) };
}

export function importCommand(): Command {
  const command = new Command('import').description('import sales from payment providers');
  addPassphraseOption(
    command
      .command('ipn')
      .description('import PayPal IPN / e-junkie messages: records transactions, issues licenses for completed purchases (once), revokes on refunds (exit 1 if any message is rejected)')
      .argument('<file...>', 'files of IPN messages ("-" for stdin)'),
  )
    .addHelpText(
      'after',
      `
A file holds any number of messages, in either form (they may be mixed):
  - PayPal's form-urlencoded POST body, one whole message a line:
      txn_id=6MF63406U4306732Y&payment_status=Completed&mc_gross=249&mc_currency=USD&…
  - one key=value pair a line (as e-junkie shows them), messages separated by blank lines.
Lines starting with # are comments. A rejected message changes nothing; the rest still import.
The signing keys are unlocked only when a purchase must be signed.`,
    )
    .action(action<ImportOptions>(async ({ args, opts, session, json }) => importFiles(session, args[0] as string[], opts, json)));
  return command;
}
