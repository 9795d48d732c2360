/**
 * Reading a file the user chose or dropped, in the page: nothing is uploaded. Text is
 * taken as it is; a binary file (a raw key) can come back as base64 text instead.
 */

export interface ReadFile {
  name: string;
  text: string;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Control characters other than tab and line breaks: a file holding them is not text. */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function asText(bytes: Uint8Array): string | null {
  try {
    const text = utf8.decode(bytes).replace(/^\uFEFF/, '');
    return NOT_TEXT.test(text) ? null : text;
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface ReadOptions {
  maxBytes: number;
  /** A file that is not text comes back as base64 of its bytes (else it is refused). */
  binaryAsBase64?: boolean;
}

/** The file's text; throws an Error whose message is for the user. */
export async function readChosenFile(file: File, { maxBytes, binaryAsBase64 }: ReadOptions): Promise<ReadFile> {
  if (file.size > maxBytes) {
    throw new Error(`${file.name} is ${formatBytes(file.size)}; a file here is at most ${formatBytes(maxBytes)}.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const text = asText(bytes);
    if (text !== null) return { name: file.name, text };
    if (binaryAsBase64) return { name: file.name, text: toBase64(bytes) };
    throw new Error(`${file.name} is not a text file.`);
  } finally {
    // The bytes may be a secret key: do not leave a copy for the garbage collector to find.
    bytes.fill(0);
  }
}

/** Whether a drag carries files (not text being dragged within the page). */
export function dragHasFiles(types: readonly string[]): boolean {
  return types.includes('Files');
}
