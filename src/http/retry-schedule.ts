/**
 * Which `Retry-After` a refusal gets: the shortest one whose second still has room for another
 * returning client, so that about `perSecond` refused clients come back in any one second.
 *
 * A client that honours `Retry-After` comes back exactly that many seconds after its refusal. A
 * burst refused within one turn of the event loop therefore returns within one turn too: with a
 * thousand clients and one or two seconds to choose from, five hundred came back together, were
 * read and parsed in one turn before anything else was answered (the overload benchmark's refusal
 * and accepted p99s of 130–360 ms), and were mostly refused again because the clients already let
 * in kept the slots busy. Filling the coming seconds in order instead returns no more in a second
 * than the instance can take in at once (its slots and its queue), and each client is refused about
 * once per wait instead of every second. Under light overload every refusal still gets the shortest
 * delay; only a crowd is spread, and never past `maxSeconds` (then at random over the whole range).
 */
export class RetrySchedule {
  /** Clients told to come back, by the second (of the `now` clock) they were told to come back in. */
  private readonly returning = new Map<number, number>();
  /** The earliest second that may still be in `returning`. */
  private oldest = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly minSeconds: number,
    private readonly maxSeconds: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** The `Retry-After` (in seconds) for a refusal now, counted as a client returning then. */
  next(): number {
    const second = Math.floor(this.now() / 1000);
    this.forget(second);
    let delay = this.minSeconds;
    while (delay <= this.maxSeconds && (this.returning.get(second + delay) ?? 0) >= this.perSecond) delay++;
    if (delay > this.maxSeconds)
      delay = this.minSeconds + Math.floor(Math.random() * (this.maxSeconds - this.minSeconds + 1));
    this.returning.set(second + delay, (this.returning.get(second + delay) ?? 0) + 1);
    return delay;
  }

  /** Drops the seconds that have passed (at most `maxSeconds` + 1 of them hold anything). */
  private forget(second: number): void {
    if (this.returning.size === 0) this.oldest = second + 1;
    for (; this.oldest <= second && this.returning.size > 0; this.oldest++)
      this.returning.delete(this.oldest);
  }
}
