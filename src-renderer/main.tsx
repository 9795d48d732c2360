import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureTokenFromUrl } from './api/token';
import { App, createAppRouter } from './App';
import './styles/index.css';

// Before the router reads the hash: `#token=…` is a credential, not a route.
captureTokenFromUrl();
const router = createAppRouter();

const root = document.getElementById('root');
if (!root) throw new Error('KeyHub: index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App router={router} />
  </StrictMode>,
);
