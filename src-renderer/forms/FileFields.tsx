/**
 * Fields that take a file: pasted text or a file (chosen, or dropped on the box), and a
 * file alone (a backup). Files are read in the page and never uploaded as files.
 */
import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { CODE_TEXT_ATTRIBUTES, controlAttributes, FieldFrame, type CommonProps } from './fields';
import { dragHasFiles, formatBytes, readChosenFile, type ReadFile, type ReadOptions } from './files';

/** Drag-and-drop of one file onto an element; `dragging` is for its look. */
function useFileDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!dragHasFiles(event.dataTransfer.types)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: () => setDragging(false),
      onDrop: (event: DragEvent) => {
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        onFile(file);
      },
    },
  };
}

/** A visually hidden file input and the button that opens it. */
function ChooseFileButton({ label, accept, onFile, autoFocus }: { label: string; accept?: string; onFile: (file: File) => void; autoFocus?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => input.current?.click()} data-autofocus={autoFocus ? 'true' : undefined} autoFocus={autoFocus}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={label}
        accept={accept}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again is a change too.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

interface TextOrFileFieldProps extends CommonProps, ReadOptions {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
  accept?: string;
  /** Told the file's name after a file was read into the box. */
  onFileRead?: (name: string) => void;
}

/** A monospace text area for keys and license files; a file chosen or dropped fills it. */
export function TextOrFileField({ value, onChange, rows = 6, placeholder, accept, maxBytes, binaryAsBase64, onFileRead, ...frame }: TextOrFileFieldProps) {
  const [fileError, setFileError] = useState<string | null>(null);
  const error = fileError ?? frame.error;

  async function take(file: File) {
    try {
      const read = await readChosenFile(file, { maxBytes, binaryAsBase64 });
      setFileError(null);
      onChange(read.text);
      onFileRead?.(read.name);
    } catch (e) {
      setFileError(e instanceof Error ? e.message : String(e));
    }
  }

  const drop = useFileDrop((file) => void take(file));
  return (
    <FieldFrame {...frame} error={error} wide>
      <div className={drop.dragging ? 'drop-zone drop-zone--active' : 'drop-zone'} {...drop.handlers}>
        <textarea
          {...controlAttributes({ ...frame, error })}
          className="input input--textarea input--code"
          rows={rows}
          value={value}
          placeholder={placeholder}
          {...CODE_TEXT_ATTRIBUTES}
          onChange={(e) => {
            setFileError(null);
            onChange(e.target.value);
          }}
        />
      </div>
      <div className="file-pick">
        <ChooseFileButton label={`${frame.label}: choose a file`} accept={accept} onFile={(file) => void take(file)} />
        <span className="muted">or drop a file on the box.</span>
      </div>
    </FieldFrame>
  );
}

interface FileDropFieldProps extends ReadOptions {
  name: string;
  label: string;
  file: ReadFile | null;
  onFile: (file: ReadFile | null) => void;
  error?: string;
  hint?: ReactNode;
  accept?: string;
  autoFocus?: boolean;
  /** "Drop the backup file here". */
  dropText: string;
}

/** A file alone, not shown (a backup): its name once chosen, and what went wrong reading it. */
export function FileDropField({ name, label, file, onFile, error, hint, accept, autoFocus, dropText, maxBytes, binaryAsBase64 }: FileDropFieldProps) {
  const labelId = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const shownError = fileError ?? error;

  async function take(chosen: File) {
    try {
      const read = await readChosenFile(chosen, { maxBytes, binaryAsBase64 });
      setFileError(null);
      onFile(read);
    } catch (e) {
      setFileError(e instanceof Error ? e.message : String(e));
      onFile(null);
    }
  }

  const drop = useFileDrop((chosen) => void take(chosen));
  return (
    <div className={['field', 'field--wide', shownError && 'field--invalid'].filter(Boolean).join(' ')}>
      <span className="field__label" id={labelId}>
        {label}
      </span>
      <div
        role="group"
        aria-labelledby={labelId}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={[hint && `field-${name}-hint`, shownError && `field-${name}-error`].filter(Boolean).join(' ') || undefined}
        className={['drop-zone', 'drop-zone--file', drop.dragging && 'drop-zone--active', shownError && 'drop-zone--invalid'].filter(Boolean).join(' ')}
        {...drop.handlers}
      >
        {file ? (
          <span className="drop-zone__file">
            <span className="code">{file.name}</span> <span className="muted">({formatBytes(new TextEncoder().encode(file.text).length)})</span>
          </span>
        ) : (
          <span className="muted">{dropText}, or</span>
        )}
        <ChooseFileButton label={`${label}: choose a file`} accept={accept} onFile={(chosen) => void take(chosen)} autoFocus={autoFocus} />
      </div>
      {hint && (
        <p className="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
      {shownError && (
        <p className="field__error" id={`field-${name}-error`}>
          {shownError}
        </p>
      )}
    </div>
  );
}
