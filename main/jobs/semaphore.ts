/** A small counting semaphore with a FIFO queue of waiters. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`semaphore capacity must be >= 1, got ${capacity}`);
  }

  /** Resolves when a slot is free; the caller must call `release()` exactly once afterwards. */
  acquire(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Frees a slot, handing it straight to the oldest waiter if there is one. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }

  /** Slots in use. */
  get inUse(): number {
    return this.active;
  }
}
