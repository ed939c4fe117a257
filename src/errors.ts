/**
 * The one error model. Every expected failure is a DomainError with a code from this closed set;
 * `graphql/format-error.ts` and `scim/errors.ts` each map every code exhaustively, so adding a code
 * breaks the build until both protocols know how to answer it.
 */
export const DOMAIN_ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * Why an input was refused, finer than the code. A closed set, so a protocol adapter maps each one
 * exhaustively (SCIM's `scimType` in `scim/errors.ts`) instead of guessing from the field name.
 * A BAD_USER_INPUT without a reason is an invalid value.
 */
export const DOMAIN_ERROR_REASONS = [
  /** A value of the wrong type, shape, length or range. */
  'invalidValue',
  /** A required value is missing. */
  'required',
  /** A filter names an attribute the resource does not have. */
  'unknownAttribute',
  /** A filter is malformed, too deep or too large, or compares a value of the wrong type. */
  'invalidFilter',
  /** The sort attribute cannot be sorted by. */
  'invalidSort',
  /** A paging cursor was not issued by this API, or cannot be combined with an offset. */
  'invalidCursor',
  /** The write would change a value that cannot change. */
  'mutability',
  /** A value that must be unique is taken. */
  'uniqueness',
  /** A member id names no user or group of the organization. */
  'unknownMember',
  /** Adding the member would make a group contain itself. */
  'cycle',
  /**
   * An events-feed cursor older than EVENT_RETENTION_DAYS: the events after it are gone. Spelt as
   * docs/events.md and issue 15 promise consumers (`extensions.reason`), unlike the others.
   */
  'CURSOR_EXPIRED',
  /** FORBIDDEN: the credential is valid but its connection is paused, so nothing is read or written. */
  'connectionPaused',
  /** UNAUTHENTICATED: a setup link past its expiry (its holder is told, in words and by this reason). */
  'setupLinkExpired',
  /** UNAUTHENTICATED: a setup link an admin revoked, or whose connection was deleted. */
  'setupLinkRevoked',
] as const;

export type DomainErrorReason = (typeof DOMAIN_ERROR_REASONS)[number];

export const isDomainErrorReason = (value: unknown): value is DomainErrorReason =>
  (DOMAIN_ERROR_REASONS as readonly unknown[]).includes(value);

export interface DomainErrorDetails {
  /** The input field or attribute path the error is about, e.g. `userName` or `filter.and[1].value`. */
  readonly field?: string;
  /** Why, from the closed set above; protocol adapters map it (SCIM: `scimType`). */
  readonly reason?: DomainErrorReason;
  readonly [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get reason(): DomainErrorReason | undefined {
    return this.details.reason;
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} ${id} was not found`, { field: 'id' });

export const badInput = (field: string, message: string, details: DomainErrorDetails = {}): DomainError =>
  new DomainError('BAD_USER_INPUT', message, { ...details, field });

/** A refused filter: `reason` is what a SCIM client sees as `invalidFilter`. */
export const badFilter = (field: string, message: string, details: DomainErrorDetails = {}): DomainError =>
  badInput(field, message, { reason: 'invalidFilter', ...details });

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
