import { escapeHtml, formatMoney } from '@app/core';
import { Claim, ClaimReturn, LinkedDeal, MdfRequest } from './mdf.types';

/** What the proof-of-performance pack shows of each linked launch, as of one instant. */
export interface LaunchPerformance {
  launchId: string;
  kitName: string;
  launchedAt: Date;
  sends: { status: string; count: number }[];
  filteredClicks: number;
  leads: number;
  creatives: { storageKey: string; contentType: string; width: number; height: number; bytes: number }[];
}

export interface ProofPackData {
  generatedAt: Date;
  partnerName: string;
  request: MdfRequest;
  claim: Pick<Claim, 'id' | 'currency' | 'actualSpendCents'>;
  launches: (Omit<LaunchPerformance, 'creatives'> & { creatives: { src: string | null; width: number; height: number; contentType: string }[] })[];
  deals: LinkedDeal[];
  returns: ClaimReturn;
}

const e = (value: string | number): string => escapeHtml(String(value));

/**
 * The proof-of-performance pack: what the platform itself recorded for the activity's launches
 * (creatives, sends, filtered clicks, leads) and the deals the claim links, as one HTML document.
 * Every value is escaped; images are embedded so the pack stands alone.
 */
export function renderProofPack(d: ProofPackData): string {
  const money = (cents: number, currency = d.claim.currency) => e(formatMoney(cents, currency));
  const launches = d.launches.length
    ? d.launches
        .map((l) => {
          const sends = l.sends.length ? l.sends.map((s) => `<tr><td>${e(s.status)}</td><td class="n" data-send-status="${e(s.status)}">${e(s.count)}</td></tr>`).join('') : '<tr><td colspan="2">No emails sent</td></tr>';
          const totalSends = l.sends.reduce((sum, s) => sum + s.count, 0);
          const creatives = l.creatives.length
            ? l.creatives
                .map((c) => (c.src ? `<figure><img src="${e(c.src)}" width="${e(c.width)}" height="${e(c.height)}" alt="Co-branded creative"><figcaption>${e(c.width)}×${e(c.height)} ${e(c.contentType)}</figcaption></figure>` : `<figure><figcaption>${e(c.width)}×${e(c.height)} ${e(c.contentType)} (too large to embed)</figcaption></figure>`))
                .join('')
            : '<p>No banner creatives in this launch.</p>';
          return `<section class="launch" data-launch-id="${e(l.launchId)}">
<h2>${e(l.kitName)}</h2>
<p>Launch ${e(l.launchId)}, launched ${e(l.launchedAt.toISOString())}</p>
<h3>Co-branded creatives</h3>${creatives}
<h3>Sends</h3><table><thead><tr><th>Status</th><th>Messages</th></tr></thead><tbody>${sends}</tbody><tfoot><tr><th>Total</th><td class="n" data-sends-total>${e(totalSends)}</td></tr></tfoot></table>
<h3>Engagement</h3><table><tbody><tr><th>Clicks (bots and mail scanners filtered)</th><td class="n" data-filtered-clicks>${e(l.filteredClicks)}</td></tr><tr><th>Leads</th><td class="n" data-leads>${e(l.leads)}</td></tr></tbody></table>
</section>`;
        })
        .join('\n')
    : '<p>The request names no launches.</p>';
  const deals = d.deals.length
    ? d.deals
        .map(
          (x) =>
            `<tr data-deal-id="${e(x.id)}"><td>${e(x.customerCompany)}</td><td>${e(x.status)}</td><td class="n">${money(x.amountCents, x.currency)}</td><td class="n">${x.finalAmountCents === null ? '' : money(x.finalAmountCents, x.currency)}</td><td>${e(x.createdAt.toISOString().slice(0, 10))}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="5">No deals linked</td></tr>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Proof of performance: ${e(d.partnerName)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left}.n{text-align:right}img{max-width:100%;height:auto}figure{display:inline-block;margin:.5rem}</style>
</head><body>
<h1>Proof of performance</h1>
<p><strong>${e(d.partnerName)}</strong>, ${e(d.request.activityType.replace('_', ' '))}: ${e(d.request.description)}</p>
<table><tbody>
<tr><th>Activity</th><td>${e(d.request.startsOn)} to ${e(d.request.endsOn)}</td></tr>
<tr><th>Approved MDF</th><td class="n">${money(d.request.approvedCents ?? 0)}</td></tr>
<tr><th>Actual spend</th><td class="n">${money(d.claim.actualSpendCents)}</td></tr>
<tr><th>Claim</th><td>${e(d.claim.id)}</td></tr>
<tr><th>As of</th><td>${e(d.generatedAt.toISOString())}</td></tr>
</tbody></table>
${launches}
<section class="deals"><h2>Attributed deals</h2>
<table><thead><tr><th>Customer</th><th>Status</th><th>Amount</th><th>Won amount</th><th>Registered</th></tr></thead><tbody>${deals}</tbody></table>
<p>Pipeline ${money(d.returns.pipelineCents)}, won ${money(d.returns.wonCents)} (deals in ${e(d.claim.currency)}).</p>
</section>
</body></html>
`;
}
