/**
 * What the G3 gateway records for the harness between two drains: how long each fetch from the
 * identity subgraph took, and how many of those fetches and of the gateway's own answers carried
 * errors (a gateway answers 200 even when a subgraph failed, so the status alone proves nothing).
 */
export interface GatewayStats {
  /** Milliseconds from handing each identity fetch to the data source until its parsed response. */
  readonly identityMs: number[];
  /** Identity fetches that failed or answered with `errors`. */
  readonly identityFailures: number;
  /** Gateway responses, and those with `errors`. */
  readonly responses: number;
  readonly responsesWithErrors: number;
  /** This process's CPU time (user + system, ms) since the last drain. */
  readonly cpuMs: number;
  /** The last document the gateway sent to identity (for the report's SQL count). */
  readonly lastIdentityQuery: { query: string; operationName?: string } | null;
}

export class GatewayLog {
  private identityMs: number[] = [];
  private identityFailures = 0;
  private responses = 0;
  private responsesWithErrors = 0;
  private lastIdentityQuery: GatewayStats['lastIdentityQuery'] = null;
  private cpu = process.cpuUsage();

  identitySent(query: string | undefined, operationName: string | undefined): void {
    if (query) this.lastIdentityQuery = { query, ...(operationName && { operationName }) };
  }

  identityAnswered(ms: number, failed: boolean): void {
    this.identityMs.push(ms);
    if (failed) this.identityFailures++;
  }

  identityFailed(): void {
    this.identityFailures++;
  }

  responded(withErrors: boolean): void {
    this.responses++;
    if (withErrors) this.responsesWithErrors++;
  }

  /** Hands over everything recorded since the last drain and starts afresh. */
  drain(): GatewayStats {
    const cpu = process.cpuUsage(this.cpu);
    this.cpu = process.cpuUsage();
    const stats = {
      identityMs: this.identityMs,
      identityFailures: this.identityFailures,
      responses: this.responses,
      responsesWithErrors: this.responsesWithErrors,
      lastIdentityQuery: this.lastIdentityQuery,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    this.identityMs = [];
    this.identityFailures = 0;
    this.responses = 0;
    this.responsesWithErrors = 0;
    return stats;
  }
}
