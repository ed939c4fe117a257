import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { DomainErrorCode, DomainErrorReason } from '../errors';
import { isDomainError } from '../errors';
import { bodyError } from '../http/error-handler';
import type { ErrorAnswer } from '../http/refusal';
import { warnUnavailable } from '../http/unavailable-log';
import { GraphqlCallError } from './graphql/graphql-executor';
import { badRequest, errorBody, plainError, ScimError, scimError } from './protocol';
import type { ScimType } from './protocol';

/** RFC 7644 §8.1 registers application/scim+json without parameters: no `charset` (JSON is UTF-8). */
export const SCIM_CONTENT_TYPE = 'application/scim+json';

/**
 * Sends a JSON body with exactly `contentType`. Express's `res.send` appends `; charset=utf-8` to a
 * string body, a parameter neither the SCIM nor the JSON registration defines; a Buffer is sent as is.
 */
export function sendJson(res: import('express').Response, contentType: string, body: unknown): void {
  res.setHeader('Content-Type', contentType);
  res.send(Buffer.from(JSON.stringify(body), 'utf8'));
}

/**
 * The keyword of a refused input, by the domain's reason: the one place reasons become scimTypes
 * (STYLE §30). A Record, so a new reason breaks the build until SCIM knows how to answer it.
 */
const SCIM_TYPE_OF_REASON: Readonly<Record<DomainErrorReason, ScimType>> = {
  invalidValue: 'invalidValue',
  required: 'invalidValue',
  unknownAttribute: 'invalidFilter',
  invalidFilter: 'invalidFilter',
  // sortBy is a query parameter, which RFC 7644 §3.12 answers with invalidValue, not invalidFilter.
  invalidSort: 'invalidValue',
  invalidCursor: 'invalidCursor',
  mutability: 'mutability',
  uniqueness: 'uniqueness',
  unknownMember: 'invalidValue',
  cycle: 'invalidValue',
  // The cursor draft's keyword for a cursor past its lifetime (SCIM has no events feed today).
  CURSOR_EXPIRED: 'expiredCursor',
  // Comes with FORBIDDEN, which SCIM answers as a plain 403 naming the pause; never a 400.
  connectionPaused: 'invalidValue',
  // Come with UNAUTHENTICATED (a setup link is no SCIM credential; SCIM answers a plain 401).
  setupLinkExpired: 'invalidValue',
  setupLinkRevoked: 'invalidValue',
};

function badInput(error: GraphqlCallError): ScimError {
  const detail = error.field ? `${error.message} (${error.field})` : error.message;
  return scimError(SCIM_TYPE_OF_REASON[error.reason ?? 'invalidValue'], detail);
}

/** How SCIM answers each domain code: the one place these are mapped (STYLE §8). */
const FROM_CODE: Readonly<Record<DomainErrorCode, (error: GraphqlCallError) => ScimError>> = {
  NOT_FOUND: (e) => plainError(404, e.message),
  CONFLICT: (e) => scimError('uniqueness', e.message),
  VERSION_CONFLICT: () => plainError(412, 'The resource was changed by another request (ETag mismatch)'),
  BAD_USER_INPUT: badInput,
  UNAUTHENTICATED: () => plainError(401, 'Authentication required'),
  FORBIDDEN: (e) => plainError(403, e.message),
  RATE_LIMITED: () => plainError(429, 'Too many requests; retry later'),
  UNAVAILABLE: () => plainError(503, 'Service temporarily unavailable; retry later'),
  INTERNAL: () => plainError(500, 'Internal server error'),
};

/** Any error as the SCIM error it answers with; unknown errors are 500 and never show their text. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof GraphqlCallError) return FROM_CODE[error.code](error);
  // Refusals of the HTTP layer in front of the router (rate limit, timeout, shutting down).
  if (isDomainError(error)) {
    return FROM_CODE[error.code](new GraphqlCallError(error.code, error.message, undefined, error.reason));
  }
  const body = bodyError(error);
  if (body?.status === 400) return badRequest('invalidSyntax', body.message);
  if (body) return plainError(body.status, body.message);
  return FROM_CODE.INTERNAL(new GraphqlCallError('INTERNAL', 'Internal server error'));
}

/** An error in either SCIM version's body, with the headers its status calls for. */
export function sendErrorAs(
  res: import('express').Response,
  error: ScimError,
  contentType: string,
  body: unknown,
): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim", Basic realm="scim"');
  if (error.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
  sendJson(res.status(error.status), contentType, body);
}

/** A SCIM 2.0 Error as data (the admission gate renders its refusal from it once). */
export const scimErrorAnswer = (error: ScimError): ErrorAnswer => ({
  status: error.status,
  contentType: SCIM_CONTENT_TYPE,
  body: errorBody(error),
});

export function sendScimError(res: import('express').Response, error: ScimError): void {
  const { contentType, body } = scimErrorAnswer(error);
  sendErrorAs(res, error, contentType, body);
}

/**
 * A SCIM router's error handler: every failure is an Error body (RFC 7644 §3.12 by default; the 1.1
 * router passes its own sender). Unknown errors are 500 and logged once, never shown.
 */
export function scimErrorHandler(
  logger: Logger,
  send: (res: import('express').Response, error: ScimError) => void = sendScimError,
  version = 'SCIM',
): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const scimError = toScimError(error);
    const cause = error instanceof GraphqlCallError ? (error.cause ?? error) : error;
    if (scimError.status === 503) warnUnavailable(logger, cause, { requestId: res.locals.requestId });
    else if (scimError.status >= 500)
      (req.log ?? logger).error({ err: cause }, `${version} request failed with ${scimError.status}`);
    send(res, scimError);
  };
}
