/**
 * Keeps a form's unsaved changes from being lost by leaving: every in-app way out (a
 * link, Back, Cancel, Esc) is held by one router blocker until the user answers the
 * form's question, and closing or reloading the tab gets the browser's own warning.
 */
import { useEffect, useRef } from 'react';
import { useBlocker, type Location } from 'react-router';

/** The open question "Discard your changes?", with its two answers. */
export interface LeaveQuestion {
  keepEditing: () => void;
  discardChanges: () => void;
}

export function useUnsavedChangesGuard(dirty: boolean) {
  // Set just before a navigation that loses nothing (after a save); read only when a navigation starts.
  const leavingWithNothingToLose = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leavingWithNothingToLose.current && changesScreen(currentLocation, nextLocation),
  );
  useWarnBeforeUnload(dirty);

  const question: LeaveQuestion | null =
    blocker.state === 'blocked' ? { keepEditing: blocker.reset, discardChanges: blocker.proceed } : null;

  /** Runs `navigate` without asking; the form is gone afterwards, so the flag needs no reset. */
  function leaveWithoutAsking(navigate: () => void) {
    leavingWithNothingToLose.current = true;
    navigate();
  }

  return { question, leaveWithoutAsking };
}

/** Another path or query mounts another screen (`?vendorId=` keys the add forms); the form's state goes with it. */
function changesScreen(current: Location, next: Location): boolean {
  return current.pathname !== next.pathname || current.search !== next.search;
}

function useWarnBeforeUnload(when: boolean) {
  useEffect(() => {
    // In the desktop app the main process turns this into a native question
    // (src-main/hosts/electron/unsaved-changes.ts).
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);
}
