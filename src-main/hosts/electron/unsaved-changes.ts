/**
 * What the desktop app asks when a window with unsaved form changes is closed or
 * reloaded. Electron cancels such a close silently unless the main process asks, so
 * the question is the main process's; the renderer only says "there are changes".
 */
export const LEAVE_BUTTON = 0;
export const STAY_BUTTON = 1;

export function unsavedChangesDialog() {
  return {
    type: 'question' as const,
    title: 'Unsaved changes',
    message: 'Discard your changes?',
    detail: 'A form in this window has changes that are not saved yet.',
    buttons: ['Discard changes', 'Keep editing'],
    defaultId: STAY_BUTTON,
    cancelId: STAY_BUTTON,
    noLink: true,
  };
}

/** True when the person chose to leave, so the page's refusal to unload is overridden. */
export function leaveChosen(response: number): boolean {
  return response === LEAVE_BUTTON;
}
