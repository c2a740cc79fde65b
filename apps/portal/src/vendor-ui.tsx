import type { AssetStatus, AssetType, AssetUsageKind, Role, User } from './api/types';
import { ROLE_LABELS } from './auth';
import { PERMISSIONS } from './permissions';
import { formatDate } from './ui';

// From the API's permissions table, so a button shows exactly where the API accepts it.
/** Who works the deal queue. */
export const DEAL_DECIDERS: readonly Role[] = PERMISSIONS['decide-deals'].roles;
/** Only channel managers decide MDF pre-approval requests; vendor admins read them. */
export const MDF_REQUEST_DECIDERS: readonly Role[] = PERMISSIONS['decide-mdf-requests'].roles;
/** Who manages the asset library. */
export const ASSET_EDITORS: readonly Role[] = PERMISSIONS['manage-assets'].roles;

export const ASSET_TYPES: readonly AssetType[] = ['datasheet', 'deck', 'video', 'image', 'legal', 'document'];
export const ASSET_STATUSES: readonly AssetStatus[] = ['scheduled', 'live', 'expiring', 'expired', 'archived'];
export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const;

export const ASSET_TYPE_LABELS: Record<AssetType, string> = {
  datasheet: 'Datasheet',
  deck: 'Deck',
  video: 'Video',
  image: 'Image',
  legal: 'Legal',
  document: 'Document',
};

/** What each type accepts (read from the content by the API), for the file picker's hint. */
export const ASSET_TYPE_ACCEPT: Record<AssetType, string> = {
  image: '.png,.jpg,.jpeg,.webp,.gif,image/png,image/jpeg,image/webp,image/gif',
  video: '.mp4,.mov,.webm,video/mp4,video/quicktime,video/webm',
  deck: '.pdf,.pptx',
  datasheet: '.pdf,.docx,.txt',
  legal: '.pdf,.docx,.txt,.xlsx',
  document: '.pdf,.docx,.txt,.xlsx',
};

export const ASSET_TYPE_FILES: Record<AssetType, string> = {
  image: 'PNG, JPEG, WebP or GIF',
  video: 'MP4, MOV or WebM',
  deck: 'PDF or PPTX',
  datasheet: 'PDF, DOCX or TXT',
  legal: 'PDF, DOCX, TXT or XLSX',
  document: 'PDF, DOCX, TXT or XLSX',
};

export const USAGE_KIND_LABELS: Record<AssetUsageKind, string> = {
  template: 'Templates',
  kit: 'Kits',
  launch: 'Launches',
  rendition: 'Renditions',
  landing_page: 'Landing pages',
  email: 'Emails',
  nurture_step: 'Nurture steps',
  link: 'Links',
};

/** An ISO instant as the value a `datetime-local` input shows, in the reader's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the reader's time zone) as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A `date` input's day as the end of that day in the reader's time zone. */
export function endOfLocalDay(day: string): string | undefined {
  return fromLocalInput(`${day}T23:59`);
}

/** Today plus `days`, as a `date` input value. */
export function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Problems of one field, including nested ones the API names `field.sub`. */
export function problemsOf(fields: Record<string, string[]>, field: string): string | undefined {
  const problems = Object.entries(fields)
    .filter(([name]) => name === field || name.startsWith(`${field}.`))
    .flatMap(([name, p]) => (name === field ? p : p.map((text) => `${name.slice(field.length + 1)} ${text}`)));
  return problems.length > 0 ? problems.map(sentence).join(' ') : undefined;
}

const FIELD_WORDS: Record<string, string> = { publishAt: 'the publish date', expiresAt: 'the expiry', successorId: 'the successor', tierIds: 'tiers', partnerIds: 'partners' };

/** "must be after publishAt" → "Must be after the publish date." */
function sentence(text: string): string {
  const words = text.replace(/\b(publishAt|expiresAt|successorId|tierIds|partnerIds)\b/g, (w) => FIELD_WORDS[w] ?? w).trim();
  const capital = words.charAt(0).toUpperCase() + words.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A page section for roles who may read but not act: says who acts. */
export function ReadOnlyNote({ user, who }: { user: User; who: string }) {
  return (
    <p className="notice" data-testid="read-only">
      You are signed in as {ROLE_LABELS[user.role].toLowerCase()}: you can read this, and {who} act on it.
    </p>
  );
}

/** "3 days ago", "today". */
export function ago(iso: string): string {
  const days = Math.floor((Date.now() - new Date(iso).getTime()) / (24 * 3600 * 1000));
  return days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/** "1 Nov 2026 – 31 Jan 2027", "from 1 Nov 2026", "always". */
export function windowText(startsAt: string | null, endsAt: string | null): string {
  if (startsAt && endsAt) return `${formatDate(startsAt)} – ${formatDate(endsAt)}`;
  if (startsAt) return `from ${formatDate(startsAt)}`;
  if (endsAt) return `until ${formatDate(endsAt)}`;
  return 'always';
}
