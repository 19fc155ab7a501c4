import { useMutation } from '@apollo/client/react';
import { verifyEmailMutation } from './AuthOperations.ts';
import { goHome, linkParameter, PublicCard, SubmitButton } from './PublicCard.tsx';
import { useLinkAction } from './use-link-action.ts';

/** The verification link's page: one click confirms the address (a link preview never spends it). */
export function VerifyEmailPage() {
  const [verify, { loading }] = useMutation(verifyEmailMutation, { context: { anonymous: true } });
  const { done, error, submit } = useLinkAction(() => verify({ variables: { token: linkParameter('token') } }), goHome);
  return (
    <PublicCard
      title="Confirm your e-mail address"
      error={error}
      notice={done ? 'Your address is confirmed.' : undefined}
      onSubmit={submit}
    >
      <SubmitButton busy={loading} label={done ? 'Open the console' : 'Confirm my address'} />
    </PublicCard>
  );
}
