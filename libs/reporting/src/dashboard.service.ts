import { Injectable } from '@nestjs/common';
import { Clock, Principal, ValidationFailedError } from '@app/core';
import { ResultsService } from '@app/campaigns';
import { MetricsService, PartnerProgramMetrics, ProgramService } from '@app/mdf';
import { eligibleCountByTier, type Region } from '@app/partners';
import { DashboardDto, DashboardMdfDto, DashboardMdfFiguresDto, DashboardQuery, DashboardTierAdoptionDto, DashboardTtfdDto } from './dashboard.dto';
import { DashboardRepository, DashboardScope } from './dashboard.repository';
import { addDays, dayOf, dayStart, daysSince, isoWeekName, isoWeekStart, ratio, weeksOf } from './iso-week';
import { histogram, median, TTFD_BUCKETS } from './ttfd-buckets';

const DEFAULT_WEEKS = 12;
const MAX_DAYS = 2 * 366;
const MAX_PROGRAMS = 6;
const TOP_PARTNERS = 10;
const ACTIVATION_GATE_DAYS = 45;

type Figures = Omit<DashboardMdfFiguresDto, 'currency' | 'availableCents' | 'utilisationRate' | 'returnPerMdfDollar'>;

/**
 * Everything the vendor dashboard draws, in one answer: weekly clicks (raw and filtered) and leads,
 * adoption by tier, the launch-to-deal funnel, MDF utilisation and return, time to first deal, and
 * the weekly active partner rate. Kit results and MDF figures come from the services that own them.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly results: ResultsService,
    private readonly programs: ProgramService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {}

  async get(principal: Principal, query: DashboardQuery): Promise<DashboardDto> {
    const today = dayOf(this.clock.now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(isoWeekStart(to), -7 * (DEFAULT_WEEKS - 1));
    if (from > to) throw ValidationFailedError.field('from', 'must not be after `to`');
    if ((dayStart(to).getTime() - dayStart(from).getTime()) / 86_400_000 > MAX_DAYS) throw ValidationFailedError.field('from', 'the range may span at most two years');
    const scope: DashboardScope = { start: dayStart(from), end: dayStart(addDays(to, 1)), kitId: query.kitId ?? null };
    const mondays = weeksOf(from, to);

    // The kit's own results first: an unknown kit answers 404 before anything else runs.
    const adoption = scope.kitId ? (await this.results.forKit(principal, scope.kitId)).adoption : await this.adoptionAcrossPublishedKits();
    const [kits, weekly, activity, funnel, mdf, timeToFirstDeal] = await Promise.all([
      this.repository.kits(),
      this.repository.weekly(scope),
      this.repository.activity(scope.start, scope.end, mondays),
      this.repository.funnel(scope),
      this.mdf(from, to),
      this.timeToFirstDeal(),
    ]);
    const counts = new Map(weekly.map((w) => [w.week, w]));
    const active = new Map(activity.map((a) => [a.week, a]));
    return {
      from,
      to,
      kitId: scope.kitId,
      kits,
      weeks: mondays.map((monday) => {
        const c = counts.get(monday);
        const a = active.get(monday);
        return {
          week: isoWeekName(monday),
          startsOn: monday,
          clicksRaw: c?.clicksRaw ?? 0,
          clicksFiltered: c?.clicksFiltered ?? 0,
          leads: c?.leads ?? 0,
          activePartners: a?.activePartners ?? 0,
          partners: a?.partners ?? 0,
          activePartnerRate: ratio(a?.activePartners ?? 0, a?.partners ?? 0),
        };
      }),
      adoption: adoption.map((t) => ({ tierId: t.tierId, tierName: t.tierName, eligible: t.eligible, launched: t.launched, rate: t.rate })),
      funnel,
      mdf,
      timeToFirstDeal,
    };
  }

  /** Per tier: partners eligible for at least one published kit, and partners that launched one. */
  private async adoptionAcrossPublishedKits(): Promise<DashboardTierAdoptionDto[]> {
    const [eligibilities, partners, tiers] = await Promise.all([this.repository.publishedEligibility(), this.repository.partnersForEligibility(), this.repository.launchedByTier()]);
    const eligible = eligibleCountByTier(
      partners.map((p) => ({ id: p.id, tierId: p.tierId, region: p.region as Region })),
      eligibilities,
    );
    return tiers.map((t) => ({ ...t, eligible: eligible.get(t.tierId) ?? 0, rate: ratio(t.launched, eligible.get(t.tierId) ?? 0) }));
  }

  /** The programs whose period overlaps [from, to], from MDF's own program metrics. */
  private async mdf(from: string, to: string): Promise<DashboardMdfDto> {
    const programs = (await this.programs.list()).filter((p) => p.periodStart <= to && p.periodEnd >= from).slice(0, MAX_PROGRAMS);
    const metrics = await Promise.all(programs.map((p) => this.metrics.forProgram(p.id)));
    const currency = programs[0]?.currency ?? null;
    const byPartner = new Map<string, { partnerId: string; partnerName: string } & Figures>();
    const rows = programs.map((program, i) => {
      const m = metrics[i]!;
      const figures: Figures = {
        allocatedCents: m.totals.allocatedCents,
        reservedCents: m.totals.reservedCents,
        settledCents: m.totals.settledCents,
        paidCents: m.totals.paidCents,
        expiredCents: m.totals.expiredCents,
        pipelineCents: sum(m.partners, (p) => p.pipelineCents),
        wonCents: sum(m.partners, (p) => p.wonCents),
      };
      if (program.currency === currency) {
        for (const p of m.partners) {
          const seen = byPartner.get(p.partnerId) ?? { partnerId: p.partnerId, partnerName: p.partnerName, ...zero() };
          byPartner.set(p.partnerId, { ...seen, ...add(seen, partnerFigures(p)) });
        }
      }
      return { programId: program.id, name: program.name, periodStart: program.periodStart, periodEnd: program.periodEnd, ...withRates(program.currency, figures) };
    });
    const topPartners = [...byPartner.values()]
      .sort((a, b) => b.reservedCents + b.settledCents - (a.reservedCents + a.settledCents) || b.allocatedCents - a.allocatedCents || a.partnerName.localeCompare(b.partnerName))
      .slice(0, TOP_PARTNERS)
      .map((p) => ({ partnerId: p.partnerId, partnerName: p.partnerName, ...withRates(currency!, p) }));
    return { currency, programs: rows, topPartners };
  }

  private async timeToFirstDeal(): Promise<DashboardTtfdDto> {
    const now = this.clock.now();
    const partners = await this.repository.firstDeals();
    const days = partners.filter((p) => p.firstDealAt).map((p) => daysSince(p.signedAt, p.firstDealAt!));
    const counts = histogram(days);
    const waiting = partners.filter((p) => !p.firstDealAt);
    return {
      buckets: TTFD_BUCKETS.map((b, i) => ({ ...b, partners: counts[i]! })),
      medianDays: median(days),
      withoutDeal: waiting.length,
      withoutDealPastGate: waiting.filter((p) => daysSince(p.signedAt, now) > ACTIVATION_GATE_DAYS).length,
    };
  }
}

function sum<T>(items: T[], f: (item: T) => number): number {
  return items.reduce((s, item) => s + f(item), 0);
}

function zero(): Figures {
  return { allocatedCents: 0, reservedCents: 0, settledCents: 0, paidCents: 0, expiredCents: 0, pipelineCents: 0, wonCents: 0 };
}

function partnerFigures(p: PartnerProgramMetrics): Figures {
  return { allocatedCents: p.allocatedCents, reservedCents: p.reservedCents, settledCents: p.settledCents, paidCents: p.paidCents, expiredCents: p.expiredCents, pipelineCents: p.pipelineCents, wonCents: p.wonCents };
}

function add(a: Figures, b: Figures): Figures {
  return {
    allocatedCents: a.allocatedCents + b.allocatedCents,
    reservedCents: a.reservedCents + b.reservedCents,
    settledCents: a.settledCents + b.settledCents,
    paidCents: a.paidCents + b.paidCents,
    expiredCents: a.expiredCents + b.expiredCents,
    pipelineCents: a.pipelineCents + b.pipelineCents,
    wonCents: a.wonCents + b.wonCents,
  };
}

function withRates(currency: string, f: Figures): DashboardMdfFiguresDto {
  return {
    currency,
    allocatedCents: f.allocatedCents,
    reservedCents: f.reservedCents,
    settledCents: f.settledCents,
    paidCents: f.paidCents,
    expiredCents: f.expiredCents,
    availableCents: f.allocatedCents - f.reservedCents - f.settledCents - f.expiredCents,
    pipelineCents: f.pipelineCents,
    wonCents: f.wonCents,
    utilisationRate: ratio(f.reservedCents + f.settledCents, f.allocatedCents),
    returnPerMdfDollar: ratio(f.pipelineCents + f.wonCents, f.settledCents),
  };
}
