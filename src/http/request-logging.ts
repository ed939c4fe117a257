import type { RequestHandler } from 'express';
import type { Logger } from './logger';
import { requestIdOf } from './request-id';

declare module 'http' {
  interface IncomingMessage {
    /** This request's logger: every line it writes carries the request id. */
    log?: Logger;
  }
}

/** Health probes every few seconds would drown the log. */
const quiet = (url: string) => url === '/healthz' || url === '/readyz';

/**
 * A console setup link (`/admin/setup/<secret>`) is a credential in a path: the access log keeps
 * that the page was opened, never the secret. Express matches paths case-insensitively, so do we.
 * A setup-link secret (`isl_…`) anywhere else in the URL is dropped too.
 */
export function redactUrl(url: string): string {
  const withoutSecrets = url.replace(SETUP_SECRET, 'isl_[redacted]');
  const queryAt = withoutSecrets.search(/[?#]/);
  const pathPart = queryAt === -1 ? withoutSecrets : withoutSecrets.slice(0, queryAt);
  if (!SETUP_PATH.test(safeDecode(pathPart))) return withoutSecrets;
  return `${ADMIN_SETUP_REDACTED}${queryAt === -1 ? '' : withoutSecrets.slice(queryAt)}`;
}

const SETUP_SECRET = /isl_[^/?#&\s]*/g;
const SETUP_PATH = /^\/+admin\/+setup(?:\/|$)/i;
const ADMIN_SETUP_REDACTED = '/admin/setup/[redacted]';

/** A path as Express would match it; an undecodable one (Express answers 400) is kept as sent. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** What `req.log` builds its child logger from, on the first read. */
interface LazyLog {
  readonly logger: Logger;
  readonly requestId: string;
  child: Logger | undefined;
}

const LAZY_LOG = Symbol('lazyLog');

type WithLazyLog = { [LAZY_LOG]?: LazyLog };

/** `req.log`: one getter shared by every request (see requestLogging). */
const LOG_PROPERTY: PropertyDescriptor = {
  configurable: true,
  enumerable: false,
  get(this: WithLazyLog) {
    const lazy = this[LAZY_LOG];
    return lazy && (lazy.child ??= lazy.logger.child({ requestId: lazy.requestId }));
  },
};

/**
 * One JSON log line per request, with its request id, which every later line of the request carries.
 *
 * Written by hand rather than with pino-http: that builds two child loggers per request and
 * serialises the request into one of them up front, which cost as much as routing a cheap SCIM
 * read. Here the child logger exists only if something logs during the request (an error, a
 * timeout), and the one summary line is written when the response ends.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const summaries = summaryLogger(logger);
  return (req, res, next) => {
    const started = Date.now();
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    res.locals.requestId = requestId;
    // One getter for every request, reading the request's own state from a symbol. A getter closing
    // over this request would be a new accessor per request, which V8 records in a new hidden class
    // (map) of the request; maps live in old space, so each young-generation collection kept the
    // getter's closure alive, and through it the request, its response and all they held, until
    // the next full collection.
    (req as WithLazyLog)[LAZY_LOG] = { logger, requestId, child: undefined };
    Object.defineProperty(req, 'log', LOG_PROPERTY);
    const { method } = req;
    const url = redactUrl(req.originalUrl);
    if (!quiet(url)) {
      const done = () => {
        res.off('finish', done).off('close', done);
        const line = {
          requestId,
          req: { method, url, remoteAddress: req.socket.remoteAddress },
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
        };
        if (!res.writableFinished) summaries.warn(line, 'request aborted');
        else if (res.statusCode >= 500) summaries.error(line, 'request errored');
        else summaries.info(line, 'request completed');
      };
      res.on('finish', done).on('close', done);
    }
    next();
  };
}

/**
 * The logger of the per-request summary line: the service's logger without its redaction. The line
 * has a fixed shape — requestId, req.method, req.url (its secrets dropped by `redactUrl`),
 * req.remoteAddress, res.statusCode, responseTime — and no key that a redacted path
 * (`REDACTED_PATHS`: authorization, cookie, password, secret, token) names, so redacting it never
 * changed a byte. It was the costliest part of the line: pino's redaction re-parses every path for
 * each top-level key of each line, a tenth of all that a SCIM filter request allocated.
 */
function summaryLogger(logger: Logger): Logger {
  return logger.child({}, { redact: [] });
}
