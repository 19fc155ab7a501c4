import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { acceptInvitationMutation } from './AuthOperations.ts';
import { failureMessage, linkParameter, PasswordField, PublicCard, SubmitButton } from './PublicCard.tsx';
import { useSession } from './session-context.ts';

/** The invitation link's page: choose a password, then the console opens signed in. */
export function AcceptInvitationPage() {
  const [, session] = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [accept, { loading }] = useMutation(acceptInvitationMutation, { context: { anonymous: true } });
  const submit = async () => {
    setError(undefined);
    try {
      const variables = { token: linkParameter('token'), tenant: linkParameter('tenant') || null, password };
      const { data } = await accept({ variables });
      if (!data) return;
      window.history.replaceState(null, '', '/');
      session.signIn(data.acceptInvitation);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  return (
    <PublicCard title="Accept your invitation" error={error} onSubmit={() => void submit()}>
      <PasswordField value={password} onChange={setPassword} />
      <SubmitButton busy={loading} label={loading ? 'Joining…' : 'Set password and sign in'} />
    </PublicCard>
  );
}
