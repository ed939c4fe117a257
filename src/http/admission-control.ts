import type { RequestHandler, Response } from 'express';
import { DomainError } from '../errors';
import type { Logger } from './logger';
import type { Refuse, RefusalReason } from './refusal';
import { ShedSummary } from './shed-summary';

export interface AdmissionSettings {
  /** Requests in progress at once; the rest wait in the queue. */
  readonly maxInFlight: number;
  /** Requests waiting for a slot; beyond this they are refused at once. */
  readonly maxQueued: number;
  /** How long a request may wait for a slot before it is refused. */
  readonly maxQueueMs: number;
  /** The shortest `Retry-After` of a refusal, in seconds; each refusal draws from it to twice it. */
  readonly retryAfterSeconds: number;
}

/** Why a request was refused: the queue was full when it came, or its wait reached the deadline. */
export type ShedReason = 'queue_full' | 'queue_timeout';

/** What metrics (or anything else) learn from admission: each wait and each refusal. */
export interface AdmissionObserver {
  admitted(waitedMs: number): void;
  shed(reason: ShedReason, waitedMs: number): void;
}

interface Waiter {
  readonly since: number;
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

/** An API behind the gate: its mount path and how it answers a refusal. */
export interface AdmittedApi {
  readonly path: string;
  readonly refuse: Refuse;
}

const OVERLOADED = new DomainError(
  'UNAVAILABLE',
  'The service is overloaded; retry after the Retry-After delay',
);

/** A request shed within this window makes the instance report itself "overloaded". */
const OVERLOADED_FOR_MS = 10_000;

/**
 * Admission control at the edge, before authentication and body parsing: at most `maxInFlight`
 * API requests run at once; up to `maxQueued` more wait, first come first served, for at most
 * `maxQueueMs`; everything beyond is answered at once with 503 and `Retry-After` in the protocol's
 * shape. Refusing early is cheap (no token lookup, no body read), and the requests let in run with
 * about the concurrency the database pool can serve, so their latency stays near the unloaded one
 * instead of every request waiting in the pool's queue until all of them time out.
 *
 * A slot is freed when the response finishes or the connection closes, whichever comes first.
 */
export class AdmissionControl {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private readonly observers: AdmissionObserver[] = [];
  private readonly summary: ShedSummary;
  private lastShedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly settings: AdmissionSettings,
    logger: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.summary = new ShedSummary(logger, settings);
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Shedding now, or shed within the last 10 seconds: busy, but reachable and serving. */
  get overloaded(): boolean {
    return this.waiting.length > 0 || this.now() - this.lastShedAt < OVERLOADED_FOR_MS;
  }

  observe(observer: AdmissionObserver): void {
    this.observers.push(observer);
  }

  /**
   * The first handler of the app: requests under one of `apis` are admitted, queued or refused in
   * that API's shape; anything else (health, readiness, /metrics) passes untouched. It runs before
   * the access log, security headers and routing, so a refusal costs little more than parsing the
   * request — under a flood of clients that retry at once, refusals are most of the work.
   */
  handler(apis: readonly AdmittedApi[]): RequestHandler {
    const prefixes = apis.map((api) => ({ ...api, lowerPath: api.path.toLowerCase() }));
    return (req, res, next) => {
      // Express matches mount paths case-insensitively; so must the gate in front of them.
      const url = req.url.toLowerCase();
      const api = prefixes.find(
        ({ lowerPath: p }) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`),
      );
      if (!api) return next();
      res.locals.apiPath = api.path;
      if (this.running < this.settings.maxInFlight && this.waiting.length === 0) {
        this.admit(res, 0);
        next();
      } else if (this.waiting.length < this.settings.maxQueued && this.settings.maxQueueMs > 0) {
        this.enqueue(res, next, api.refuse);
      } else {
        this.shed(res, 'queue_full', 0, api.refuse);
      }
    };
  }

  /** Stops the summary timer (the app is closing). */
  close(): void {
    this.summary.close();
  }

  private enqueue(res: Response, next: () => void, refuse: Refuse): void {
    const since = this.now();
    const waiter: Waiter = {
      since,
      admit: () => {
        this.admit(res, this.now() - since);
        next();
      },
      timer: setTimeout(() => {
        this.remove(waiter);
        this.shed(res, 'queue_timeout', this.now() - since, refuse);
      }, this.settings.maxQueueMs),
    };
    waiter.timer.unref();
    this.waiting.push(waiter);
    // A client that gives up while waiting must not get a slot later.
    res.once('close', () => {
      if (this.remove(waiter)) clearTimeout(waiter.timer);
    });
  }

  private admit(res: Response, waitedMs: number): void {
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
    while (this.running < this.settings.maxInFlight && this.waiting.length > 0) {
      const waiter = this.waiting.shift() as Waiter;
      clearTimeout(waiter.timer);
      waiter.admit();
    }
  }

  /**
   * Between the setting and twice it: clients refused together in a burst would otherwise all come
   * back in the same second and be refused together again.
   */
  private retryAfter(): number {
    const base = this.settings.retryAfterSeconds;
    return base + Math.floor(Math.random() * (base + 1));
  }

  private remove(waiter: Waiter): boolean {
    const index = this.waiting.indexOf(waiter);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  private shed(res: Response, reason: ShedReason, waitedMs: number, refuse: Refuse): void {
    this.lastShedAt = this.now();
    this.summary.count(reason);
    for (const observer of this.observers) observer.shed(reason, waitedMs);
    if (res.headersSent || res.destroyed) return;
    res.setHeader('Retry-After', String(this.retryAfter()));
    res.locals.refusal = 'overloaded' satisfies RefusalReason;
    refuse(res, OVERLOADED);
  }
}
