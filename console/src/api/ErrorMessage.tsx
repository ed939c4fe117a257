import type { CombinedError } from 'urql';
import { describeError } from './errors';

/** A failed API call, in words and with its code, announced to screen readers. */
export function ErrorMessage({ error, context }: { error: CombinedError; context?: string }) {
  const { code, message } = describeError(error);
  return (
    <p role="alert" className="error">
      {context ? `${context}: ` : ''}
      {message} <code>({code})</code>
    </p>
  );
}
