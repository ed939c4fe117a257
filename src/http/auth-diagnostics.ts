import type { AuthRejection, AuthRejectionReason } from '../domain/auth/auth-rejection';
import { AuthenticationRejected } from '../domain/auth/auth-rejection';
import type { Logger } from './logger';

/** How often, at most, the info-level summary of rejections is written. */
const SUMMARY_EVERY_MS = 60_000;

/**
 * Why credentials are refused, for operators: each rejection at `debug` (its reason class and the
 * token prefix or the JWT's kid/iss — never a secret), and at most once a minute an `info` summary
 * counting them by reason. The client's answer does not change: the same 401 for every reason.
 */
export class AuthDiagnostics {
  private counts = new Map<AuthRejectionReason, number>();
  private windowStart: number;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly summaryEveryMs = SUMMARY_EVERY_MS,
  ) {
    this.windowStart = now();
  }

  /** Records `error` when it is an authentication rejection; other errors are not its business. */
  observe(error: unknown): void {
    if (!(error instanceof AuthenticationRejected)) return;
    this.rejected(error.rejection);
  }

  rejected(rejection: AuthRejection): void {
    this.logger.debug({ auth: rejection }, 'authentication rejected');
    this.counts.set(rejection.reason, (this.counts.get(rejection.reason) ?? 0) + 1);
    if (this.now() - this.windowStart >= this.summaryEveryMs) this.summarize();
  }

  /** Writes the summary of the rejections counted since the last one (nothing when there were none). */
  summarize(): void {
    const now = this.now();
    if (this.counts.size > 0) {
      this.logger.info(
        { rejections: Object.fromEntries(this.counts), sinceMs: now - this.windowStart },
        'authentication rejections',
      );
    }
    this.counts = new Map();
    this.windowStart = now;
  }
}
