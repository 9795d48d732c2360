import type { AppInfo } from '../../src-main/api/contract';

const HOST_LABELS: Record<AppInfo['host'], string> = {
  electron: 'Desktop',
  web: 'Browser',
  cli: 'CLI',
  test: 'Test',
};

/** The top of the window: the product, and which data file these books live in. */
export function TopBar({ info }: { info: AppInfo | undefined }) {
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <KeyMark />
        <span className="topbar__name">KeyHub</span>
      </div>
      <div className="topbar__info">
        {info ? (
          <>
            <span className="topbar__label">Data file</span>
            <code className="topbar__path" title={info.databasePath}>
              {info.databasePath}
            </code>
            <span className="pill" title={`Running in the ${HOST_LABELS[info.host].toLowerCase()} host`}>
              {HOST_LABELS[info.host]}
            </span>
            <span className="topbar__version">v{info.version}</span>
          </>
        ) : (
          <span className="topbar__label">Opening the data file…</span>
        )}
      </div>
    </header>
  );
}

function KeyMark() {
  return (
    <svg className="topbar__mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <circle cx="8" cy="12" r="4.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M12.5 12h9M18 12v3.5M21 12v2.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
