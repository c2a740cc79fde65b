import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, partnerScope, Principal, SystemScope } from '@app/core';
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
  ) {}

  /** One partner's figures in a program; partners only ever get their own (another partner's id: 404). */
  async forPartner(principal: Principal, programId: string, partnerId: string): Promise<PartnerProgramMetrics> {
    const scope = partnerScope(principal, partnerId);
    if (scope.partnerId !== partnerId) throw new NotFoundError('Fund account');
    const rows = await this.metrics.partnerFunds(programId, scope);
    if (!rows[0]) throw new NotFoundError('Fund account');
    return withRates(rows[0]);
  }

  async forProgram(programId: string): Promise<ProgramMetrics> {
    const program = await this.programs.find(programId);
    if (!program) throw new NotFoundError('Program');
    const [rows, activation, pipeline] = await Promise.all([this.metrics.partnerFunds(programId, SystemScope.allPartners('program metrics: the vendor route')), this.metrics.activation(programId), this.metrics.pipeline(programId)]);
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
}

function withRates(r: PartnerFundRow): PartnerProgramMetrics {
  return { ...r, utilisationRate: ratio(r.reservedCents + r.settledCents, r.allocatedCents), returnPerMdfDollar: ratio(r.pipelineCents + r.wonCents, r.settledCents) };
}
