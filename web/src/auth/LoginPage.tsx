import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import type { LoginMutation } from '../generated/operations.ts';
import { MfaSetup, RecoveryCodes } from '../identity/MfaSetup.tsx';
import { InputsForm } from '../ui/InputsForm.tsx';
import { loginMutation } from './AuthOperations.ts';
import { loginErrorMessage } from './login-errors.ts';
import { MfaCodeStep } from './MfaCodeStep.tsx';
import { useSession } from './session-context.ts';

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
  const ids = { heading: useId(), error: useId() };

  const submit = async () => {
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
      <InputsForm
        className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        aria-labelledby={ids.heading}
        layout="card"
        onSubmit={() => void submit()}
        busy={loading}
        submitLabel="Sign in"
        busyLabel="Signing in…"
        invalid={Boolean(error)}
        describedBy={describedBy}
        fields={[
          {
            label: 'Email or username',
            name: 'email',
            type: 'text',
            autoComplete: 'username',
            autoCapitalize: 'none',
            spellCheck: false,
            value: email,
            onChange: setEmail,
          },
          {
            label: 'Password',
            name: 'password',
            type: 'password',
            autoComplete: 'current-password',
            value: password,
            onChange: setPassword,
          },
        ]}
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
      </InputsForm>
    </section>
  );
}
