import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleClient } from './apollo-client.ts';
import { App } from './App.tsx';
import { SessionContext } from './auth/session-context.ts';
import { LiveContext } from './ui/LiveIndicator.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const { client, session, live } = createConsoleClient({ storage: window.sessionStorage });
// Resume this tab's session (if it has a refresh token) before the first query goes out.
void session.restore();

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <SessionContext value={session}>
        <LiveContext value={live}>
          <App />
        </LiveContext>
      </SessionContext>
    </ApolloProvider>
  </StrictMode>,
);
