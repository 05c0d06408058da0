import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { apollo } from './api/client';
import { I18nProvider } from './i18n';
import { App } from './App';
import './styles.css';

// AG Grid and its modules load with the first grid (routes.tsx): the entry chunk stays small.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={apollo}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);
