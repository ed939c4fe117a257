/** Bulk message URNs and the parsed shape of one bulk operation (RFC 7644 §3.7). */
import type { JsonObject } from '../json';

export const BULK_REQUEST_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** RFC 7644 §3.7.2: a reference to a resource created in the same request is `"bulkId:" + bulkId`. */
export const BULK_ID_PREFIX = 'bulkId:';

export const BULK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

export interface BulkOperation {
  readonly method: BulkMethod;
  /** REQUIRED for POST; unique within the request. */
  readonly bulkId?: string;
  /** The ETag the client expects (`If-Match`) for PUT, PATCH and DELETE. */
  readonly version?: string;
  /** Relative to the SCIM base URL, e.g. `/Users` or `/Groups/{id}`; see `parseBulkPath`. */
  readonly path: string;
  /** The body of the single POST, PUT or PATCH request; absent for DELETE. */
  readonly data?: JsonObject;
}

/** The bulkId a string refers to, when it is a `bulkId:<id>` reference. */
export function bulkIdReference(value: string): string | undefined {
  return value.startsWith(BULK_ID_PREFIX) && value.length > BULK_ID_PREFIX.length
    ? value.slice(BULK_ID_PREFIX.length)
    : undefined;
}
