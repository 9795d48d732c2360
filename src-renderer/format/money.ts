/**
 * Money is stored as integer minor units of an ISO 4217 currency; people read it in
 * their locale's currency format. A currency's digits come from Intl (JPY 0, BHD 3),
 * as the main process counts them.
 */
const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency: USD 2, JPY 0, BHD 3. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Minor units → major units, a number for charts: 24900 USD → 249. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** 24900 USD → "$249.00" (in the reader's locale); an unknown code falls back to "249.00 XYZ". */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(majorUnits(minor, currency));
  } catch {
    return `${majorUnits(minor, currency).toFixed(digits)} ${currency}`;
  }
}

/** Short amounts for chart axes: 1250000 USD → "$12.5K". */
export function formatMoneyCompact(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(majorUnits(minor, currency));
  } catch {
    return `${majorUnits(minor, currency)} ${currency}`;
  }
}
