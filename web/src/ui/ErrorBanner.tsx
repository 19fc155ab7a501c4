import type { ErrorLike } from '@apollo/client';
import { type ApiErrorLine, apiErrorLines } from './api-errors.ts';

/**
 * Shows every error of a response: its message, code, the subgraph that failed when the gateway
 * says, and the request id to quote when reporting it.
 */
export function ErrorBanner({
  error,
  lines = error ? apiErrorLines(error) : [],
  title = 'Some data could not be loaded',
}: {
  error?: ErrorLike | undefined;
  /** Errors already taken apart (e.g. those no form field claimed). */
  lines?: ApiErrorLine[];
  title?: string;
}) {
  if (lines.length === 0) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-300 border-l-4 bg-red-50 px-4 py-3 text-red-900">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder
          <li key={index}>
            {line.serviceName && <strong>{line.serviceName}: </strong>}
            {line.message}
            {line.code && <span className="ml-2 font-mono text-xs">{line.code}</span>}
            {line.requestId && <span className="ml-2 font-mono text-xs">request {line.requestId}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
