import type { Logger } from './logger';

/** How often the shedding summary is written while requests are being refused. */
const SUMMARY_EVERY_MS = 10_000;

/**
 * Refused requests are counted, not logged one by one: a burst of thousands of refusals a second
 * would otherwise cost more to log than to refuse and bury everything else. While shedding lasts,
 * one `warn` line per interval says how many were refused and why; the first refusal of a burst is
 * summarised after at most one interval.
 */
export class ShedSummary {
  private counts: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly limits: {
      readonly maxInFlight: number;
      readonly maxQueued: number;
      readonly maxQueueMs: number;
    },
    private readonly intervalMs = SUMMARY_EVERY_MS,
  ) {}

  count(reason: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    if (this.timer) return;
    this.timer = setTimeout(() => this.write(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes what is still counted (shutdown) and stops. */
  close(): void {
    if (this.timer) this.write();
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const shed = this.counts;
    this.counts = {};
    const total = Object.values(shed).reduce((sum, n) => sum + n, 0);
    this.logger.warn(
      { shed, total, intervalMs: this.intervalMs, ...this.limits },
      `overloaded: refused ${total} requests with 503 in the last ${this.intervalMs / 1000} s`,
    );
  }
}
