import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ErrorAnswer } from '../../http/refusal';
import { scimErrorHandler, sendErrorAs } from '../errors';
import type { ScimError } from '../protocol';
import { v1ErrorBody } from './protocol';

/**
 * SCIM 1.1 speaks plain JSON (draft-scim-api-01 §3.1); there is no SCIM media type yet. RFC 8259 §11
 * registers application/json without a `charset` parameter, so none is sent.
 */
export const V1_CONTENT_TYPE = 'application/json';

/** A SCIM 1.1 error as data (the admission gate renders its refusal from it once). */
export const v1ErrorAnswer = (error: ScimError): ErrorAnswer => ({
  status: error.status,
  contentType: V1_CONTENT_TYPE,
  body: v1ErrorBody(error),
});

export function sendV1Error(res: Response, error: ScimError): void {
  const { contentType, body } = v1ErrorAnswer(error);
  sendErrorAs(res, error, contentType, body);
}

/** The 1.1 router's error handler: the status is decided by the same `toScimError` as for 2.0 (STYLE §8). */
export const v1ErrorHandler = (logger: Logger): ErrorRequestHandler =>
  scimErrorHandler(logger, sendV1Error, 'SCIM 1.1');
