import type { RequestHandler, Response } from 'express';
import type { DomainError } from '../errors';

/**
 * How a protocol answers a request the HTTP layer turns away before it reaches the protocol (rate
 * limit, request timeout, shutting down): GraphQL's error shape on /graphql, a SCIM Error on /scim.
 */
export type Refuse = (res: Response, error: DomainError) => void;

/**
 * A protocol's error answer as data — status, media type and body — so the admission gate can render
 * its refusal once, ahead of Express, from the same function the protocol's own error sender uses.
 */
export interface ErrorAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

/** The HTTP status of a refusal: 429 for RATE_LIMITED, 503 for UNAVAILABLE (the only two used). */
export const refusalStatus = (error: DomainError): number => (error.code === 'RATE_LIMITED' ? 429 : 503);

/**
 * Declares how the routes behind it answer refusals (the guards after it use `refuse`) and which API
 * they belong to (metrics label requests no route took with it).
 */
export function answerRefusalsWith(answer: Refuse, apiPath: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.refuse = answer;
    res.locals.apiPath = apiPath;
    next();
  };
}

/** Why the HTTP layer refused a request (a label of `identity_http_refusals_total`). */
export type RefusalReason = 'overloaded' | 'rate_limit' | 'auth_failures' | 'timeout' | 'draining';

/** Answers with the protocol's refusal (plain JSON where no protocol declared one). */
export function refuse(res: Response, error: DomainError, reason: RefusalReason): void {
  res.locals.refusal = reason;
  const answer = res.locals.refuse as Refuse | undefined;
  if (answer) answer(res, error);
  else res.status(refusalStatus(error)).json({ error: error.message });
}
