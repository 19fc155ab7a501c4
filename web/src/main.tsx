import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleClient } from './apollo-client.ts';
import { App } from './App.tsx';
import { SessionContext } from './auth/session-context.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const { client, session } = createConsoleClient({ storage: window.sessionStorage });
// Resume this tab's session (if it has a refresh token) before the first query goes out.
void session.restore();

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <SessionContext value={session}>
        <App />
      </SessionContext>
    </ApolloProvider>
  </StrictMode>,
);
