import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

/**
 * What Express rejected before any handler ran — a body body-parser could not read, or a path
 * parameter that is not valid percent-encoding (`/Users/%ZZ`) — as a status and a client-safe
 * message; undefined for other errors.
 */
export function bodyError(error: unknown): { status: 400 | 413 | 415; message: string } | undefined {
  if (error instanceof URIError && (error as BodyParserError).status === 400) {
    return { status: 400, message: 'The request path is not valid percent-encoding' };
  }
  const type = (error as BodyParserError)?.type;
  if (type === 'entity.parse.failed') return { status: 400, message: 'Request body is not valid JSON' };
  if (type === 'entity.too.large') return { status: 413, message: 'Request body is too large' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, message: 'Unsupported request body encoding' };
  }
  return undefined;
}

/** The last resort for routes outside the protocol routers: JSON errors, never a stack trace. */
export function fallbackErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = bodyError(error);
    if (known) {
      res.status(known.status).json({ error: known.message });
      return;
    }
    (req.log ?? logger).error({ err: error }, 'unhandled error');
    res.status(500).json({ error: 'Internal server error' });
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Not found' });
};
