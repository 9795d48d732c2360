/**
 * Follows a job (rotation, batch signing) by polling `job.get` until it is done or
 * failed. On a terminal it draws a progress bar on stderr; otherwise it prints plain
 * lines now and then; with --json it prints nothing but the result.
 */
import type { JobStatus } from '../../domain/jobs/jobs';
import { ApiFailure } from './failures';
import type { CliSession } from './session';

const POLL_MS = 100;
const PLAIN_EVERY_MS = 1000;
const BAR_WIDTH = 28;

function bar(status: JobStatus): string {
  const fraction = status.total > 0 ? Math.min(1, status.done / status.total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ${status.message}`;
}

/** Waits for the job and returns its result; a failed job throws its error, as a call would. */
export async function followJob(session: CliSession, started: JobStatus, json: boolean): Promise<unknown> {
  const tty = !json && Boolean(process.stderr.isTTY);
  let lastLine = '';
  let lastPlainAt = 0;
  const show = (status: JobStatus, final: boolean) => {
    if (json) return;
    if (tty) {
      const width = (process.stderr.columns || 80) - 1;
      const line = bar(status).slice(0, width);
      process.stderr.write(`\r${line.padEnd(Math.min(lastLine.length, width))}${final ? '\n' : ''}`);
      lastLine = line;
      return;
    }
    // Plain lines for logs and pipes: the count when it changes, at most once a second, and the last one.
    const line = `${status.title}: ${status.done} of ${status.total}${final && status.state === 'done' ? ', done.' : ''}`;
    if (line !== lastLine && (final || Date.now() - lastPlainAt >= PLAIN_EVERY_MS)) {
      process.stderr.write(`${line}\n`);
      lastLine = line;
      lastPlainAt = Date.now();
    }
  };

  let status = started;
  while (status.state === 'running') {
    if (status.total > 0) show(status, false);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    status = await session.call('job.get', { id: status.id });
  }
  show(status.state === 'done' ? { ...status, done: status.total } : status, true);
  if (status.state === 'failed') throw new ApiFailure(status.error ?? { code: 'INTERNAL', message: `${status.title} failed.` });
  return status.result;
}
