import { DealStatus } from './deal.types';

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
