import type { ErrorLike } from '@apollo/client';
import { Link } from 'react-router';
import { ErrorBanner } from './ErrorBanner.tsx';
import { PageHeader } from './PageHeader.tsx';
import { EmptyState } from './States.tsx';

/**
 * A detail page whose record is missing: the API answers a foreign id exactly like a missing one,
 * so the page says both, with the way back to its list.
 */
export function MissingRecord({
  noun,
  error,
  backTo,
  backLabel,
}: {
  noun: string;
  error?: ErrorLike | undefined;
  backTo: string;
  backLabel: string;
}) {
  return (
    <section>
      <PageHeader title={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`} />
      {error && <ErrorBanner error={error} />}
      <EmptyState title={`This ${noun} does not exist or is not yours to see.`}>
        <Link to={backTo} className="text-indigo-700 underline">
          {backLabel}
        </Link>
      </EmptyState>
    </section>
  );
}
