import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { verifyMfaMutation } from './AuthOperations.ts';
import { loginErrorMessage } from './login-errors.ts';
import { useSession } from './session-context.ts';

/** The code a challenged login asks for: from the authenticator app, or a recovery code. */
export function MfaCodeStep({ challenge }: { challenge: string }) {
  const [, session] = useSession();
  const [verify, { loading }] = useMutation(verifyMfaMutation, {
    context: { anonymous: true },
    fetchPolicy: 'no-cache',
  });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const ids = { code: useId(), error: useId() };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { data } = await verify({ variables: { challenge, code: code.trim() } });
      if (data) session.signIn(data.verifyMfa);
    } catch (failure) {
      setError(loginErrorMessage(failure as ErrorLike, 'Invalid or already used code'));
      setCode('');
    }
  };
  return (
    <form onSubmit={submit} aria-label="Two-factor code">
      {error && (
        <p role="alert" id={ids.error} className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <label htmlFor={ids.code} className="block text-sm font-medium text-slate-800">
        Code from your authenticator app, or a recovery code
      </label>
      <input
        id={ids.code}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
        aria-describedby={error ? ids.error : undefined}
      />
      <button
        type="submit"
        className="mt-5 w-full rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:bg-indigo-300"
        disabled={loading}
      >
        {loading ? 'Checking…' : 'Verify'}
      </button>
    </form>
  );
}
