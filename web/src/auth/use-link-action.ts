import { useState } from 'react';
import { failureMessage } from './PublicCard.tsx';

/**
 * What a mailed link's page does with its one action: run it once (`done` after success), or go
 * home when it is done; a refusal becomes `error`.
 */
export function useLinkAction(action: () => Promise<unknown>, onceDone: () => void) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (done) return onceDone();
    setError(undefined);
    try {
      await action();
      setDone(true);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  return { done, error, submit: () => void submit() };
}
