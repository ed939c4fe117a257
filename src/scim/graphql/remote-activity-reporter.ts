import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { GraphqlExecutor, ScimCaller } from './graphql-executor';

const RECORD = parse(`mutation RecordScimRequests($requests: [ScimRequestReport!]!) {
  recordScimRequests(requests: $requests)
}`);

/** `ScimRequestReport` of the subgraph schema. */
export interface ScimRequestReport {
  readonly at: string;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly detail?: string;
  readonly quirks: readonly string[];
  readonly resourceIds: readonly string[];
  readonly requestBody: string | null;
  readonly responseBody: string | null;
  readonly usersCreated: number;
  readonly groupsCreated: number;
}

export interface RemoteActivityOptions {
  /** How often queued reports are sent. */
  readonly flushMs: number;
  /** Reports per GraphQL call (the subgraph takes at most 200). */
  readonly batchSize: number;
  /** Reports waiting beyond this are dropped rather than held: counting never slows provisioning. */
  readonly maxQueued: number;
  readonly onError: (error: unknown, dropped: number) => void;
}

interface Pending {
  readonly caller: ScimCaller;
  readonly reports: ScimRequestReport[];
}

/**
 * The standalone facade's side of the health counters and request log: each answered request of a
 * connection is queued and sent to the subgraph in batches (`recordScimRequests`), with the
 * credential of the requests themselves, so the subgraph attributes them to that token's
 * connection and trusts the facade with nothing else. Off the request path; a report that cannot
 * be sent is dropped (and said so in the log), never retried into a growing queue.
 */
export class RemoteActivityReporter {
  private pending = new Map<string, Pending>();
  private queued = 0;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly executor: GraphqlExecutor,
    private readonly options: RemoteActivityOptions,
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.timer.unref();
  }

  add(caller: ScimCaller, report: ScimRequestReport): void {
    if (this.queued >= this.options.maxQueued) {
      this.options.onError(new Error('Request reports queue full'), 1);
      return;
    }
    const key = createHash('sha256')
      .update(`${String(caller.credential)}\n${caller.organizationHeader ?? ''}`)
      .digest('hex');
    let entry = this.pending.get(key);
    if (!entry) this.pending.set(key, (entry = { caller, reports: [] }));
    entry.reports.push(report);
    this.queued += 1;
  }

  /** Sends what is queued; flushes never overlap. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run;
    return run;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async flushOnce(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.queued = 0;
    for (const { caller, reports } of batch) {
      for (let i = 0; i < reports.length; i += this.options.batchSize) {
        const requests = reports.slice(i, i + this.options.batchSize);
        await this.executor
          .execute(RECORD, { requests }, { caller, requestId: '', notes: [] })
          .catch((error: unknown) => this.options.onError(error, requests.length));
      }
    }
  }
}
