import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { createApiClient } from '../api/client';
import type { ApiProblem } from '../api/errors';
import { describeError } from '../api/errors';
import { usePageTitle } from '../layout/use-page-title';
import { useSession } from '../session/session-context';
import { ViewerQuery } from '../session/viewer';

/**
 * Paste an admin API token; it is checked with `viewer` before it is kept (in sessionStorage).
 * `notice` explains why a stored token was dropped (expired or revoked).
 */
export function SignInPage({ notice }: { notice?: ApiProblem }) {
  usePageTitle('Sign in');
  const session = useSession();
  const inputId = useId();
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(notice);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setProblem({ code: 'BAD_USER_INPUT', message: 'Paste an API token first.' });
      return;
    }
    setChecking(true);
    const result = await createApiClient({ token: candidate, organization: null })
      .query(ViewerQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    setChecking(false);
    if (result.error) {
      setProblem(describeError(result.error));
      return;
    }
    setToken('');
    session.signIn(candidate);
  };

  return (
    <main className="sign-in">
      <h1>Identity admin</h1>
      <form onSubmit={(event) => void submit(event)} className="card" aria-describedby={`${inputId}-help`}>
        <label htmlFor={inputId}>API token</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={problem ? true : undefined}
        />
        <p id={`${inputId}-help`} className="hint">
          An API token with the <code>identity:admin</code> scope (or <code>platform:admin</code>), as printed
          at the service&apos;s first start or made with <code>npm run cli -- token create</code>. It is kept
          in this tab only.
        </p>
        {problem && (
          <p role="alert" className="error">
            {problem.message} <code>({problem.code})</code>
          </p>
        )}
        <button type="submit" disabled={checking}>
          Sign in
        </button>
      </form>
    </main>
  );
}
