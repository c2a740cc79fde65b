import type { Deal, Schemas } from '../api/types';
import { daysUntil, formatDate } from '../ui';

export type DealDetail = Schemas['DealDetailView'];

export type DealStatus = (typeof STATUSES)[number];

const PROTECTION_WARNING_DAYS = 14;

export const STATUSES = ['submitted', 'approved', 'rejected', 'won', 'lost', 'expired'] as const;

export const STATUS_LABEL: Record<DealStatus, string> = {
  submitted: 'Waiting for approval',
  approved: 'Approved (protected)',
  rejected: 'Rejected',
  won: 'Won',
  lost: 'Lost',
  expired: 'Protection expired',
};

/** Two-decimal currencies (amounts are typed with cents). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'MXN', 'SGD', 'INR', 'ZAR'];

/** Who may close a deal as won or lost: a deal still open. */
export const CLOSABLE: readonly string[] = ['submitted', 'approved', 'expired'];

export function statusLabel(status: string): string {
  return STATUS_LABEL[status as DealStatus] ?? status;
}

/** Whole days left of a protection window, and the words for it. */
export function protectionText(deal: Pick<Deal, 'status' | 'protectedUntil'>): { text: string; soon: boolean } {
  if (!deal.protectedUntil) return { text: '—', soon: false };
  const days = daysUntil(deal.protectedUntil);
  if (deal.status !== 'approved') return { text: formatDate(deal.protectedUntil), soon: false };
  if (days < 0) return { text: `${formatDate(deal.protectedUntil)} (ended)`, soon: true };
  return { text: `${formatDate(deal.protectedUntil)} (${days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`})`, soon: days <= PROTECTION_WARNING_DAYS };
}
