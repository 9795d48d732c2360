/** Durations are whole days; null means no limit. */
export function formatDays(days: number | null): string {
  if (days === null) return 'No limit';
  return days === 1 ? '1 day' : `${days.toLocaleString()} days`;
}

export function formatLimit(count: number | null): string {
  return count === null ? 'No limit' : count.toLocaleString();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Form text -> API number: blank is null ("no limit"); other text is left for zod to judge. */
export function numberForApi(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Number('') is 0 and Number('1e3') is 1000: only plain digits count as a number here.
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function numberToInput(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}
