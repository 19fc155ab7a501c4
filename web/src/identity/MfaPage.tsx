import type { ErrorLike } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { InputsForm } from '../ui/InputsForm.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { MfaSetup, RecoveryCodes } from './MfaSetup.tsx';
import { myMfaQuery, removeMfaMutation } from './MfaOperations.ts';

/** Turning MFA off asks for the password and a current code (or a recovery code). */
function RemoveMfaForm({ onRemoved }: { onRemoved: () => void }) {
  const [remove, { loading }] = useMutation(removeMfaMutation);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ErrorLike>();
  const submit = async () => {
    setError(undefined);
    try {
      await remove({ variables: { password, code: code.trim() } });
      onRemoved();
    } catch (failure) {
      setError(failure as ErrorLike);
    }
  };
  return (
    <InputsForm
      aria-label="Turn off two-factor sign-in"
      className="max-w-md"
      variant="danger"
      onSubmit={() => void submit()}
      busy={loading}
      submitLabel="Turn off two-factor sign-in"
      fields={[
        {
          label: 'Password',
          type: 'password',
          autoComplete: 'current-password',
          value: password,
          onChange: setPassword,
        },
        {
          label: 'Code from the app, or a recovery code',
          autoComplete: 'one-time-code',
          value: code,
          onChange: setCode,
        },
      ]}
    >
      <ErrorBanner error={error} title="Two-factor sign-in was not turned off" />
    </InputsForm>
  );
}

/** The signed-in user's second factor: set it up (QR code, confirm, recovery codes shown once) or remove it. */
export function MfaPage() {
  const { data, error, refetch } = useQuery(myMfaQuery, { fetchPolicy: 'network-only' });
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const enabled = data?.me?.mfaEnabled;
  return (
    <>
      <PageHeader title="Two-factor sign-in" />
      <ErrorBanner error={error} />
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(undefined)} />}
      {enabled === true && !recoveryCodes && (
        <>
          <p className="mb-4 text-sm text-slate-700">On: sign-in asks for a code from your authenticator app.</p>
          <RemoveMfaForm onRemoved={() => void refetch()} />
        </>
      )}
      {enabled === false && (
        <MfaSetup
          onActivated={(codes) => {
            setRecoveryCodes(codes);
            void refetch();
          }}
        />
      )}
    </>
  );
}
