import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { sendJson, toScimError } from '../errors';
import { GraphqlCallError } from '../graphql/graphql-executor';
import type { ScimError } from '../protocol';
import { v1ErrorBody } from './protocol';

/**
 * SCIM 1.1 speaks plain JSON (draft-scim-api-01 §3.1); there is no SCIM media type yet. RFC 8259 §11
 * registers application/json without a `charset` parameter, so none is sent.
 */
export const V1_CONTENT_TYPE = 'application/json';

export function sendV1Error(res: Response, error: ScimError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim", Basic realm="scim"');
  if (error.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
  sendJson(res.status(error.status), V1_CONTENT_TYPE, v1ErrorBody(error));
}

/**
 * The 1.1 router's error handler: the status is decided by the same `toScimError` as for 2.0
 * (STYLE §8), only the body differs. Unknown errors are 500 and logged once, never shown.
 */
export function v1ErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const scimError = toScimError(error);
    if (scimError.status >= 500) {
      const cause = error instanceof GraphqlCallError ? (error.cause ?? error) : error;
      (req.log ?? logger).error({ err: cause }, `SCIM 1.1 request failed with ${scimError.status}`);
    }
    sendV1Error(res, scimError);
  };
}
