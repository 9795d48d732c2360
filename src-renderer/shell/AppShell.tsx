import type { MouseEvent } from 'react';
import { Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useAccessRefused } from '../hooks/useAccessRefused';
import { useApiQuery } from '../hooks/useApiQuery';
import { NoAccess } from './NoAccess';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

/** The window: top bar, left navigation, and the current screen. */
export function AppShell() {
  const info = useApiQuery('system.info', {});
  const location = useLocation();
  const tokenRefused = useAccessRefused();

  if (tokenRefused) return <NoAccess />;
  if (info.error instanceof ApiError && info.error.code === 'FORBIDDEN') return <NoAccess detail={info.error.message} />;

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <TopBar info={info.data} />
      <SideNav />
      <main className="main" id="main" tabIndex={-1}>
        {info.error && (
          <div className="banner banner--error" role="alert">
            KeyHub could not open its data: {info.error.message}
          </div>
        )}
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </div>
  );
}

/** The hash belongs to the router, so the skip link moves focus itself. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
