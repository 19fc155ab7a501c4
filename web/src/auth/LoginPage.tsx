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

const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

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
    <section className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <form
        className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        aria-labelledby={ids.heading}
        onSubmit={submit}
      >
        <p className="mb-1 text-sm font-medium text-indigo-700">Codex Metatron console</p>
        <h1 id={ids.heading} className="mb-4 text-2xl font-semibold text-slate-900">
          Sign in
        </h1>
        {sessionEnded && !error && (
          <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your session has ended. Please sign in again.
          </p>
        )}
        {error && (
          <p role="alert" id={ids.error} className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <label htmlFor={ids.email} className="block text-sm font-medium text-slate-800">
          Email or username
        </label>
        <input
          id={ids.email}
          className={inputClass}
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
        <label htmlFor={ids.password} className="mt-3 block text-sm font-medium text-slate-800">
          Password
        </label>
        <input
          id={ids.password}
          className={inputClass}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button
          type="submit"
          className="mt-5 w-full rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:bg-indigo-300"
          disabled={loading}
        >
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
