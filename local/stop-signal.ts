// One runner's "stop": every loop of it (shard discovery, shard reading, retry backoff) checks it and
// sleeps through pause(), which ends early when the runner stops.

export class StopSignal {
  private isStopped = false;
  private markStopped!: () => void;
  /** Resolves when stop() is called. */
  readonly whenStopped = new Promise<void>((resolve) => (this.markStopped = resolve));
  /** Wakes each pending pause(); emptied as they wake. */
  private readonly sleepers = new Set<() => void>();

  get stopped(): boolean {
    return this.isStopped;
  }

  stop(): void {
    this.isStopped = true;
    this.markStopped();
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * Sleeps, but wakes when the runner stops. The timer itself is cleared then: a retry backoff may be
   * 30 s long, and a timer left pending keeps the process (or a test worker) alive after stop().
   */
  pause(ms: number): Promise<void> {
    if (ms <= 0 || this.isStopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
