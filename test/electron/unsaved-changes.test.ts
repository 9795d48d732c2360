import { describe, expect, it } from 'vitest';
import { LEAVE_BUTTON, leaveChosen, STAY_BUTTON, unsavedChangesDialog } from '../../src-main/hosts/electron/unsaved-changes';

describe('closing a window with unsaved changes', () => {
  it('asks, with "Keep editing" as the default and the Esc answer', () => {
    const dialog = unsavedChangesDialog();
    expect(dialog.message).toBe('Discard your changes?');
    expect(dialog.buttons[LEAVE_BUTTON]).toBe('Discard changes');
    expect(dialog.buttons[STAY_BUTTON]).toBe('Keep editing');
    expect(dialog.defaultId).toBe(STAY_BUTTON);
    expect(dialog.cancelId).toBe(STAY_BUTTON);
  });

  it('closes only when the person chose to discard', () => {
    expect(leaveChosen(LEAVE_BUTTON)).toBe(true);
    expect(leaveChosen(STAY_BUTTON)).toBe(false);
  });
});
