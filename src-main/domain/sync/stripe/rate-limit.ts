/**
 * A token bucket below Stripe's rate limit: at most `perSecond` requests a second, with a
 * burst of one second's worth. Requests wait in the order they asked.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = Math.max(1, perSecond);
    this.last = clock();
  }

  /** Resolves when a request may be sent. */
  take(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return Promise.resolve();
    const turn = this.queue.then(() => this.takeOne());
    this.queue = turn;
    return turn;
  }

  private async takeOne(): Promise<void> {
    for (;;) {
      const now = this.clock();
      const capacity = Math.max(1, this.perSecond);
      this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.wait(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
