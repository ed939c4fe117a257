import type { RequestHandler } from 'express';
import { DomainError } from '../errors';
import { refuse } from './refusal';

/**
 * Remembers whether the process was draining when the request arrived — before admission control,
 * whose queue may hold it past the signal: a request received before SIGTERM is served, not refused.
 */
export function noteArrival(isDraining: () => boolean): RequestHandler {
  return (_req, res, next) => {
    res.locals.arrivedWhileDraining = isDraining();
    next();
  };
}

/**
 * While the process drains (SIGTERM), requests that still arrive on open keep-alive connections are
 * refused with 503 and `Connection: close`, so clients retry on another instance; requests received
 * before (running, or waiting in the admission queue) finish normally.
 */
export function draining(isDraining: () => boolean): RequestHandler {
  return (_req, res, next) => {
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
