import type { RequestHandler, Response } from 'express';
import { DomainError } from '../errors';
import type { Logger } from './logger';
import { refuse } from './refusal';

/**
 * A request still unanswered after `timeoutMs` is answered 503 (UNAVAILABLE / SCIM 503) and logged.
 * Its work is not cancelled — a transaction in progress commits or rolls back as a whole, bounded by
 * the database query timeout — but whatever it writes to the response afterwards is dropped.
 */
export function requestTimeout(timeoutMs: number, logger: Logger): RequestHandler {
  if (timeoutMs <= 0) return (_req, _res, next) => next();
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      (req.log ?? logger).warn({ timeoutMs }, 'request timed out');
      refuse(res, new DomainError('UNAVAILABLE', 'The request took too long; retry later'), 'timeout');
      dropLateWrites(res);
    }, timeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/** After the timeout answer, the handler's own answer has nowhere to go: make writing it a no-op. */
function dropLateWrites(res: Response): void {
  const ignore = function (this: Response) {
    return this;
  };
  Object.assign(res, {
    setHeader: ignore,
    appendHeader: ignore,
    removeHeader: () => undefined,
    writeHead: ignore,
    write: () => true,
    end: ignore,
  });
}
