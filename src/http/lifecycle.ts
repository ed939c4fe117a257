/**
 * Whether the process still takes new work. Set once, on the first SIGTERM/SIGINT: from then on
 * /readyz answers 503 (load balancers stop sending) and the API guards refuse new requests with 503,
 * while requests already running finish.
 */
export class Lifecycle {
  private drainingSince: number | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDraining(now = Date.now()): void {
    this.drainingSince ??= now;
  }
}
