/**
 * SCIM protocol errors (RFC 7644 §3.12).
 *
 * Every failure the protocol layer reports is a `ScimError`: an HTTP status plus, for 400s, a
 * `scimType` keyword from a closed set, so the HTTP layer can render the RFC error body without
 * guessing. Anything that is not a `ScimError` escaping this folder is a bug.
 */

/** The detail error keywords of RFC 7644 §3.12, Table 9. */
export const RFC_SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const;

/**
 * Keywords added by draft-ietf-scim-cursor-pagination §2.1 ("These error types extend the list of
 * error types defined in section 3.12 of RFC 7644"). Kept apart so the RFC set stays recognisable.
 */
export const CURSOR_SCIM_TYPES = ['invalidCursor', 'expiredCursor', 'invalidCount'] as const;

export type ScimType = (typeof RFC_SCIM_TYPES)[number] | (typeof CURSOR_SCIM_TYPES)[number];

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(scimType ? `${status} ${scimType}: ${detail}` : `${status}: ${detail}`);
  }
}

/** The JSON body of an error response; RFC 7644 §3.12 sends `status` as a string. */
export interface ScimErrorBody {
  readonly schemas: readonly [typeof ERROR_SCHEMA];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

export function errorBody(err: ScimError): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(err.status), detail: err.detail };
  return err.scimType ? { ...body, scimType: err.scimType } : body;
}

/** Shorthand for the 400s that make up almost every protocol error. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, scimType, detail);
}
