import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, PartnerScope, partnerScope, Principal, SystemScope } from '@app/core';
import { DealMetrics, DealSummary } from '@app/deals';
import { PartnerService } from '@app/partners';
import { PartnerFundRow, PartnerProgramMetrics, ProgramMetrics } from './mdf.types';
import { MetricsRepository } from './metrics.repository';
import { ProgramRepository } from './program.repository';

const DAY_MS = 24 * 3600 * 1000;
const ACTIVE_WINDOW_DAYS = 90;

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/** Program metrics: per partner fund use and return, and program-wide activation and pipeline. */
@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly programs: ProgramRepository,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly deals: DealMetrics,
  ) {}

  /** One partner's figures in a program; partners only ever get their own (another partner's id: 404). */
  async forPartner(principal: Principal, programId: string, partnerId: string): Promise<PartnerProgramMetrics> {
    const scope = partnerScope(principal, partnerId);
    if (scope.partnerId !== partnerId) throw new NotFoundError('Fund account');
    const rows = await this.partnerFunds(programId, scope);
    if (!rows[0]) throw new NotFoundError('Fund account');
    return withRates(rows[0]);
  }

  async forProgram(programId: string): Promise<ProgramMetrics> {
    const program = await this.programs.find(programId);
    if (!program) throw new NotFoundError('Program');
    const partnerIds = await this.metrics.partnerIds(programId);
    const [rows, terms, pipeline] = await Promise.all([
      this.partnerFunds(programId, SystemScope.allPartners('program metrics: the vendor route')),
      this.partners.mdfTerms(partnerIds),
      this.deals.sourcedAndInfluenced(partnerIds, program.currency, program.periodStart, program.periodEnd),
    ]);
    const signed = partnerIds.map((partnerId) => ({ partnerId, since: terms.get(partnerId)?.signedAt ?? null }));
    const registrations = await this.deals.firstAndLastRegistrations(signed);
    const activation = signed.map(({ partnerId, since }) => ({ partnerId, signedAt: since, firstDealAt: registrations.get(partnerId)?.first ?? null, lastDealAt: registrations.get(partnerId)?.last ?? null }));
    const partners = rows.map(withRates);
    const sum = (f: (r: PartnerFundRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const totals = {
      allocatedCents: sum((r) => r.allocatedCents),
      reservedCents: sum((r) => r.reservedCents),
      settledCents: sum((r) => r.settledCents),
      expiredCents: sum((r) => r.expiredCents),
      claimedCents: sum((r) => r.claimedCents),
      paidCents: sum((r) => r.paidCents),
      utilisationRate: ratio(sum((r) => r.reservedCents + r.settledCents), sum((r) => r.allocatedCents)),
    };
    const timeToFirstDeal = activation.map((a) => {
      const days = a.signedAt && a.firstDealAt ? Math.floor((a.firstDealAt.getTime() - Date.parse(`${a.signedAt}T00:00:00Z`)) / DAY_MS) : null;
      return { partnerId: a.partnerId, signedAt: a.signedAt, firstDealAt: a.firstDealAt?.toISOString() ?? null, days };
    });
    const known = timeToFirstDeal.map((t) => t.days).filter((d): d is number => d !== null).sort((x, y) => x - y);
    const median = known.length === 0 ? null : known.length % 2 ? known[(known.length - 1) / 2]! : (known[known.length / 2 - 1]! + known[known.length / 2]!) / 2;
    const since = this.clock.now().getTime() - ACTIVE_WINDOW_DAYS * DAY_MS;
    const active = activation.filter((a) => a.lastDealAt && a.lastDealAt.getTime() >= since).length;
    return {
      programId,
      currency: program.currency,
      partners,
      totals,
      timeToFirstDeal,
      medianTimeToFirstDealDays: median,
      activePartnerRate: ratio(active, activation.length),
      pipeline: {
        partnerSourcedPipelineCents: pipeline.sourcedPipelineCents,
        partnerSourcedWonCents: pipeline.sourcedWonCents,
        influencedPipelineCents: pipeline.influencedPipelineCents,
        influencedWonCents: pipeline.influencedWonCents,
      },
    };
  }

  /** Each partner's fund figures with its name and the open pipeline and won revenue (in the account's currency) of the deals its claims link, by partner name then id. */
  private async partnerFunds(programId: string, scope: PartnerScope): Promise<PartnerFundRow[]> {
    const rows = await this.metrics.partnerFunds(programId, scope);
    const [terms, deals] = await Promise.all([this.partners.mdfTerms(rows.map((r) => r.partnerId)), this.deals.summaries([...new Set(rows.flatMap((r) => r.linkedDealIds))])]);
    const dealById = new Map(deals.map((d) => [d.id, d]));
    const order = [...terms.keys()];
    return rows
      .map(({ linkedDealIds, ...r }) => {
        const linked = linkedDealIds.map((id) => dealById.get(id)).filter((d): d is DealSummary => d !== undefined && d.currency === r.currency);
        const pipelineCents = linked.filter((d) => d.status === 'submitted' || d.status === 'approved').reduce((sum, d) => sum + d.amountCents, 0);
        const wonCents = linked.filter((d) => d.status === 'won').reduce((sum, d) => sum + (d.finalAmountCents ?? d.amountCents), 0);
        return { ...r, partnerName: terms.get(r.partnerId)?.name ?? '', pipelineCents, wonCents };
      })
      .sort((a, b) => order.indexOf(a.partnerId) - order.indexOf(b.partnerId));
  }
}

function withRates(r: PartnerFundRow): PartnerProgramMetrics {
  return { ...r, utilisationRate: ratio(r.reservedCents + r.settledCents, r.allocatedCents), returnPerMdfDollar: ratio(r.pipelineCents + r.wonCents, r.settledCents) };
}
