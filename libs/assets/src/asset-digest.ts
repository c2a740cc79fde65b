import { escapeHtml, safeTimeZone } from '@app/core';
import type { AssetType } from './asset.types';

/** One line of a digest: an asset entering a warning window, or an asset that expired. */
export interface AssetNotice {
  assetId: string;
  title: string;
  type: AssetType;
  expiresAt: Date;
  kind: 'warning' | 'expired';
  /** The warning window reached (days), for warnings. */
  windowDays: number | null;
  /** The usable asset standing in for it, when it has a successor. */
  successor: { id: string; title: string } | null;
  /** Partner notices: the recipient's live launches (kit names) that use it. */
  launches: string[];
}

export interface DigestInput {
  recipientName: string;
  partnerName: string | null;
  timeZone: string;
  audience: 'owner' | 'partner';
  vendorName: string;
  items: AssetNotice[];
}

/** The digest email: every asset of one sweep for one recipient, dates in the recipient's zone. */
export function renderDigest(input: DigestInput): { subject: string; html: string; text: string } {
  const zone = safeTimeZone(input.timeZone);
  const date = (d: Date) => `${new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d)} (${zone})`;
  const items = [...input.items].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.title.localeCompare(b.title));
  const expired = items.filter((i) => i.kind === 'expired');
  const warnings = items.filter((i) => i.kind === 'warning');
  const subject =
    expired.length > 0 && warnings.length === 0
      ? `${expired.length === 1 ? `"${expired[0]!.title}" has expired` : `${expired.length} assets have expired`}`
      : `${items.length === 1 ? `"${items[0]!.title}" expires` : `${items.length} assets expire`} soon${expired.length > 0 ? ' (and some have expired)' : ''}`;

  const lines = (item: AssetNotice): string[] => {
    const out: string[] = [];
    if (item.kind === 'warning') out.push(`${item.title} (${item.type}) expires on ${date(item.expiresAt)}, in ${item.windowDays} days or less.`);
    else out.push(`${item.title} (${item.type}) expired on ${date(item.expiresAt)}.`);
    if (input.audience === 'partner' && item.launches.length > 0) out.push(`Used by your live campaigns: ${item.launches.join(', ')}.`);
    if (item.kind === 'warning') {
      if (item.successor) out.push(`It will be replaced by "${item.successor.title}" in your campaigns automatically.`);
      else if (input.audience === 'partner') out.push('No replacement has been named yet; emails that use it will wait until it is extended or replaced.');
    } else if (item.successor) {
      out.push(`Campaigns that used it now use "${item.successor.title}"; banners were re-rendered.`);
    } else {
      out.push('Emails and nurture steps that use it are held (not skipped) until it is extended or replaced; landing pages show it as withdrawn; kits that require it cannot be launched.');
    }
    if (input.audience === 'owner' && item.kind === 'warning') {
      out.push('In the asset library you can extend its date, upload a new version, set a successor, or let it expire.');
    }
    return out;
  };

  const greeting = `Hello ${input.recipientName},`;
  const intro =
    input.audience === 'owner'
      ? 'These assets you own in the library are expiring or have expired:'
      : `These ${input.vendorName} assets used by ${input.partnerName ?? 'your'} campaigns are expiring or have expired:`;
  const text = [greeting, '', intro, '', ...items.flatMap((i) => [...lines(i).map((l, n) => (n === 0 ? `- ${l}` : `  ${l}`)), '']), `— ${input.vendorName} partner program`].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1b1f24">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<ul>',
    ...items.map((i) => {
      const [head, ...rest] = lines(i);
      return `<li><strong>${escapeHtml(head!)}</strong>${rest.map((r) => `<br>${escapeHtml(r)}`).join('')}</li>`;
    }),
    '</ul>',
    `<p>— ${escapeHtml(input.vendorName)} partner program</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, html, text };
}
