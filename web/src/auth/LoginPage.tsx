import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import type { LoginMutation } from '../generated/operations.ts';
import { MfaSetup, RecoveryCodes } from '../identity/MfaSetup.tsx';
import { loginMutation } from './AuthOperations.ts';
import { loginErrorMessage } from './login-errors.ts';
import { MfaCodeStep } from './MfaCodeStep.tsx';
import { useSession } from './session-context.ts';

const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

type Challenge = NonNullable<LoginMutation['login']['mfaChallenge']>;

/** A challenged login's second step: a code, or (tenant policy, no factor yet) enrolment then the recovery codes. */
function SecondStep({ challenge }: { challenge: Challenge }) {
  const [, session] = useSession();
  const [enrolled, setEnrolled] = useState<{ codes: string[]; finish: () => void }>();
  if (!challenge.methods.includes('TOTP_ENROLLMENT')) return <MfaCodeStep challenge={challenge.token} />;
  if (enrolled) return <RecoveryCodes codes={enrolled.codes} onDone={enrolled.finish} />;
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">
        Your organisation requires two-factor sign-in: set it up to continue.
      </p>
      <MfaSetup
        challenge={challenge.token}
        onActivated={(codes, payload) => setEnrolled({ codes, finish: () => payload && session.signIn(payload) })}
      />
    </>
  );
}

export function LoginPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const [, session] = useSession();
  const [challenge, setChallenge] = useState<Challenge>();
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
      if (data?.login.mfaChallenge) setChallenge(data.login.mfaChallenge);
      else if (data) session.signIn(data.login);
    } catch (failure) {
      setError(loginErrorMessage(failure as ErrorLike));
      setPassword('');
    }
  };

  const describedBy = error ? ids.error : undefined;
  if (challenge)
    return (
      <section className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-2xl font-semibold text-slate-900">Two-factor sign-in</h1>
          <SecondStep challenge={challenge} />
        </div>
      </section>
    );
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
