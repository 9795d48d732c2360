import { useToast } from './Toasts';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the button's name and the toast: "public key (base64)". */
  what: string;
  label?: string;
}

/** Copies public text (a key, a snippet) to the clipboard and says so. */
export function CopyButton({ text, what, label = 'Copy' }: CopyButtonProps) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(`Copied the ${what}.`);
    } catch {
      toast.error(`Could not copy the ${what}: this window may not use the clipboard. Select it and copy it by hand.`);
    }
  }
  return (
    <button type="button" className="button button--small" onClick={() => void copy()} aria-label={`Copy the ${what}`}>
      {label}
    </button>
  );
}
