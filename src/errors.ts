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

export interface DomainErrorDetails {
  /** The input field or attribute path the error is about, e.g. `userName` or `filter.and[1].value`. */
  readonly field?: string;
  /** A finer reason a protocol adapter may use, e.g. `mutability` for SCIM. */
  readonly reason?: string;
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
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} ${id} was not found`, { field: 'id' });

export const badInput = (field: string, message: string, details: DomainErrorDetails = {}): DomainError =>
  new DomainError('BAD_USER_INPUT', message, { ...details, field });

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
