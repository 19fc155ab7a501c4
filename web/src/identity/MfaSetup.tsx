import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import type { SessionPayloadFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { confirmMfaEnrollmentMutation, startMfaEnrollmentMutation } from './MfaOperations.ts';

const inputClass = 'mt-1 block w-48 rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm';

/** The ten recovery codes, shown once after enrolment. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section aria-label="Recovery codes" className="max-w-md rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 className="font-semibold text-amber-950">Recovery codes</h2>
      <p className="mt-1 text-sm text-amber-950">
        Each works once instead of a code from the app. Store them now: they are shown this once.
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm text-slate-900">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button className="mt-3" onClick={onDone}>
        I have stored them
      </Button>
    </section>
  );
}

/**
 * TOTP enrolment: a QR code (and the secret, to type in), then one code from the app to confirm.
 * With `challenge` it enrols the user of a login that a tenant policy stopped, and `onActivated`
 * receives that login's session too.
 */
export function MfaSetup({
  challenge,
  onActivated,
}: {
  challenge?: string;
  onActivated: (recoveryCodes: string[], session: SessionPayloadFragment | null) => void;
}) {
  const variables = challenge ? { challenge } : {};
  const options = { fetchPolicy: 'no-cache' as const, context: { anonymous: Boolean(challenge) } };
  const [start, started] = useMutation(startMfaEnrollmentMutation, options);
  const [confirm, confirming] = useMutation(confirmMfaEnrollmentMutation, options);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ErrorLike>();
  const codeId = useId();
  const enrollment = started.data?.startMfaEnrollment;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { data } = await confirm({ variables: { ...variables, code: code.trim() } });
      if (data) onActivated(data.confirmMfaEnrollment.recoveryCodes, data.confirmMfaEnrollment.session ?? null);
    } catch (failure) {
      setError(failure as ErrorLike);
      setCode('');
    }
  };

  if (!enrollment)
    return (
      <div>
        <ErrorBanner error={started.error} title="Two-factor set-up could not start" />
        <Button onClick={() => void start({ variables }).catch(() => {})} disabled={started.loading}>
          Set up an authenticator app
        </Button>
      </div>
    );
  return (
    <form onSubmit={submit} aria-label="Confirm two-factor set-up" className="max-w-md">
      <p className="text-sm text-slate-700">Scan this code with your authenticator app, or type the key in.</p>
      <img
        className="my-3 h-48 w-48"
        alt="QR code of the authenticator key"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrCodeSvg)}`}
      />
      <p className="font-mono text-xs break-all text-slate-800">{enrollment.secret}</p>
      <ErrorBanner error={error} title="The code was not accepted" />
      <label htmlFor={codeId} className="mt-3 block text-sm font-medium text-slate-800">
        Code from the app
      </label>
      <input
        id={codeId}
        className={inputClass}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" className="mt-3" disabled={confirming.loading}>
        Turn on two-factor sign-in
      </Button>
    </form>
  );
}
