/**
 * Declares a command's field options once, so `add` and `edit` share them, the input
 * is picked from exactly the options given, and an API field error can name its flag.
 */
import { Command, Option } from 'commander';
import { CLEAR } from './parse';

export interface FieldOption {
  /** The API input field this option fills. */
  field: string;
  /** Commander flags, e.g. `--max-domains <n>`. */
  flags: string;
  description: string;
  parse?: (value: string, previous: never) => unknown;
  /** Also add `--no-…`, for booleans that can be switched off. */
  negatable?: boolean;
}

function attributeOf(spec: FieldOption): string {
  return new Option(spec.flags).attributeName();
}

export function flagOf(spec: FieldOption): string {
  return new Option(spec.flags).long ?? spec.flags;
}

export function addFieldOptions(command: Command, specs: FieldOption[], required: string[] = []): Command {
  for (const spec of specs) {
    const mandatory = required.includes(spec.field);
    const option = new Option(spec.flags, mandatory ? `${spec.description} (required)` : spec.description);
    if (spec.parse) option.argParser(spec.parse as (value: string, previous: unknown) => unknown);
    if (mandatory) option.makeOptionMandatory();
    command.addOption(option);
    if (spec.negatable) {
      command.addOption(new Option(`--no-${flagOf(spec).slice(2)}`, `the opposite of ${flagOf(spec)}`));
    }
  }
  return command;
}

/** The API fields the user gave on the command line, and only those. */
export function pickFields(opts: Record<string, unknown>, specs: FieldOption[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = opts[attributeOf(spec)];
    if (value !== undefined) picked[spec.field] = value === CLEAR ? null : value;
  }
  return picked;
}

/** field -> flag, so "maxDomains: cannot be negative" reads "--max-domains: cannot be negative". */
export function flagsByField(specs: FieldOption[]): Record<string, string> {
  return Object.fromEntries(specs.map((spec) => [spec.field, flagOf(spec)]));
}
