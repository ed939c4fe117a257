import type { CombinedError } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';

/** The error of the last failed change, if any. */
export function MutationError({ error, context }: { error: CombinedError | undefined; context: string }) {
  return error ? <ErrorMessage error={error} context={context} /> : null;
}
