/**
 * Long work (rotation re-signing, batch signing) runs as a job: the call that starts it
 * answers at once with the job id, and every host polls `job.get` for progress. Jobs
 * live in the process that runs them; their lasting effects are in the store.
 */
import { randomUUID } from 'node:crypto';
import { KeyHubError, type ApiErrorBody } from '../../api/errors';
import { toErrorBody } from '../../api/dispatch';

export type JobKind = 'key.rotate' | 'license.signBatch' | 'sync.stripe';
export type JobState = 'running' | 'done' | 'failed';

export interface JobStatus {
  id: string;
  kind: JobKind;
  title: string;
  state: JobState;
  done: number;
  total: number;
  /** What it is doing now, for a person. */
  message: string;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  error: ApiErrorBody | null;
}

export interface JobProgress {
  (done: number, total: number, message?: string): void;
}

const KEEP_FINISHED = 50;

export class JobRegistry {
  private readonly jobs = new Map<string, JobStatus & { lock: string }>();

  /**
   * Starts `run` unless a running job holds the same `lock` (e.g. one rotation per
   * SKU). Errors become the job's error; they never escape as unhandled rejections.
   */
  start(kind: JobKind, title: string, lock: string, run: (progress: JobProgress) => Promise<unknown>): JobStatus {
    for (const job of this.jobs.values()) {
      if (job.state === 'running' && job.lock === lock) {
        throw new KeyHubError('CONFLICT', `"${job.title}" is already running (job ${job.id}).`, { jobId: job.id });
      }
    }
    const job = {
      id: randomUUID(),
      kind,
      title,
      lock,
      state: 'running' as JobState,
      done: 0,
      total: 0,
      message: 'Starting…',
      startedAt: new Date().toISOString(),
      finishedAt: null as string | null,
      result: null as unknown,
      error: null as ApiErrorBody | null,
    };
    this.jobs.set(job.id, job);
    this.prune();
    const progress: JobProgress = (done, total, message) => {
      job.done = done;
      job.total = total;
      if (message) job.message = message;
    };
    // Started on the next tick so the caller gets the id before any work happens.
    setImmediate(() => {
      run(progress).then(
        (result) => Object.assign(job, { state: 'done', result, message: 'Done.', finishedAt: new Date().toISOString() }),
        (error: unknown) => {
          const body = toErrorBody(error);
          if (body.code === 'INTERNAL') console.error(`[keyhub] job ${kind} failed:`, error);
          Object.assign(job, { state: 'failed', error: body, message: body.message, finishedAt: new Date().toISOString() });
        },
      );
    });
    return this.get(job.id);
  }

  get(id: string): JobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new KeyHubError('NOT_FOUND', `Job ${id} does not exist (jobs are forgotten when KeyHub restarts).`, { id });
    const { lock: _lock, ...status } = job;
    return { ...status };
  }

  /** Waits for a job to finish (the CLI, tests), calling `onProgress` as it goes. */
  async wait(id: string, onProgress?: (status: JobStatus) => void, everyMs = 100): Promise<JobStatus> {
    for (;;) {
      const status = this.get(id);
      onProgress?.(status);
      if (status.state !== 'running') return status;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}
