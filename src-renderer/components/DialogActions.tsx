/** A form dialog's two buttons: Cancel, and the submit button that says what it is doing. */
export function DialogActions({ saving, label, busyLabel, onCancel, disabled }: { saving: boolean; label: string; busyLabel: string; onCancel: () => void; disabled?: boolean }) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button--primary" disabled={saving || disabled}>
        {saving ? busyLabel : label}
      </button>
    </>
  );
}
