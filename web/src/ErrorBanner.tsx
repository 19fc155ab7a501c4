import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';

interface ErrorLine {
  message: string;
  serviceName?: string;
}

function errorLines(error: ErrorLike): ErrorLine[] {
  if (!CombinedGraphQLErrors.is(error)) return [{ message: error.message }];
  return error.errors.map(({ message, extensions }) => {
    const serviceName = extensions?.serviceName;
    return typeof serviceName === 'string' ? { message, serviceName } : { message };
  });
}

/** Shows every GraphQL error of a response, naming the subgraph that failed when the gateway says. */
export function ErrorBanner({ error }: { error: ErrorLike }) {
  return (
    <div role="alert" className="error-banner">
      <p className="error-banner-title">Some data could not be loaded</p>
      <ul>
        {errorLines(error).map((line) => (
          <li key={`${line.serviceName ?? ''}:${line.message}`}>
            {line.serviceName && <strong>{line.serviceName}: </strong>}
            {line.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
