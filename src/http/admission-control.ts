import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError } from '../errors';
import { AdmissionQueue } from './admission-queue';
import type { Logger } from './logger';
import { RefusalBudget } from './refusal-budget';
import type { ErrorAnswer } from './refusal';
import { RetrySchedule } from './retry-schedule';
import { ShedSummary } from './shed-summary';

export interface AdmissionSettings {
  /** Requests in progress at once; the rest wait in the queue. */
  readonly maxInFlight: number;
  /** Requests waiting for a slot; beyond this they are refused at once. */
  readonly maxQueued: number;
  /** How long a request may wait for a slot before it is refused, while nothing is being shed. */
  readonly maxQueueMs: number;
  /**
   * The shortest `Retry-After` of a refusal, in seconds. A crowd of refusals is spread over later
   * seconds, about `maxInFlight + maxQueued` returning in each, up to `retryAfterLimitSeconds(…)`.
   */
  readonly retryAfterSeconds: number;
  /** Refusals answered per second at most (bursts of one second's worth); beyond, requests are held. */
  readonly refusalsPerSecond: number;
}

/** Why a request was refused: the queue was full when it came, or its wait reached the deadline. */
export type ShedReason = 'queue_full' | 'queue_timeout';

/** The request a refusal answered, for metrics: its API's mount path and method. */
export interface ShedRequest {
  readonly apiPath: string;
  readonly method: string;
  readonly url: string;
}

/** What metrics (or anything else) learn from admission: each wait and each refusal. */
export interface AdmissionObserver {
  admitted(waitedMs: number): void;
  shed(reason: ShedReason, waitedMs: number, request: ShedRequest): void;
}

/** An API behind the gate: its mount path and its error body for a refusal. */
export interface AdmittedApi {
  readonly path: string;
  readonly answer: (error: DomainError) => ErrorAnswer;
}

/** Decides one request: runs it (`pass`), queues it, or answers it with 503 itself. */
export type Gate = (req: IncomingMessage, res: ServerResponse, pass: () => void) => void;

const OVERLOADED = new DomainError(
  'UNAVAILABLE',
  'The service is overloaded; retry after the Retry-After delay',
);

/** A request shed within this window makes the instance report itself "overloaded". */
const OVERLOADED_FOR_MS = 10_000;

/**
 * While shedding, a request waits at most this long for a slot: about one request's service time
 * at the unloaded latency, so a request let in from the queue still answers near that latency and
 * one refused from it is refused fast. Newest first, most waiters are served well within it.
 */
const SHEDDING_QUEUE_MS = 10;

/** Shedding (short waits, newest first) lasts this long after the last refusal. */
const SHEDDING_FOR_MS = 1_000;

/** The longest `Retry-After` a crowd is spread over: half a minute, or twice the shortest if longer. */
export const retryAfterLimitSeconds = (shortest: number) => Math.max(30, 2 * shortest);

/** How long past its `Retry-After` a refused client's idle connection is kept for its return. */
const RETURN_GRACE_MS = 5_000;

/**
 * Keeps a refused client's connection open until it is due back. Node closes an idle keep-alive
 * connection after KEEP_ALIVE_TIMEOUT_MS (5 s by default) — Node's own 'finish' handler has just set
 * that timeout, and the next request on the connection resets it — and a client told to come back
 * in 8 s then finds its connection closed, or loses its request in a reset when the close crosses it
 * (the overload benchmark: 24–100 ECONNRESETs a step, and a wave of new connections to open).
 */
function keepIdleUntilReturn(socket: Socket, retryAfterSeconds: number): void {
  const wanted = retryAfterSeconds * 1000 + RETURN_GRACE_MS;
  // No timeout set: the connection is closing (`Connection: close`, draining), or has no idle limit.
  const idleLimit = socket.timeout ?? 0;
  if (!socket.destroyed && idleLimit > 0 && idleLimit < wanted) socket.setTimeout(wanted);
}

/** A request waiting for the refusal budget, as the gate got it. */
interface Held {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly pass: () => void;
  readonly api: PreparedApi;
}

interface Waiter {
  readonly since: number;
  readonly res: ServerResponse;
  readonly api: PreparedApi;
  readonly request: ShedRequest;
  readonly pass: () => void;
}

/** An API with its refusal rendered once: the bytes of the body and the fixed headers. */
interface PreparedApi {
  readonly path: string;
  readonly lowerPath: string;
  readonly body: Buffer;
  readonly contentType: string;
  readonly status: number;
  /** Header lists by Retry-After value, built on first use (one per second of the schedule's range). */
  readonly headers: Map<number, readonly string[]>;
}

function prepare(api: AdmittedApi): PreparedApi {
  const answer = api.answer(OVERLOADED);
  return {
    path: api.path,
    lowerPath: api.path.toLowerCase(),
    body: Buffer.from(JSON.stringify(answer.body), 'utf8'),
    contentType: answer.contentType,
    status: answer.status,
    headers: new Map(),
  };
}

/**
 * Admission control at the edge, in front of Express, authentication and body parsing: at most
 * `maxInFlight` API requests run at once; more wait in a queue whose discipline adapts to overload
 * (src/http/admission-queue.ts); everything beyond is answered at once with 503 and `Retry-After`
 * in the protocol's shape. A refusal writes a body rendered once at start into the raw response —
 * no routing, no JSON encoding, no header bookkeeping — because under a flood of clients, refusals
 * are most of the work. The requests let in run with about the concurrency the database pool can
 * serve, so their latency stays near the unloaded one.
 *
 * A slot is freed when the response finishes or the connection closes, whichever comes first.
 */
export class AdmissionControl {
  private running = 0;
  private readonly queue: AdmissionQueue<Waiter>;
  private readonly observers: AdmissionObserver[] = [];
  private readonly summary: ShedSummary;
  private lastShedAt = Number.NEGATIVE_INFINITY;
  private readonly budget: RefusalBudget;
  private readonly retrySchedule: RetrySchedule;
  private readonly holdLine: Held[] = [];
  private releaseTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly settings: AdmissionSettings,
    logger: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.summary = new ShedSummary(logger, settings);
    this.budget = new RefusalBudget(settings.refusalsPerSecond, now);
    this.retrySchedule = new RetrySchedule(
      settings.retryAfterSeconds,
      retryAfterLimitSeconds(settings.retryAfterSeconds),
      // What the instance can take in at once: its slots and its queue.
      settings.maxInFlight + settings.maxQueued,
      now,
    );
    this.queue = new AdmissionQueue<Waiter>(
      {
        maxQueued: settings.maxQueued,
        maxQueueMs: settings.maxQueueMs,
        sheddingQueueMs: Math.min(SHEDDING_QUEUE_MS, settings.maxQueueMs),
        sheddingForMs: SHEDDING_FOR_MS,
      },
      (waiter) =>
        this.shed(waiter.res, 'queue_timeout', this.now() - waiter.since, waiter.api, waiter.request),
      now,
    );
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Requests held because refusals are over their budget. */
  get held(): number {
    return this.holdLine.length;
  }

  /** Shedding now, or shed within the last 10 seconds: busy, but reachable and serving. */
  get overloaded(): boolean {
    return (
      this.queue.length > 0 || this.holdLine.length > 0 || this.now() - this.lastShedAt < OVERLOADED_FOR_MS
    );
  }

  observe(observer: AdmissionObserver): void {
    this.observers.push(observer);
  }

  /**
   * The gate in front of the app: requests under one of `apis` are admitted, queued or refused in
   * that API's shape; anything else (health, readiness, /metrics, the console) passes untouched.
   */
  gate(apis: readonly AdmittedApi[]): Gate {
    const prepared = apis.map(prepare);
    return (req, res, pass) => {
      // Express matches mount paths case-insensitively; so must the gate in front of them.
      const url = (req.url ?? '/').toLowerCase();
      const api = prepared.find(
        ({ lowerPath: p }) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`),
      );
      if (!api) return pass();
      this.decide(req, res, pass, api);
    };
  }

  /** Runs the request if a slot is free (and nobody waits), queues it if there is room, else refuses it. */
  private decide(req: IncomingMessage, res: ServerResponse, pass: () => void, api: PreparedApi): void {
    if (this.running < this.settings.maxInFlight && this.queue.length === 0) {
      this.admit(res, 0);
      return pass();
    }
    // A request that cannot run at once reserves a refusal from the budget before it may queue (it is
    // refused after its wait unless a slot frees, which gives the reservation back): spent only at
    // refusal, the budget let a held line drain into the queue at once and eager clients go round
    // the queue's short wait to thousands of refusals a second. With nothing to reserve, it is held.
    if (!this.budget.take()) return this.hold(req, res, pass, api);
    const request = { apiPath: api.path, method: req.method ?? 'GET', url: req.url ?? '/' };
    if (this.queue.hasRoom) this.enqueue({ since: this.now(), res, api, request, pass });
    else this.shed(res, 'queue_full', 0, api, request);
  }

  /**
   * Past the refusal budget: clients retry faster than Retry-After allows (or far more clients than
   * the instance serves arrive at once). Answering each at once would let a thousand eager clients
   * cost a refusal per round trip — thousands a second, more work than the requests served
   * (bench/README.md "Overload"). The request waits instead, unanswered and unread beyond its
   * headers, in a line released at the budget's rate, first come first served; each is then decided
   * like a new arrival (a slot may have freed). Its connection carries nothing else meanwhile
   * (HTTP/1.1 answers in order), which is the point: the client slows to the rate the budget allows.
   */
  private hold(req: IncomingMessage, res: ServerResponse, pass: () => void, api: PreparedApi): void {
    this.holdLine.push({ req, res, pass, api });
    this.armRelease();
  }

  private armRelease(): void {
    if (this.releaseTimer || this.holdLine.length === 0) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      this.release();
    }, this.budget.msUntilNext());
    this.releaseTimer.unref();
  }

  /** Decides held requests while the budget allows (each refusal spends it, each admission not). */
  private release(): void {
    while (this.holdLine.length > 0 && this.budget.available()) {
      const held = this.holdLine.shift() as Held;
      if (!held.res.destroyed) this.decide(held.req, held.res, held.pass, held.api);
    }
    this.armRelease();
  }

  /** Stops the summary, queue and hold timers (the app is closing). */
  close(): void {
    this.summary.close();
    this.queue.close();
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
  }

  private enqueue(waiter: Waiter): void {
    this.queue.push(waiter);
    // A client that gives up while waiting must not get a slot later.
    waiter.res.once('close', () => this.queue.remove(waiter));
  }

  private admit(res: ServerResponse, waitedMs: number): void {
    this.running++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running--;
      this.next();
    };
    res.once('finish', release).once('close', release);
    for (const observer of this.observers) observer.admitted(waitedMs);
  }

  private next(): void {
    while (this.running < this.settings.maxInFlight) {
      const waiter = this.queue.take();
      if (!waiter) return;
      this.budget.giveBack();
      this.admit(waiter.res, this.now() - waiter.since);
      waiter.pass();
    }
  }

  private shed(
    res: ServerResponse,
    reason: ShedReason,
    waitedMs: number,
    api: PreparedApi,
    request: ShedRequest,
  ): void {
    this.lastShedAt = this.now();
    this.queue.noteShed();
    this.summary.count(reason);
    for (const observer of this.observers) observer.shed(reason, waitedMs, request);
    if (res.headersSent || res.destroyed) return;
    const retryAfter = this.retrySchedule.next();
    res.writeHead(api.status, this.headersOf(api, retryAfter) as string[]);
    // Node detaches the socket from the response when it finishes: keep hold of it here.
    const socket = res.socket;
    if (socket) res.once('finish', () => keepIdleUntilReturn(socket, retryAfter));
    res.end(api.body);
  }

  private headersOf(api: PreparedApi, retryAfter: number): readonly string[] {
    let headers = api.headers.get(retryAfter);
    if (!headers) {
      headers = [
        'Content-Type',
        api.contentType,
        'Content-Length',
        String(api.body.length),
        'Retry-After',
        String(retryAfter),
      ];
      api.headers.set(retryAfter, headers);
    }
    return headers;
  }
}
