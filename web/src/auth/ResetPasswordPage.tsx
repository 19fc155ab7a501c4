import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { resetPasswordMutation } from './AuthOperations.ts';
import { goHome, linkParameter, PasswordField, PublicCard, SubmitButton } from './PublicCard.tsx';
import { useLinkAction } from './use-link-action.ts';

/** The reset link's page: a new password; every session of the account ends. */
export function ResetPasswordPage() {
  const [password, setPassword] = useState('');
  const [reset, { loading }] = useMutation(resetPasswordMutation, { context: { anonymous: true } });
  const { done, error, submit } = useLinkAction(
    () => reset({ variables: { token: linkParameter('token'), newPassword: password } }),
    goHome,
  );
  return (
    <PublicCard
      title="Choose a new password"
      error={error}
      notice={done ? 'Your password is changed. Sign in with it.' : undefined}
      onSubmit={submit}
    >
      {!done && <PasswordField value={password} onChange={setPassword} />}
      <SubmitButton busy={loading} label={done ? 'Go to sign-in' : 'Change password'} />
    </PublicCard>
  );
}
