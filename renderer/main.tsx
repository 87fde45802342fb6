import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { QuickAsk } from './features/quick/QuickAsk';
import './styles.css';

const quick = location.hash.startsWith('#/quick');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>{quick ? <QuickAsk /> : <App />}</ErrorBoundary>
  </StrictMode>,
);
