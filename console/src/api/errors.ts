import type { CombinedError } from 'urql';

/** An API failure in words, with its code: what the console shows for every failed request. */
export interface ApiProblem {
  readonly code: string;
  readonly message: string;
}

const STATUS_CODES: Record<number, ApiProblem> = {
  401: { code: 'UNAUTHENTICATED', message: 'The API token was not accepted (wrong, revoked or expired).' },
  403: { code: 'FORBIDDEN', message: 'This API token may not do that.' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests: wait a moment and try again.' },
  503: { code: 'UNAVAILABLE', message: 'The identity service is unavailable right now. Try again shortly.' },
};

export function describeError(error: CombinedError): ApiProblem {
  const first = error.graphQLErrors[0];
  const status = (error.response as Response | undefined)?.status;
  if (status === 503) return STATUS_CODES[503];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'ERROR';
    if (code === 'UNAUTHENTICATED') return STATUS_CODES[401];
    return { code, message: first.message };
  }
  if (status !== undefined && STATUS_CODES[status]) return STATUS_CODES[status];
  if (status !== undefined)
    return { code: `HTTP_${status}`, message: 'The identity service answered with an error.' };
  return { code: 'NETWORK', message: 'The identity service cannot be reached. Check that it is running.' };
}

export function problemCode(error: CombinedError | undefined): string | null {
  return error ? describeError(error).code : null;
}
