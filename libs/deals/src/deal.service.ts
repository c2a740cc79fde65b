import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, Clock, decodeCursor, encodeCursor, isCreatedAtCursor, isVendor, jobId, JobOutbox, NotFoundError, OnePartnerScope, Page, partnerScope, Principal, ValidationFailedError } from '@app/core';
import { ResultsService } from '@app/campaigns';
import { ContactService } from '@app/contacts';
import { LinkStatsService } from '@app/links';
import { companyDomain, NurtureService } from '@app/nurture';
import { PartnerService } from '@app/partners';
import { companyKey, keyWords, NAME_MATCH_THRESHOLD, nameSimilarity } from './deal-matching';
import { DealStatusError } from './deal.errors';
import { ConflictLink, ConflictRow, DealChange, DealRecord, DealRepository, MatchCandidate } from './deal.repository';
import { DEFAULT_PROTECTION_DAYS, Deal, DealConflict, DealInfluence, DealInput, DealListFilter, DealStatus } from './deal.types';
import { DealWebhookService } from './deal-webhook.service';

const DAY_MS = 86_400_000;
const SWEEP_BATCH = 200;
/** Deal influence looks at the partner's latest leads at the customer, at most this many. */
const INFLUENCE_LEADS = 1000;

export interface DealDetail {
  deal: Deal;
  /** Vendor users only: the registrations and vendor opportunities it collides with. */
  conflicts: DealConflict[] | null;
  influence: DealInfluence[];
}

export interface ConflictQueueItem {
  deal: Deal;
  conflicts: DealConflict[];
}

/**
 * Deal registration: a partner's claim on an opportunity, checked for channel conflict on submit,
 * approved (protected for a window) or rejected by a channel manager, closed won or lost by the
 * partner, expired by the sweep. Every change is audited and announced to the status webhooks.
 */
@Injectable()
export class DealService {
  private readonly logger = new Logger(DealService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealRepository,
    private readonly webhooks: DealWebhookService,
    private readonly nurture: NurtureService,
    private readonly jobs: JobOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly launches: ResultsService,
    private readonly contacts: ContactService,
    private readonly clicks: LinkStatsService,
  ) {}

  /**
   * Freezes what the partner's marketing did at this customer before the registration: its latest
   * leads whose contact email is at the domain (or a subdomain), the human clicks that brought them
   * and their launches. In the registration's transaction, one batch per owner.
   */
  private async recordInfluence(manager: EntityManager, deal: { id: string; scope: OnePartnerScope; domain: string; before: Date }): Promise<number> {
    const contactIds = await this.contacts.idsAtDomain(manager, deal.scope, deal.domain);
    const leads = await this.launches.leadsOfContacts(manager, deal.scope, contactIds, deal.before, INFLUENCE_LEADS);
    const clicks = await this.clicks.humanClicksAmong(manager, deal.scope.partnerId, [...new Set(leads.flatMap((l) => (l.clickId ? [l.clickId] : [])))], deal.before);
    const firstTouch = new Map<string, Date>();
    for (const l of leads) {
      const first = firstTouch.get(l.launchId);
      if (!first || l.createdAt < first) firstTouch.set(l.launchId, l.createdAt);
    }
    return this.deals.insertInfluences(manager, deal.id, [
      ...leads.map((l): DealInfluence => ({ kind: 'lead', id: l.leadId, launchId: l.launchId, touchedAt: l.createdAt })),
      ...clicks.map((c): DealInfluence => ({ kind: 'click', id: c.clickId, launchId: c.launchId, touchedAt: c.at })),
      ...[...firstTouch].map(([launchId, at]): DealInfluence => ({ kind: 'launch', id: launchId, launchId, touchedAt: at })),
    ]);
  }

  async register(principal: Principal, input: DealInput, requestId?: string): Promise<DealDetail> {
    const concierge = isVendor(principal);
    const scope = partnerScope(principal, input.partnerId);
    if (scope.kind === 'all') throw ValidationFailedError.field('partnerId', 'is required when registering for a partner');
    const partnerId = scope.partnerId;
    if (input.partnerId !== undefined && input.partnerId !== partnerId) {
      throw ValidationFailedError.field('partnerId', 'partner users register for their own partner only');
    }
    if (concierge) await this.partners.get(principal, partnerId);
    const domain = companyDomain(input.customerDomain);
    if (!domain) throw ValidationFailedError.field('customerDomain', 'must be a domain such as acme.example');
    const company = input.customerCompany.trim();
    if (company === '') throw ValidationFailedError.field('customerCompany', 'must not be empty');

    let sourceLaunchId = input.sourceLaunchId ?? null;
    if (input.sourceLeadId) {
      const leadLaunchId = await this.launches.launchOfLead(scope, input.sourceLeadId);
      if (!leadLaunchId) throw new NotFoundError('Lead');
      sourceLaunchId ??= leadLaunchId;
    }
    if (input.sourceLaunchId && !(await this.launches.ownLaunchIds(scope, [input.sourceLaunchId])).has(input.sourceLaunchId)) throw new NotFoundError('Launch');

    const key = companyKey(company);
    const id = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.deals.lockDomain(manager, domain);
      const words = keyWords(key);
      const rivals = await this.deals.protectedCandidates(manager, { partnerId, domain, words, now });
      const opportunities = await this.deals.openVendorCandidates(manager, { domain, words });
      const links: ConflictLink[] = [
        ...matches(rivals, domain, key).map((m) => ({ ...m, conflictingDealId: m.id, vendorOpportunityId: null })),
        ...matches(opportunities, domain, key).map((m) => ({ ...m, conflictingDealId: null, vendorOpportunityId: m.id })),
      ].map(({ conflictingDealId, vendorOpportunityId, matchedOn, similarity }) => ({ conflictingDealId, vendorOpportunityId, matchedOn, similarity }));

      const dealId = await this.deals.insert(manager, {
        partnerId,
        registeredBy: principal.userId,
        registrationMode: concierge ? 'concierge' : 'partner',
        customerCompany: company,
        customerDomain: domain,
        companyKey: key,
        contactName: input.contactName?.trim() || null,
        contactEmail: input.contactEmail?.trim().toLowerCase() || null,
        products: [...new Set((input.products ?? []).map((p) => p.trim()).filter((p) => p !== ''))],
        amountCents: input.amountCents,
        currency: input.currency,
        expectedCloseDate: input.expectedCloseDate ?? null,
        notes: input.notes ?? null,
        sourceLaunchId,
        sourceLeadId: input.sourceLeadId ?? null,
        status: 'submitted',
        approvedAt: null,
        protectedUntil: null,
        rejectionReason: null,
        finalAmountCents: null,
        closedAt: null,
        createdAt: now,
      });
      await this.deals.insertConflicts(manager, dealId, links, now);
      await this.recordInfluence(manager, { id: dealId, scope, domain, before: now });
      const [deal] = (await this.withNames([(await this.deals.find(scope, dealId, manager))!], manager)) as [Deal];
      await this.audit.record(
        {
          actorUserId: principal.userId,
          onBehalfOfPartnerId: concierge ? partnerId : null,
          action: 'deal.registered',
          entityType: 'deal',
          entityId: dealId,
          after: { status: deal.status, customerDomain: domain, amountCents: deal.amountCents, currency: deal.currency, registrationMode: deal.registrationMode, conflicts: links.length },
          requestId,
        },
        manager,
      );
      // The nurture exits are also a job, so a process that dies before the call below still ends them.
      await this.jobs.add(manager, 'deal-registered', { dealId, partnerId, companyDomain: domain }, jobId('deal-registered', dealId));
      await this.webhooks.recordStatusChange(manager, deal, null);
      return dealId;
    });

    try {
      // At once, so the answer already reflects the exits; the job stays only if this fails.
      await this.nurture.dealRegistered({ partnerId, companyDomain: domain });
      await this.jobs.discard(jobId('deal-registered', id));
    } catch (error) {
      // The registration stands; the job retries the exits.
      this.logger.error({ dealId: id, err: error instanceof Error ? error.message : error }, 'ending nurture enrolments for a registered deal failed; its job retries');
    }
    await this.jobs.wake();
    return this.get(principal, id);
  }

  /** A deal with its influence; vendor users also see its conflicts. Another partner's deal is 404. */
  async get(principal: Principal, id: string): Promise<DealDetail> {
    const record = await this.deals.find(partnerScope(principal), id);
    if (!record) throw new NotFoundError('Deal');
    const [[deal], influence, conflicts] = await Promise.all([this.withNames([record]), this.deals.influencesOf(id), isVendor(principal) ? this.conflictsOf([id]) : Promise.resolve(null)]);
    return { deal: deal!, influence, conflicts: conflicts ? (conflicts.get(id) ?? []) : null };
  }

  async list(principal: Principal, filter: DealListFilter): Promise<Page<Deal>> {
    const scope = partnerScope(principal, filter.partnerId);
    const limit = filter.limit ?? 25;
    const before = decodeCursor(filter.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.deals.list(scope, { ...(filter.status ? { status: filter.status } : {}), limit: limit + 1, ...(before ? { before } : {}) });
    const items = await this.withNames(rows.slice(0, limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  /** Submitted registrations with a conflict, oldest first, each beside what it collides with. */
  async conflictQueue(query: { limit?: number; cursor?: string }): Promise<Page<ConflictQueueItem>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.deals.conflictQueue(limit + 1, after);
    const [items, conflicts] = await Promise.all([this.withNames(rows.slice(0, limit)), this.conflictsOf(rows.slice(0, limit).map((d) => d.id))]);
    const last = items[items.length - 1];
    return {
      items: items.map((deal) => ({ deal, conflicts: conflicts.get(deal.id) ?? [] })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  approve(principal: Principal, id: string, options: { protectionDays?: number }, requestId?: string): Promise<Deal> {
    const days = options.protectionDays ?? DEFAULT_PROTECTION_DAYS;
    return this.transition(principal, id, 'approved', ['submitted'], (_deal, now) => ({ status: 'approved', approvedAt: now, approvedBy: principal.userId, protectedUntil: new Date(now.getTime() + days * DAY_MS) }), requestId, { protectionDays: days });
  }

  reject(principal: Principal, id: string, reason: string, requestId?: string): Promise<Deal> {
    return this.transition(principal, id, 'rejected', ['submitted'], () => ({ status: 'rejected', rejectionReason: reason.trim() }), requestId);
  }

  /** Moves the end of an approved deal's protection `days` further out. */
  extend(principal: Principal, id: string, days: number, requestId?: string): Promise<Deal> {
    return this.transition(principal, id, 'extended', ['approved'], (deal) => ({ protectedUntil: new Date(deal.protectedUntil!.getTime() + days * DAY_MS) }), requestId, { days });
  }

  won(principal: Principal, id: string, finalAmountCents: number, requestId?: string): Promise<Deal> {
    return this.transition(principal, id, 'won', ['submitted', 'approved', 'expired'], (_deal, now) => ({ status: 'won', finalAmountCents, closedAt: now }), requestId);
  }

  lost(principal: Principal, id: string, requestId?: string): Promise<Deal> {
    return this.transition(principal, id, 'lost', ['submitted', 'approved', 'expired'], (_deal, now) => ({ status: 'lost', closedAt: now }), requestId);
  }

  /** `deal-expiry-sweep`: approved deals past their protection become expired, in batches. */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (;;) {
      const { count, events } = await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const due = await this.deals.lockExpired(manager, now, SWEEP_BATCH);
        const names = await this.partners.namesOf(due.map((d) => d.partnerId), manager);
        const eventIds: string[] = [];
        for (const deal of due) {
          const after = { ...(await this.deals.update(manager, deal.id, { status: 'expired' }, now)), partnerName: names.get(deal.partnerId) ?? '' };
          await this.audit.record(
            { actorUserId: null, action: 'deal.expired', entityType: 'deal', entityId: deal.id, before: { status: deal.status, protectedUntil: deal.protectedUntil }, after: { status: 'expired' } },
            manager,
          );
          eventIds.push(...(await this.webhooks.recordStatusChange(manager, after, deal.status)));
        }
        return { count: due.length, events: eventIds };
      });
      await this.webhooks.afterCommit(events);
      expired += count;
      if (count < SWEEP_BATCH) return expired;
    }
  }

  /**
   * For other libs (MDF claims): the deals among `ids` that belong to the partner, optionally only
   * those registered at or after `registeredFrom`. Ids that are not the partner's are left out.
   */
  async findForPartner(partnerId: string, ids: string[], registeredFrom?: Date): Promise<Deal[]> {
    return this.withNames(await this.deals.findForPartner(partnerId, [...new Set(ids)], registeredFrom));
  }

  /** These deals with their partners' names, in one query (in the caller's transaction when given). */
  private async withNames(records: DealRecord[], manager?: EntityManager): Promise<Deal[]> {
    const names = await this.partners.namesOf(records.map((r) => r.partnerId), manager);
    return records.map((r) => ({ ...r, partnerName: names.get(r.partnerId) ?? '' }));
  }

  private async transition(
    principal: Principal,
    id: string,
    action: 'approved' | 'rejected' | 'extended' | 'won' | 'lost',
    from: DealStatus[],
    change: (deal: DealRecord, now: Date) => DealChange,
    requestId?: string,
    extra: Record<string, unknown> = {},
  ): Promise<Deal> {
    const scope = partnerScope(principal);
    const { deal, events } = await this.dataSource.transaction(async (manager) => {
      const before = await this.deals.lock(manager, scope, id);
      if (!before) throw new NotFoundError('Deal');
      if (!from.includes(before.status)) throw new DealStatusError(before.status, action);
      const now = this.clock.now();
      const values = change(before, now);
      const [after] = (await this.withNames([await this.deals.update(manager, id, values, now)], manager)) as [Deal];
      const partnerAction = action === 'won' || action === 'lost';
      await this.audit.record(
        {
          actorUserId: principal.userId,
          onBehalfOfPartnerId: partnerAction && scope.kind === 'all' ? before.partnerId : null,
          action: `deal.${action}`,
          entityType: 'deal',
          entityId: id,
          before: snapshot(before),
          after: { ...snapshot(after), ...extra },
          requestId,
        },
        manager,
      );
      const statusChanged = after.status !== before.status;
      return { deal: after, events: statusChanged ? await this.webhooks.recordStatusChange(manager, after, before.status) : [] };
    });
    await this.webhooks.afterCommit(events);
    return deal;
  }

  /** Conflicts per deal id, each with the other side loaded (deals and opportunities in one query each). */
  private async conflictsOf(dealIds: string[]): Promise<Map<string, DealConflict[]>> {
    const rows = await this.deals.conflictsInvolving(dealIds);
    const wanted = new Set(dealIds);
    const otherDealIds = new Set<string>();
    const opportunityIds = new Set<string>();
    const sides: { of: string; row: ConflictRow; otherDeal: string | null; opportunity: string | null }[] = [];
    for (const row of rows) {
      if (wanted.has(row.dealId)) sides.push({ of: row.dealId, row, otherDeal: row.conflictingDealId, opportunity: row.vendorOpportunityId });
      if (row.conflictingDealId && wanted.has(row.conflictingDealId)) sides.push({ of: row.conflictingDealId, row, otherDeal: row.dealId, opportunity: null });
    }
    for (const s of sides) {
      if (s.otherDeal) otherDealIds.add(s.otherDeal);
      if (s.opportunity) opportunityIds.add(s.opportunity);
    }
    const [others, opportunities] = await Promise.all([
      this.deals.findMany([...otherDealIds]).then((found) => this.withNames(found)),
      opportunityIds.size > 0 ? this.deals.vendorOpportunities({ ids: [...opportunityIds], limit: opportunityIds.size }) : Promise.resolve([]),
    ]);
    const dealById = new Map(others.map((d) => [d.id, d]));
    const opportunityById = new Map(opportunities.map((o) => [o.id, o]));
    const out = new Map<string, DealConflict[]>();
    for (const s of sides) {
      const list = out.get(s.of) ?? [];
      list.push({
        id: s.row.id,
        matchedOn: s.row.matchedOn,
        similarity: s.row.similarity,
        deal: s.otherDeal ? (dealById.get(s.otherDeal) ?? null) : null,
        vendorOpportunity: s.opportunity ? (opportunityById.get(s.opportunity) ?? null) : null,
      });
      out.set(s.of, list);
    }
    return out;
  }
}

/** Candidates on the same domain, or with a company name at least NAME_MATCH_THRESHOLD alike. */
function matches(candidates: MatchCandidate[], domain: string, key: string): { id: string; matchedOn: 'domain' | 'company_name'; similarity: number }[] {
  const out: { id: string; matchedOn: 'domain' | 'company_name'; similarity: number }[] = [];
  for (const c of candidates) {
    if (c.customerDomain === domain) {
      out.push({ id: c.id, matchedOn: 'domain', similarity: 1 });
      continue;
    }
    const similarity = nameSimilarity(key, c.companyKey);
    if (similarity >= NAME_MATCH_THRESHOLD) out.push({ id: c.id, matchedOn: 'company_name', similarity: Math.round(similarity * 100) / 100 });
  }
  return out;
}

function snapshot(d: DealRecord): Record<string, unknown> {
  return {
    status: d.status,
    protectedUntil: d.protectedUntil?.toISOString() ?? null,
    rejectionReason: d.rejectionReason,
    finalAmountCents: d.finalAmountCents,
    closedAt: d.closedAt?.toISOString() ?? null,
  };
}
