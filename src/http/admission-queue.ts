/** What the queue needs to know of a waiting request: when it came. */
export interface Queued {
  readonly since: number;
}

export interface QueueSettings {
  /** Requests waiting at most; `offer` refuses beyond. */
  readonly maxQueued: number;
  /** The longest wait while nothing is being shed: a burst drains in arrival order. */
  readonly maxQueueMs: number;
  /** The longest wait while shedding: about what one request in progress takes, no more. */
  readonly sheddingQueueMs: number;
  /** Shedding lasts this long after the last refusal. */
  readonly sheddingForMs: number;
}

/**
 * The admission queue's discipline, after Facebook's and Netflix's servers (CoDel with adaptive LIFO):
 *
 * - While nothing has been refused lately, first come first served with the long `maxQueueMs`: a
 *   burst (an IdP's import, PATCHes racing through two facades) waits its turn and is served.
 * - Once a request was refused (the queue was full, or a wait reached its deadline) the queue is
 *   standing: arrivals exceed what the instance serves, and waiting longer serves no more of them.
 *   For `sheddingForMs` after the last refusal, waits are cut to `sheddingQueueMs` and the newest
 *   request is served first. The newest has the most of its client's patience left; the oldest,
 *   which would be served late whatever the order, is refused soon instead. Accepted requests then
 *   take about the unloaded latency and refused ones are refused within the short wait, instead of
 *   every request waiting out a full queue.
 *
 * The entry signal is a refusal rather than a queue that stood above a target for an interval (as
 * in CoDel proper): a finite burst of slow writes keeps a short queue standing for a while, and
 * must still be served in order; only load that overflows the queue switches the discipline.
 *
 * Every waiter has the same deadline from its arrival, so the oldest expires first: one timer, on
 * the oldest waiter, serves the whole queue.
 */
export class AdmissionQueue<T extends Queued> {
  private readonly waiting: T[] = [];
  private lastShedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly settings: QueueSettings,
    /** Called for each waiter whose wait reached the deadline, after it left the queue. */
    private readonly expire: (waiter: T) => void,
    private readonly now: () => number,
  ) {}

  get length(): number {
    return this.waiting.length;
  }

  /** Refused something within `sheddingForMs`: short waits, newest first. */
  get shedding(): boolean {
    return this.now() - this.lastShedAt < this.settings.sheddingForMs;
  }

  /** How long a waiter may wait now. */
  get deadlineMs(): number {
    return this.shedding ? this.settings.sheddingQueueMs : this.settings.maxQueueMs;
  }

  /** Whether a request arriving now may wait (the queue has room and waits are allowed at all). */
  get hasRoom(): boolean {
    return this.waiting.length < this.settings.maxQueued && this.deadlineMs > 0;
  }

  /** Every refusal (full queue, deadline) marks the queue as standing and may shorten the deadline. */
  noteShed(): void {
    const wasShedding = this.shedding;
    this.lastShedAt = this.now();
    if (!wasShedding) this.expireDue();
  }

  /** Queues a waiter; the caller checked `hasRoom`. */
  push(waiter: T): void {
    this.waiting.push(waiter);
    if (this.waiting.length === 1) this.arm();
  }

  /** The next waiter to serve: the oldest, or while shedding the newest. */
  take(): T | undefined {
    const waiter = this.shedding ? this.waiting.pop() : this.waiting.shift();
    this.arm();
    return waiter;
  }

  /** Takes a waiter out (its client went away); false if it was no longer queued. */
  remove(waiter: T): boolean {
    const index = this.waiting.indexOf(waiter);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    if (index === 0) this.arm();
    return true;
  }

  /** Refuses every waiter whose deadline has passed, oldest first, then waits for the next one. */
  private expireDue(): void {
    const oldestAllowed = this.now() - this.deadlineMs;
    while (this.waiting.length > 0 && this.waiting[0]!.since <= oldestAllowed) {
      const waiter = this.waiting.shift() as T;
      this.lastShedAt = this.now();
      this.expire(waiter);
    }
    this.arm();
  }

  /** One timer, at the oldest waiter's deadline (re-armed only when that moment changes). */
  private arm(): void {
    const oldest = this.waiting[0];
    const at = oldest === undefined ? Number.POSITIVE_INFINITY : oldest.since + this.deadlineMs;
    if (at === this.timerAt) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (oldest === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timerAt = Number.POSITIVE_INFINITY;
        this.expireDue();
      },
      Math.max(0, at - this.now()),
    );
    this.timer.unref();
  }

  /** Stops the timer (the app is closing); waiters stay until their clients go. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
