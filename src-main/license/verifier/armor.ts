/** Reads the armor of a license file into its field lines and signed message (FORMAT.md, "Armor"). */
import { fromUtf8, utf8 } from './encoding.js';

export const BEGIN_LINE = '-----BEGIN KEYHUB LICENSE-----';
export const END_LINE = '-----END KEYHUB LICENSE-----';
export const MAX_FILE_BYTES = 4096;

export interface FieldLine {
  name: string;
  value: string;
  /** The trimmed line as written: what the signature covers. */
  text: string;
  /** 1-based line number in the file, for messages. */
  lineNumber: number;
}

export interface Armored {
  /** Every field line before `Signature`, in file order. */
  fields: FieldLine[];
  signature: FieldLine;
  /** The exact bytes the signature covers: each field line trimmed, plus "\n". */
  message: Uint8Array;
}

export type ArmorResult =
  | { ok: true; armored: Armored }
  | { ok: false; code: 'OVERSIZED' | 'BAD_ARMOR'; message: string };

const FIELD_LINE = /^([A-Z][A-Za-z0-9-]*): (.+)$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

const badArmor = (message: string): ArmorResult => ({ ok: false, code: 'BAD_ARMOR', message });

export function readArmor(file: string | Uint8Array): ArmorResult {
  const size = typeof file === 'string' ? utf8(file).length : file.length;
  if (size > MAX_FILE_BYTES) {
    return { ok: false, code: 'OVERSIZED', message: `The file is ${size} bytes; a license file is at most ${MAX_FILE_BYTES}.` };
  }
  const text = typeof file === 'string' ? file : fromUtf8(file);
  if (text === null) return badArmor('The file is not UTF-8 text.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''));

  const begins = lines.flatMap((line, i) => (line === BEGIN_LINE ? [i] : []));
  const ends = lines.flatMap((line, i) => (line === END_LINE ? [i] : []));
  if (begins.length === 0) return badArmor(`No "${BEGIN_LINE}" line: this is not a KeyHub license file.`);
  if (begins.length > 1) return badArmor('The file holds more than one license; give one at a time.');
  if (ends.length === 0 || ends[0] < begins[0]) {
    return badArmor(`No "${END_LINE}" line after the start: the file is cut short.`);
  }
  if (ends.length > 1) return badArmor('The file holds more than one end line.');

  const fieldLines: FieldLine[] = [];
  for (let i = begins[0] + 1; i < ends[0]; i++) {
    const line = lines[i];
    if (line === '') continue;
    if (CONTROL.test(line)) return badArmor(`Line ${i + 1} holds a control character.`);
    const match = FIELD_LINE.exec(line);
    if (!match) return badArmor(`Line ${i + 1} is not a "Name: value" field: "${line.slice(0, 60)}".`);
    fieldLines.push({ name: match[1], value: match[2], text: line, lineNumber: i + 1 });
  }
  if (fieldLines[0] && fieldLines[0].name !== 'Format') return badArmor('The first field must be Format.');
  const last = fieldLines.at(-1);
  if (!last || last.name !== 'Signature') return badArmor('The last field must be the Signature.');
  const fields = fieldLines.slice(0, -1);
  const stray = fields.find((f) => f.name === 'Signature');
  if (stray) return badArmor(`Line ${stray.lineNumber}: the Signature must be the last field.`);
  const message = utf8(fields.map((f) => `${f.text}\n`).join(''));
  return { ok: true, armored: { fields, signature: last, message } };
}
