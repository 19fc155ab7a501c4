import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { resetPasswordMutation } from './AuthOperations.ts';
import { failureMessage, goHome, linkParameter, PasswordField, PublicCard, SubmitButton } from './PublicCard.tsx';

/** The reset link's page: a new password; every session of the account ends. */
export function ResetPasswordPage() {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const [reset, { loading }] = useMutation(resetPasswordMutation, { context: { anonymous: true } });
  const submit = async () => {
    if (done) return goHome();
    setError(undefined);
    try {
      await reset({ variables: { token: linkParameter('token'), newPassword: password } });
      setDone(true);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  return (
    <PublicCard
      title="Choose a new password"
      error={error}
      notice={done ? 'Your password is changed. Sign in with it.' : undefined}
      onSubmit={() => void submit()}
    >
      {!done && <PasswordField value={password} onChange={setPassword} />}
      <SubmitButton busy={loading} label={done ? 'Go to sign-in' : 'Change password'} />
    </PublicCard>
  );
}
