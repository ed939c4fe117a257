import type { JsonObject, ListResponse } from '../protocol';

/** What a SCIM operation answers, before it becomes an HTTP response (or a Bulk result). */
export interface ScimResult {
  readonly status: number;
  readonly body?: JsonObject | ListResponse<JsonObject>;
  readonly location?: string;
  readonly etag?: string;
}
