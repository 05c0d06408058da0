import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { apollo } from './api/client';
import { I18nProvider } from './i18n';
import { App } from './App';
import { registerGridModules } from './grid/modules';
import './styles.css';

// Once, before any grid: without its modules a feature silently disappears (console error #200).
registerGridModules();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={apollo}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);
