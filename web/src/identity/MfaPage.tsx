import type { ErrorLike } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { MfaSetup, RecoveryCodes } from './MfaSetup.tsx';
import { myMfaQuery, removeMfaMutation } from './MfaOperations.ts';

const inputClass = 'mt-1 block w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm';

/** Turning MFA off asks for the password and a current code (or a recovery code). */
function RemoveMfaForm({ onRemoved }: { onRemoved: () => void }) {
  const [remove, { loading }] = useMutation(removeMfaMutation);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ErrorLike>();
  const ids = { password: useId(), code: useId() };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    try {
      await remove({ variables: { password, code: code.trim() } });
      onRemoved();
    } catch (failure) {
      setError(failure as ErrorLike);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Turn off two-factor sign-in" className="max-w-md">
      <ErrorBanner error={error} title="Two-factor sign-in was not turned off" />
      <label htmlFor={ids.password} className="block text-sm font-medium text-slate-800">
        Password
      </label>
      <input
        id={ids.password}
        className={inputClass}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <label htmlFor={ids.code} className="mt-3 block text-sm font-medium text-slate-800">
        Code from the app, or a recovery code
      </label>
      <input
        id={ids.code}
        className={inputClass}
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" variant="danger" className="mt-3" disabled={loading}>
        Turn off two-factor sign-in
      </Button>
    </form>
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
