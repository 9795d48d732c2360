/**
 * A date box's value in a form: `''` (empty), `YYYY-MM-DD`, or INCOMPLETE_DATE. A
 * half-typed date ("12/__/____") reads as '' from the browser, the same as an empty
 * box; saved like that it would quietly mean "no date". Not a string, so no typed
 * text can ever be mistaken for it.
 */
interface IncompleteDate {
  readonly incomplete: true;
}

export const INCOMPLETE_DATE: IncompleteDate = Object.freeze({ incomplete: true });

export type DateInput = string | IncompleteDate;

export function isIncompleteDate(value: DateInput): value is IncompleteDate {
  return value === INCOMPLETE_DATE;
}

export const INCOMPLETE_DATE_MESSAGE = 'Enter a full date, or clear the field.';

/** What a date box holds now: its date, nothing, or a date the browser cannot read yet. */
export function readDateInput(input: HTMLInputElement): DateInput {
  return input.validity.badInput ? INCOMPLETE_DATE : input.value;
}

/** A message for every field of `values` that holds a half-typed date. */
export function incompleteDateErrors(values: object): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === INCOMPLETE_DATE) errors[field] = INCOMPLETE_DATE_MESSAGE;
  }
  return errors;
}
