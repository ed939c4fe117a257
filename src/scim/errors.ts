import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { DomainErrorCode } from '../errors';
import { isDomainError } from '../errors';
import { bodyError } from '../http/error-handler';
import { warnUnavailable } from '../http/unavailable-log';
import { GraphqlCallError } from './graphql/graphql-executor';
import { errorBody, ScimError } from './protocol';
import type { ScimType } from './protocol';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

function badInput(error: GraphqlCallError): ScimError {
  const field = error.field ?? '';
  let scimType: ScimType = 'invalidValue';
  // sortBy is a query parameter, which RFC 7644 §3.12 answers with invalidValue, not invalidFilter.
  if ((error.reason === 'unknownAttribute' || field.startsWith('filter')) && !field.startsWith('orderBy'))
    scimType = 'invalidFilter';
  if (error.reason === 'mutability') scimType = 'mutability';
  if (field === 'after') scimType = 'invalidCursor';
  return new ScimError(400, scimType, field ? `${error.message} (${field})` : error.message);
}

/** How SCIM answers each domain code: the one place these are mapped (STYLE §8). */
const FROM_CODE: Readonly<Record<DomainErrorCode, (error: GraphqlCallError) => ScimError>> = {
  NOT_FOUND: (e) => new ScimError(404, undefined, e.message),
  CONFLICT: (e) => new ScimError(409, 'uniqueness', e.message),
  VERSION_CONFLICT: () =>
    new ScimError(412, undefined, 'The resource was changed by another request (ETag mismatch)'),
  BAD_USER_INPUT: badInput,
  UNAUTHENTICATED: () => new ScimError(401, undefined, 'Authentication required'),
  FORBIDDEN: (e) => new ScimError(403, undefined, e.message),
  RATE_LIMITED: () => new ScimError(429, undefined, 'Too many requests; retry later'),
  UNAVAILABLE: () => new ScimError(503, undefined, 'Service temporarily unavailable; retry later'),
  INTERNAL: () => new ScimError(500, undefined, 'Internal server error'),
};

/** Any error as the SCIM error it answers with; unknown errors are 500 and never show their text. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof GraphqlCallError) return FROM_CODE[error.code](error);
  // Refusals of the HTTP layer in front of the router (rate limit, timeout, shutting down).
  if (isDomainError(error)) return FROM_CODE[error.code](new GraphqlCallError(error.code, error.message));
  const body = bodyError(error);
  if (body?.status === 400) return new ScimError(400, 'invalidSyntax', body.message);
  if (body) return new ScimError(body.status, undefined, body.message);
  return FROM_CODE.INTERNAL(new GraphqlCallError('INTERNAL', 'Internal server error'));
}

export function sendScimError(res: import('express').Response, error: ScimError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim", Basic realm="scim"');
  if (error.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
  res
    .status(error.status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify(errorBody(error)));
}

/** The SCIM router's error handler: every failure is an RFC 7644 §3.12 Error body. */
export function scimErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const scimError = toScimError(error);
    const cause = error instanceof GraphqlCallError ? (error.cause ?? error) : error;
    if (scimError.status === 503) warnUnavailable(logger, cause, { requestId: res.locals.requestId });
    else if (scimError.status >= 500)
      (req.log ?? logger).error({ err: cause }, `SCIM request failed with ${scimError.status}`);
    sendScimError(res, scimError);
  };
}
