import type { RequestHandler } from 'express';
import { DomainError } from '../errors';
import { refuse } from './refusal';

/**
 * While the process drains (SIGTERM), requests that still arrive on open keep-alive connections are
 * refused with 503 and `Connection: close`, so clients retry on another instance; requests received
 * before (running, or waiting in the admission queue) finish normally.
 */
export function draining(isDraining: () => boolean): RequestHandler {
  return (_req, res, next) => {
    // Noted as the request arrived, ahead of the admission queue (src/http/http-shell.ts).
    const arrivedDraining = (res.locals.arrivedWhileDraining as boolean | undefined) ?? isDraining();
    if (!arrivedDraining) return next();
    res.setHeader('Connection', 'close');
    refuse(
      res,
      new DomainError('UNAVAILABLE', 'The service is shutting down; retry the request'),
      'draining',
    );
  };
}
