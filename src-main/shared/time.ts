/** Times in KeyHub are UTC ISO-8601 text in one fixed form, so text order is time order. */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Canonical form: `2026-11-21T09:30:00.000Z`. */
export function toUtcIso(date: Date): string {
  return date.toISOString();
}

export function nowUtc(): string {
  return new Date().toISOString();
}

/**
 * Parses `YYYY-MM-DD` (midnight UTC) or a full ISO date-time with a zone into the
 * canonical form; returns null for anything else, including impossible dates (Feb 30).
 */
export function parseUtc(input: string): string | null {
  const s = input.trim();
  if (DATE_ONLY.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? d.toISOString() : null;
  }
  if (DATE_TIME.test(s)) {
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) return null;
    const [y, m, day] = s.slice(0, 10).split('-').map(Number);
    // Reject rollovers (2026-02-30 becomes March 2 in Date) by checking the calendar day exists.
    const probe = new Date(Date.UTC(y, m - 1, day));
    return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day ? d.toISOString() : null;
  }
  return null;
}

export const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
