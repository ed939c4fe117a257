/**
 * The BulkResponse message (RFC 7644 §3.7.3). `status` is the HTTP status as a string, as in
 * every §3.7.3 example (`"status": "201"`); the §3.7.2 example's `"status": {"code": "201"}`
 * contradicts them, and clients read the string form.
 *
 * "A "location" attribute that includes the resource's endpoint MUST be returned for all
 * operations except for failed POST operations (which have no location)", and for an error "the
 * "response" attribute MUST contain the detail error response as per Section 3.12" — the caller
 * passes `errorBody(error)` there.
 */
import type { JsonObject } from '../json';
import type { ScimErrorBody } from '../scim-error';
import type { BulkMethod } from './bulk-operation';
import { BULK_RESPONSE_MESSAGE } from './bulk-operation';

export interface BulkResult {
  readonly method: BulkMethod;
  readonly bulkId?: string;
  readonly version?: string;
  readonly location?: string;
  readonly status: number;
  readonly response?: JsonObject | ScimErrorBody;
}

export interface BulkResponseOperation {
  readonly location?: string;
  readonly method: BulkMethod;
  readonly bulkId?: string;
  readonly version?: string;
  readonly status: string;
  readonly response?: JsonObject | ScimErrorBody;
}

export interface BulkResponse {
  readonly schemas: readonly [typeof BULK_RESPONSE_MESSAGE];
  readonly Operations: BulkResponseOperation[];
}

export function bulkResponse(results: readonly BulkResult[]): BulkResponse {
  return {
    schemas: [BULK_RESPONSE_MESSAGE],
    Operations: results.map((result) => ({
      ...(result.location !== undefined && { location: result.location }),
      method: result.method,
      ...(result.bulkId !== undefined && { bulkId: result.bulkId }),
      ...(result.version !== undefined && { version: result.version }),
      status: String(result.status),
      ...(result.response !== undefined && { response: result.response }),
    })),
  };
}
