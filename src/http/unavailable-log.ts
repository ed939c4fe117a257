/** The slice of a logger this needs (pino's, or the GraphQL server's). */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/** The same cause is logged at most once in this window; repeats are counted into the next line. */
const WINDOW_MS = 10_000;

interface Seen {
  at: number;
  suppressed: number;
}

const seenByLogger = new WeakMap<WarnLogger, Map<string, Seen>>();

/**
 * Logs why a request was answered 503 (the database, Redis or the subgraph is unreachable) at
 * `warn`, rate-limited per cause: an outage under load is one line every ten seconds with a count,
 * not one error line per request.
 */
export function warnUnavailable(
  logger: WarnLogger,
  cause: unknown,
  fields: object = {},
  now = Date.now(),
): void {
  const seen = seenByLogger.get(logger) ?? new Map<string, Seen>();
  seenByLogger.set(logger, seen);
  const key = causeText(cause);
  const last = seen.get(key);
  if (last && now - last.at < WINDOW_MS) {
    last.suppressed += 1;
    return;
  }
  if (seen.size > 100) seen.clear();
  seen.set(key, { at: now, suppressed: 0 });
  logger.warn(
    { ...fields, cause: key, ...(last?.suppressed && { suppressedSinceLast: last.suppressed }) },
    'answered 503: a dependency is unavailable',
  );
}

/** The innermost message (a DomainError's `cause` carries the driver's), never a stack. */
function causeText(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | null)?.cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  const error = current as { code?: unknown; message?: unknown } | null;
  const code = typeof error?.code === 'string' ? `${error.code}: ` : '';
  return `${code}${String(error?.message ?? current)}`.slice(0, 300);
}
