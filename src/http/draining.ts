import type { RequestHandler } from 'express';
import { DomainError } from '../errors';
import { refuse } from './refusal';

/**
 * While the process drains (SIGTERM), requests that still arrive on open keep-alive connections are
 * refused with 503 and `Connection: close`, so clients retry on another instance; requests already
 * running finish normally.
 */
export function draining(isDraining: () => boolean): RequestHandler {
  return (_req, res, next) => {
    if (!isDraining()) return next();
    res.setHeader('Connection', 'close');
    refuse(
      res,
      new DomainError('UNAVAILABLE', 'The service is shutting down; retry the request'),
      'draining',
    );
  };
}
