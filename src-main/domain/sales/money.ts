/**
 * Money as integer minor units of an ISO 4217 currency. The currency list and each
 * currency's digits come from ICU (Node's Intl), so JPY has none and BHD three.
 */

let known: Set<string> | undefined;

/** True for a current ISO 4217 code (upper case). */
export function isKnownCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency: USD 2, JPY 0, BHD 3. */
export function currencyDigits(code: string): number {
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, digits);
  }
  return digits;
}

const DECIMAL = /^(-)?(\d{1,15})(?:\.(\d{1,6}))?$/;

/**
 * "249", "9.02", "-249.00" in `currency` → minor units, or null when it is not a plain
 * decimal number or has more decimals than the currency has (a fraction of a cent).
 */
export function parseAmount(text: string, currency: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, minus, whole, fraction = ''] = match;
  const digits = currencyDigits(currency);
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(trimmedFraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return minus ? -minor : minor;
}

/** Minor units → "249.00" in the currency's digits (exact: no floating point). */
export function decimalAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const fraction = digits ? `.${String(abs % 10 ** digits).padStart(digits, '0')}` : '';
  return `${sign}${whole}${fraction}`;
}

/** Minor units → "249.00 USD" (for messages and logs; the renderer formats for people). */
export function formatMoney(minor: number, currency: string): string {
  return `${decimalAmount(minor, currency)} ${currency}`;
}
