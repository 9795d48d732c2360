/**
 * PayPal's payment dates, `02:51:26 Jul 18, 2012 MST` (also `02:51:26 18 Jul 2012 MST`),
 * to UTC ISO text. The zone is PayPal's abbreviation; the offset is fixed by the
 * abbreviation itself (PDT is always UTC−7), so no time zone database is needed.
 */
import { parseUtc } from '../../../shared/time';

/** Hours east of UTC. */
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
};

export const KNOWN_ZONES = Object.keys(ZONES).filter((z) => z !== 'Z');

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const MONTH_FIRST = /^(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\S+)$/;
const DAY_FIRST = /^(\d{1,2}):(\d{2}):(\d{2})\s+(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s+(\S+)$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

export type DateReading = { iso: string } | { problem: 'form' | 'zone'; zone?: string };

function monthOf(name: string): number {
  const lower = name.toLowerCase();
  // "Jul", "July", "Sept" and "September" are months; "Julember" is not.
  const index = MONTHS.findIndex((full) => full.startsWith(lower) && (lower.length === 3 || lower === full || lower === 'sept'));
  return index;
}

function offsetMinutes(zone: string): number | null {
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named * 60;
  const numeric = OFFSET.exec(zone);
  if (!numeric) return null;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
  if (Number(numeric[2]) > 14 || Number(numeric[3]) > 59) return null;
  return numeric[1] === '-' ? -minutes : minutes;
}

/** Reads a PayPal payment date (or an ISO time with a zone) as UTC ISO text. */
export function readPaymentDate(text: string): DateReading {
  const s = text.trim().replace(/\s+/g, ' ');
  let parts: { h: string; mi: string; sec: string; month: string; day: string; year: string; zone: string } | null = null;
  const a = MONTH_FIRST.exec(s);
  if (a) parts = { h: a[1], mi: a[2], sec: a[3], month: a[4], day: a[5], year: a[6], zone: a[7] };
  const b = a ? null : DAY_FIRST.exec(s);
  if (b) parts = { h: b[1], mi: b[2], sec: b[3], day: b[4], month: b[5], year: b[6], zone: b[7] };
  if (!parts) {
    const iso = /^\d{4}-\d{2}-\d{2}T/.test(s) ? parseUtc(s) : null;
    return iso ? { iso } : { problem: 'form' };
  }
  const month = monthOf(parts.month);
  const [h, mi, sec, day, year] = [parts.h, parts.mi, parts.sec, parts.day, parts.year].map(Number);
  if (month < 0 || h > 23 || mi > 59 || sec > 59 || day < 1 || year < 1970) return { problem: 'form' };
  const local = Date.UTC(year, month, day, h, mi, sec);
  const check = new Date(local);
  if (check.getUTCMonth() !== month || check.getUTCDate() !== day) return { problem: 'form' };
  const offset = offsetMinutes(parts.zone);
  if (offset === null) return { problem: 'zone', zone: parts.zone };
  return { iso: new Date(local - offset * 60_000).toISOString() };
}
