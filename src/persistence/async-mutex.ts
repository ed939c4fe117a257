/**
 * A first-in-first-out async lock. SQLite (better-sqlite3) is one connection: two transactions
 * cannot interleave on it, and a read during someone else's transaction would see its uncommitted
 * rows, so every use of the connection takes this lock.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
