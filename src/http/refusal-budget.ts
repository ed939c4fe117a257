/**
 * A token bucket for refusals: `perSecond` tokens a second, at most one second's worth saved up, so
 * a burst of that many is refused at once and a sustained flood at that rate.
 */
export class RefusalBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = perSecond;
    this.at = now();
  }

  /** Whether a refusal may be answered now (without spending it). */
  available(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Spends one refusal; false when the budget is spent. */
  take(): boolean {
    if (!this.available()) return false;
    this.tokens -= 1;
    return true;
  }

  /** Returns a refusal taken for a request that was served after all. */
  giveBack(): void {
    this.tokens = Math.min(this.perSecond, this.tokens + 1);
  }

  /** Milliseconds until the next refusal may be answered (at least 1: timers are in whole ms). */
  msUntilNext(): number {
    this.refill();
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
  }
}
