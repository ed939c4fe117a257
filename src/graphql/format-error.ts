import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError, Kind, parse, visit } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { DomainError, DomainErrorCode, DomainErrorReason } from '../errors';
import { isDomainError } from '../errors';
import { variableErrorWithoutValue } from './variable-errors';

export const INTERNAL_MESSAGE = 'Internal server error';
const UNAVAILABLE_MESSAGE = 'Service temporarily unavailable; retry later';

interface CodePolicy {
  /** The HTTP status of a response carrying this error; undefined keeps Apollo's (200 for execution errors). */
  readonly httpStatus?: number;
  /** The client's message: the error's own, or a fixed one when the error's text may hold internals. */
  readonly message: 'own' | string;
  /** Logged once, with the original error: the operator must see it, the client gets no details. */
  readonly log: boolean;
}

/**
 * How GraphQL answers each domain code. A Record, so a new code breaks the build here (STYLE §8).
 * Only UNAVAILABLE changes the status (503, so load balancers and routers retry elsewhere): a
 * subgraph answers execution errors with 200 and `errors[]`, as Apollo and the GraphQL-over-HTTP
 * spec expect; a router treats a non-2xx subgraph response as a failed fetch and would drop the
 * data of the fields that did resolve. Missing or invalid credentials never reach GraphQL: the HTTP
 * layer answers 401 before it, so UNAUTHENTICATED and FORBIDDEN here are per-field outcomes.
 */
export const CODE_POLICY: Readonly<Record<DomainErrorCode, CodePolicy>> = {
  NOT_FOUND: { message: 'own', log: false },
  CONFLICT: { message: 'own', log: false },
  VERSION_CONFLICT: { message: 'own', log: false },
  BAD_USER_INPUT: { message: 'own', log: false },
  UNAUTHENTICATED: { message: 'own', log: false },
  FORBIDDEN: { message: 'own', log: false },
  RATE_LIMITED: { message: 'own', log: false },
  UNAVAILABLE: { httpStatus: 503, message: UNAVAILABLE_MESSAGE, log: true },
  INTERNAL: { message: INTERNAL_MESSAGE, log: false },
};

/**
 * Errors Apollo Server and graphql-js raise before execution about the request itself: syntax,
 * validation (unknown fields, wrong argument types, bad literals), variable coercion, unknown
 * operation name, malformed HTTP request. Their messages name the offending field or variable.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
]);

/** What the client is told, and whether the original error must be logged. */
export interface ClientError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly reason?: DomainErrorReason;
  readonly log: boolean;
  /** The innermost error: what an operator needs in the log. */
  readonly cause: unknown;
}

/** The error and the errors it wraps (graphql-js wraps a resolver's error with its path). */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current: unknown = error; current !== undefined && current !== null && !chain.includes(current);) {
    chain.push(current);
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return chain;
}

function fromDomainError(error: DomainError, cause: unknown): ClientError {
  const policy = CODE_POLICY[error.code];
  const { field } = error.details;
  const { reason } = error;
  return {
    code: error.code,
    message: policy.message === 'own' ? error.message : policy.message,
    ...(typeof field === 'string' && { field }),
    ...(reason !== undefined && { reason }),
    // An INTERNAL DomainError is a bug someone chose to name: log it like any unknown error.
    log: policy.log || error.code === 'INTERNAL',
    cause,
  };
}

/**
 * Why an argument refused by class-validator or graphql-js was wrong, by the argument it sits in:
 * the arguments whose errors a client must tell apart from a plain invalid value.
 */
const ARGUMENT_REASONS: Readonly<Partial<Record<string, DomainErrorReason>>> = {
  filter: 'invalidFilter',
  orderBy: 'invalidSort',
  after: 'invalidCursor',
};

/** The request-level input error about `field` (an argument path such as `filter.and.0.value`). */
function inputError(message: string, field: string | undefined, cause: unknown): ClientError {
  if (field === undefined) return { code: 'BAD_USER_INPUT', message, log: false, cause };
  const reason = ARGUMENT_REASONS[field.split('.')[0] ?? ''];
  return { code: 'BAD_USER_INPUT', message, field, ...(reason && { reason }), log: false, cause };
}

/** class-validator's nested errors, flattened to `path: constraint` pairs. */
function validationMessages(
  errors: readonly ValidationError[],
  prefix = '',
): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationMessages(error.children ?? [], field)];
  });
}

function fromArgumentValidation(error: ArgumentValidationError, cause: unknown): ClientError {
  const messages = validationMessages(error.extensions.validationErrors);
  const field = messages[0]?.field;
  const message =
    messages.length > 0 ? messages.map((m) => `${m.field}: ${m.message}`).join('; ') : error.message;
  return inputError(message, field || undefined, cause);
}

/**
 * graphql-js reports a bad literal by its value alone (`Int cannot represent non-integer value:
 * "ten"`); the argument or input field it sits in (`first`, `filter.condition.value`) is found
 * from the error's position in the document, and named in the message and in `field`.
 */
function fromRequestError(error: GraphQLError, cause: unknown): ClientError {
  const variable = variableErrorWithoutValue(error);
  if (variable !== undefined) return { code: 'BAD_USER_INPUT', message: variable, log: false, cause };
  const field = error.extensions.code === 'GRAPHQL_VALIDATION_FAILED' ? inputPathAt(error) : undefined;
  if (field === undefined) return inputError(error.message, undefined, cause);
  return inputError(`Invalid value for ${field}: ${error.message}`, field, cause);
}

/** The argument / input-field path of the value at the error's position, if it is inside one. */
function inputPathAt(error: GraphQLError): string | undefined {
  const position = error.positions?.[0];
  if (position === undefined || !error.source) return undefined;
  const path: string[] = [];
  let found: string | undefined;
  const isNamedInput = (kind: Kind) => kind === Kind.ARGUMENT || kind === Kind.OBJECT_FIELD;
  visit(parse(error.source), {
    enter(node) {
      if (isNamedInput(node.kind)) path.push((node as { name: { value: string } }).name.value);
      else if (found === undefined && path.length > 0 && node.loc?.start === position) found = path.join('.');
    },
    leave(node) {
      if (isNamedInput(node.kind)) path.pop();
    },
  });
  return found;
}

/** Maps any error GraphQL execution or Apollo Server produced to the closed code set. */
export function toClientError(error: unknown): ClientError {
  const chain = chainOf(error);
  const cause = chain[chain.length - 1];
  const domain = chain.find(isDomainError);
  if (domain) return fromDomainError(domain, cause);
  const validation = chain.find((e) => e instanceof ArgumentValidationError);
  if (validation) return fromArgumentValidation(validation, cause);
  const auth = chain.find((e) => e instanceof AuthenticationError || e instanceof AuthorizationError);
  if (auth) {
    const code = auth instanceof AuthenticationError ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    return { code, message: auth.message, log: false, cause };
  }
  // Request errors carry no path: one with a path was raised while executing a field, so it is ours.
  if (
    error instanceof GraphQLError &&
    !error.path &&
    REQUEST_ERROR_CODES.has(String(error.extensions.code))
  ) {
    return fromRequestError(error, cause);
  }
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE, log: true, cause };
}

/**
 * Apollo Server's `formatError`: every error leaves with `extensions.code` from the closed set,
 * plus `field`/`reason` when the domain named them. Nothing else of the original error (stack,
 * SQL, validation internals) reaches the client. Logging is the server plugin's job.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { code, message, field, reason } = toClientError(error);
  return {
    message,
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code, ...(field !== undefined && { field }), ...(reason !== undefined && { reason }) },
  };
}
