import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { SessionPayloadFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { InputsForm } from '../ui/InputsForm.tsx';
import { confirmMfaEnrollmentMutation, startMfaEnrollmentMutation } from './MfaOperations.ts';

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
  const enrollment = started.data?.startMfaEnrollment;

  const submit = async () => {
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
    <InputsForm
      aria-label="Confirm two-factor set-up"
      className="max-w-md"
      onSubmit={() => void submit()}
      busy={confirming.loading}
      submitLabel="Turn on two-factor sign-in"
      fields={[
        {
          label: 'Code from the app',
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          mono: true,
          value: code,
          onChange: setCode,
        },
      ]}
    >
      <p className="text-sm text-slate-700">Scan this code with your authenticator app, or type the key in.</p>
      <img
        className="my-3 h-48 w-48"
        alt="QR code of the authenticator key"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrCodeSvg)}`}
      />
      <p className="mb-3 font-mono text-xs break-all text-slate-800">{enrollment.secret}</p>
      <ErrorBanner error={error} title="The code was not accepted" />
    </InputsForm>
  );
}
