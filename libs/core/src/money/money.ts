/**
 * Money is integer minor units (the `*_cents` columns) with an ISO 4217 code. These are the only
 * conversions between minor units and text on the server; integer arithmetic, no floats.
 */

/** Decimal places of a currency's minor unit (JPY 0, EUR 2, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 123456 EUR cents → `1234.56` (a CSV cell, a spreadsheet reads it as a number). */
export function formatMinor(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount));
  const digits = minorDigits(currency);
  if (digits === 0) return `${sign}${abs}`;
  const text = abs.padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** -123456 EUR cents → `-EUR 1234.56`, for messages and documents people read. */
export function formatMoney(amount: number, currency: string): string {
  return `${amount < 0 ? '-' : ''}${currency} ${formatMinor(Math.abs(amount), currency)}`;
}

/** `1234.5`, `1,234.50` → cents; null when it is not a plain non-negative amount in the currency. */
export function parseMajor(text: string, currency: string): number | null {
  const clean = text.trim().replace(/,/g, '');
  const digits = minorDigits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(clean);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}
