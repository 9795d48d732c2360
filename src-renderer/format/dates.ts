/**
 * Calendar dates (release, expiration) are stored as midnight UTC, so they are shown
 * by their UTC day: a reader in California still sees the day that was entered.
 * Timestamps (created, updated) are moments and are shown in local time.
 */
import { format, parseISO } from 'date-fns';
import { isIncompleteDate, type DateInput } from '../forms/dateInput';

function utcCalendarDay(iso: string): Date {
  const d = parseISO(iso);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** `21 Nov 2026`, or the fallback for null. */
export function formatDay(iso: string | null | undefined, fallback = '—'): string {
  return iso ? format(utcCalendarDay(iso), 'd MMM yyyy') : fallback;
}

/** `21 Nov 2026, 14:05` in local time. */
export function formatMoment(iso: string | null | undefined, fallback = '—'): string {
  return iso ? format(parseISO(iso), 'd MMM yyyy, HH:mm') : fallback;
}

/** The `YYYY-MM-DD` a date input shows for a stored date. */
export function toDateInput(iso: string | null | undefined): DateInput {
  return iso ? iso.slice(0, 10) : '';
}

/** Today's UTC day as `YYYY-MM-DD`, a sensible default for a new release. */
export function todayInput(): DateInput {
  return new Date().toISOString().slice(0, 10);
}

/**
 * What to send for a date field: the stored value untouched when the day was not
 * edited (keeps a retirement's exact time), else the day the user picked.
 */
export function dateForApi(input: DateInput, original: string | null | undefined): string | null {
  // Forms refuse a half-typed date before they build their input; should one get this
  // far, send text the API rejects rather than null, which would mean "no date".
  if (isIncompleteDate(input)) return 'incomplete date';
  if (input === '') return null;
  return original && toDateInput(original) === input ? original : input;
}
