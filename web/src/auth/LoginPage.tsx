import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { loginMutation } from './AuthOperations.ts';
import { useSession } from './session-context.ts';

function waitText(seconds: number) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The message for a failed login, chosen by the error's `extensions.code`. */
export function loginErrorMessage(error: ErrorLike): string {
  if (!CombinedGraphQLErrors.is(error)) return 'The server could not be reached. Check your connection and try again.';
  const [first] = error.errors;
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return 'Invalid email or password';
    case 'RATE_LIMITED': {
      const retryAfter = first.extensions?.retryAfterSeconds;
      return typeof retryAfter === 'number' && retryAfter > 0
        ? `Too many failed sign-in attempts. Please wait ${waitText(Math.ceil(retryAfter))} before trying again.`
        : 'Too many failed sign-in attempts. Please wait a few minutes before trying again.';
    }
    case 'BAD_USER_INPUT':
      return first.message;
    default:
      return `Sign-in failed: ${first?.message ?? 'unknown error'}`;
  }
}

export function LoginPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const [, session] = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [login, { loading }] = useMutation(loginMutation, { context: { anonymous: true }, fetchPolicy: 'no-cache' });
  const ids = { heading: useId(), email: useId(), password: useId(), error: useId() };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { data } = await login({ variables: { email: email.trim(), password } });
      if (data) session.signIn(data.login);
    } catch (failure) {
      setError(loginErrorMessage(failure as ErrorLike));
      setPassword('');
    }
  };

  const describedBy = error ? ids.error : undefined;
  return (
    <section className="login-page">
      <form className="login-form" aria-labelledby={ids.heading} onSubmit={submit}>
        <h1 id={ids.heading}>Sign in</h1>
        {sessionEnded && !error && (
          <p role="status" className="login-notice">
            Your session has ended. Please sign in again.
          </p>
        )}
        {error && (
          <p role="alert" id={ids.error} className="login-error">
            {error}
          </p>
        )}
        <label htmlFor={ids.email}>Email or username</label>
        <input
          id={ids.email}
          name="email"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button type="submit" className="primary-button" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
