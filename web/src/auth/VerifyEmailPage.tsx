import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { verifyEmailMutation } from './AuthOperations.ts';
import { failureMessage, goHome, linkParameter, PublicCard, SubmitButton } from './PublicCard.tsx';

/** The verification link's page: one click confirms the address (a link preview never spends it). */
export function VerifyEmailPage() {
  const [verified, setVerified] = useState(false);
  const [error, setError] = useState<string>();
  const [verify, { loading }] = useMutation(verifyEmailMutation, { context: { anonymous: true } });
  const submit = async () => {
    if (verified) return goHome();
    setError(undefined);
    try {
      await verify({ variables: { token: linkParameter('token') } });
      setVerified(true);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  return (
    <PublicCard
      title="Confirm your e-mail address"
      error={error}
      notice={verified ? 'Your address is confirmed.' : undefined}
      onSubmit={() => void submit()}
    >
      <SubmitButton busy={loading} label={verified ? 'Open the console' : 'Confirm my address'} />
    </PublicCard>
  );
}
