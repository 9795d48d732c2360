import { useEffect } from 'react';

/** The window title names the screen, so the taskbar and history say where you are. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · KeyHub` : 'KeyHub';
  }, [title]);
}
