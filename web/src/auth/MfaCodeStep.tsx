import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { InputsForm } from '../ui/InputsForm.tsx';
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
  const errorId = useId();
  const submit = async () => {
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
    <InputsForm
      aria-label="Two-factor code"
      layout="card"
      onSubmit={() => void submit()}
      busy={loading}
      submitLabel="Verify"
      busyLabel="Checking…"
      describedBy={error ? errorId : undefined}
      fields={[
        {
          label: 'Code from your authenticator app, or a recovery code',
          autoComplete: 'one-time-code',
          mono: true,
          value: code,
          onChange: setCode,
        },
      ]}
    >
      {error && (
        <p role="alert" id={errorId} className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </InputsForm>
  );
}
