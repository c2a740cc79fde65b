import { DealStatus } from './deal.types';

/** Decimal places of a currency's minor unit (JPY 0, EUR 2, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 123456 EUR cents → `1234.56`; integer arithmetic, no floats. */
export function formatMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
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

/** CRM opportunity stage names (Salesforce/HubSpot map these to their own picklists). */
export const STAGE_LABELS: Record<DealStatus, string> = {
  submitted: 'Registered',
  approved: 'Approved',
  rejected: 'Rejected',
  won: 'Closed Won',
  lost: 'Closed Lost',
  expired: 'Expired',
};

export function stageOf(label: string): DealStatus | null {
  const wanted = label.trim().toLowerCase();
  if (wanted === '') return null;
  for (const [status, stage] of Object.entries(STAGE_LABELS) as [DealStatus, string][]) {
    if (wanted === status || wanted === stage.toLowerCase()) return status;
  }
  return null;
}
