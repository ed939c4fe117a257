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

/**
 * The one status each keyword is sent with (RFC 7644 Table 9; the cursor draft's are 400s). A
 * keyword never travels with another status, so the factory below takes the keyword alone.
 */
export const SCIM_TYPE_STATUS = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
  invalidCursor: 400,
  expiredCursor: 400,
  invalidCount: 400,
} as const satisfies Readonly<Record<ScimType, number>>;

/** The keywords of a 400 response. */
export type BadRequestType = {
  [K in ScimType]: (typeof SCIM_TYPE_STATUS)[K] extends 400 ? K : never;
}[ScimType];

/**
 * Statuses RFC 7644 §3.12 (and HTTP) answer without a keyword. 400 is not one of them: every 400
 * this service sends says which keyword applies.
 */
export type PlainStatus = 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 500 | 501 | 503;

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Built only through the factories, so status and keyword always agree (scimmy's ErrorResponse). */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  private constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(scimType ? `${status} ${scimType}: ${detail}` : `${status}: ${detail}`);
  }

  /** An error with a keyword, at the status RFC 7644 Table 9 pairs it with. */
  static typed(scimType: ScimType, detail: string): ScimError {
    return new ScimError(SCIM_TYPE_STATUS[scimType], scimType, detail);
  }

  /** An error without a keyword. */
  static plain(status: PlainStatus, detail: string): ScimError {
    return new ScimError(status, undefined, detail);
  }
}

/** An error with a keyword, at the status RFC 7644 Table 9 pairs it with. */
export function scimError(scimType: ScimType, detail: string): ScimError {
  return ScimError.typed(scimType, detail);
}

/** The 400s that make up almost every protocol error; only the keywords of a 400 are accepted. */
export function badRequest(scimType: BadRequestType, detail: string): ScimError {
  return scimError(scimType, detail);
}

/** An error without a keyword (404, 412, 413, 429, 503, …). */
export function plainError(status: PlainStatus, detail: string): ScimError {
  return ScimError.plain(status, detail);
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
