/**
 * Runs work one at a time per key, in arrival order, within this process. A PATCH is read → apply →
 * write at the version read; PATCHes of one user arriving together (an IdP pushing attribute
 * changes in parallel) would otherwise all read the same version and all but one lose the race on
 * every attempt. Queued here they never race on this instance; the version check and retries still
 * cover writers on other instances. Keys are dropped as soon as their queue drains.
 */
/** Per-resource serialization of read-apply-write: this process only, or across instances (Redis). */
export interface WriteLocks {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class KeyedLock implements WriteLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
