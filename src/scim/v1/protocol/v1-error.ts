/**
 * The SCIM 1.1 error body (draft-scim-api-01 §3.9, "HTTP Response Codes"): an `Errors` array whose
 * items carry a human-readable `description` and the HTTP status as a string `code`, e.g.
 *
 *   { "Errors": [ { "description": "Resource 2819c223 not found", "code": "404" } ] }
 *
 * 1.1 has no `scimType`; the description says what was wrong. The same ScimError the 2.0 facade
 * throws is rendered here, so both versions decide the status of a failure in one place.
 */
import type { ScimError } from '../../protocol';

export interface V1ErrorBody {
  readonly Errors: readonly [{ readonly description: string; readonly code: string }];
}

export function v1ErrorBody(error: ScimError): V1ErrorBody {
  return { Errors: [{ description: error.detail, code: String(error.status) }] };
}
