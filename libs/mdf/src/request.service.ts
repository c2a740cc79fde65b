import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsService } from '@app/campaigns';
import { AuditService, Clock, decodeCursor, isCreatedAtCursor, NotFoundError, onBehalfOfPartner, OnePartnerScope, Page, partnerScope, Principal, toPage, ValidationFailedError } from '@app/core';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { ApproveRequestDto, CreateRequestDto, ListRequestsQuery, UpdateRequestDto } from './mdf.dto';
import { FundsExpiredError, MakerCheckerError, MdfStatusError } from './mdf.errors';
import { MdfRequest } from './mdf.types';
import { ProgramRepository } from './program.repository';
import { RequestFields, RequestRepository } from './request.repository';

/** Pre-approval requests: partners (or a channel manager on their behalf) plan; channel managers decide. */
@Injectable()
export class RequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestRepository,
    private readonly programs: ProgramRepository,
    private readonly accounts: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly launches: ResultsService,
  ) {}

  async create(principal: Principal, dto: CreateRequestDto, requestId: string | null): Promise<MdfRequest> {
    const scope = partnerScope(principal, dto.partnerId);
    if (dto.partnerId !== undefined && dto.partnerId !== scope.partnerId) throw ValidationFailedError.field('partnerId', 'you submit for your own organisation', 422);
    if (scope.kind === 'all') throw ValidationFailedError.field('partnerId', 'say which partner this request is for', 422);
    const partnerId = scope.partnerId;
    const program = await this.programs.find(dto.programId);
    const account = program ? await this.accounts.findFor(program.id, partnerId) : null;
    if (!program || !account) throw ValidationFailedError.field('programId', 'this partner has no funds in that program', 422);
    if (program.expiredAt || program.expiresAt <= this.clock.now()) throw new FundsExpiredError();
    const fields = await this.checkFields(scope, {
      activityType: dto.activityType,
      description: dto.description,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      plannedCostCents: dto.plannedCostCents,
      requestedCents: dto.requestedCents,
      expectedPipelineCents: dto.expectedPipelineCents ?? 0,
      launchIds: [...new Set(dto.launchIds ?? [])],
    });
    return this.dataSource.transaction(async (manager) => {
      const created = await this.requests.insert(manager, { ...fields, programId: program.id, partnerId, accountId: account.id, currency: program.currency, submittedBy: principal.userId }, this.clock.now());
      await this.record(manager, principal, 'mdf.request.submitted', created, undefined, requestId);
      return created;
    });
  }

  async get(principal: Principal, id: string): Promise<MdfRequest> {
    const request = await this.requests.find(partnerScope(principal), id);
    if (!request) throw new NotFoundError('Request');
    return request;
  }

  async list(principal: Principal, query: ListRequestsQuery): Promise<Page<MdfRequest>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.requests.list(partnerScope(principal, query.partnerId), { status: query.status, programId: query.programId }, { limit: limit + 1, ...(after ? { after } : {}) });
    return toPage(rows, limit, (r) => [r.submittedAt.toISOString(), r.id]);
  }

  /** The partner's changes after a request for more information; the request goes back to the queue. */
  async resubmit(principal: Principal, id: string, dto: UpdateRequestDto, requestId: string | null): Promise<MdfRequest> {
    const found = await this.get(principal, id);
    const fields = await this.checkFields(partnerScope(principal, found.partnerId), {
      activityType: dto.activityType ?? found.activityType,
      description: dto.description ?? found.description,
      startsOn: dto.startsOn ?? found.startsOn,
      endsOn: dto.endsOn ?? found.endsOn,
      plannedCostCents: dto.plannedCostCents ?? found.plannedCostCents,
      requestedCents: dto.requestedCents ?? found.requestedCents,
      expectedPipelineCents: dto.expectedPipelineCents ?? found.expectedPipelineCents,
      launchIds: dto.launchIds ? [...new Set(dto.launchIds)] : found.launchIds,
    });
    return this.dataSource.transaction(async (manager) => {
      const before = (await this.requests.find(partnerScope(principal), id, manager, true))!;
      if (before.status !== 'info_requested') throw new MdfStatusError('request', before.status, 'changed');
      const after = await this.requests.resubmit(manager, id, fields, this.clock.now());
      // Whoever resubmits is a maker too: they cannot approve it afterwards.
      await this.record(manager, principal, 'mdf.request.resubmitted', after, before, requestId);
      return after;
    });
  }

  /** Approves all or part of the request: the approved amount is reserved, or nothing happens. */
  async approve(principal: Principal, id: string, dto: ApproveRequestDto, requestId: string | null): Promise<MdfRequest> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForDecision(manager, principal, id, 'approved');
      const amount = dto.amountCents ?? before.requestedCents;
      if (amount > before.requestedCents) throw ValidationFailedError.field('amountCents', `must be at most the requested ${before.requestedCents}`, 422);
      const account = await this.ledger.lock(manager, before.accountId);
      await this.ledger.post(manager, account, { kind: 'reserve', amountCents: amount, requestId: id, actorUserId: principal.userId }, { userId: principal.userId, onBehalfOfPartnerId: before.partnerId, requestId });
      const after = await this.requests.decide(manager, id, { status: 'approved', approvedCents: amount, decidedBy: principal.userId, note: dto.note ?? null }, this.clock.now());
      await this.record(manager, principal, 'mdf.request.approved', after, before, requestId);
      return after;
    });
  }

  async requestInfo(principal: Principal, id: string, note: string, requestId: string | null): Promise<MdfRequest> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForDecision(manager, principal, id, 'sent back');
      const after = await this.requests.decide(manager, id, { status: 'info_requested', decidedBy: principal.userId, note }, this.clock.now());
      await this.record(manager, principal, 'mdf.request.info_requested', after, before, requestId);
      return after;
    });
  }

  async reject(principal: Principal, id: string, note: string, requestId: string | null): Promise<MdfRequest> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForDecision(manager, principal, id, 'rejected');
      const after = await this.requests.decide(manager, id, { status: 'rejected', decidedBy: principal.userId, note }, this.clock.now());
      await this.record(manager, principal, 'mdf.request.rejected', after, before, requestId);
      return after;
    });
  }

  private async lockForDecision(manager: EntityManager, principal: Principal, id: string, action: string): Promise<MdfRequest> {
    const request = await this.requests.find(partnerScope(principal), id, manager, true);
    if (!request) throw new NotFoundError('Request');
    if (request.submittedBy === principal.userId || (await this.resubmittedBy(manager, id)).has(principal.userId)) throw new MakerCheckerError('request');
    if (request.status !== 'submitted') throw new MdfStatusError('request', request.status, action);
    return request;
  }

  /** Everyone who changed the request as its maker (resubmissions), from the audit log. */
  private resubmittedBy(manager: EntityManager, id: string): Promise<Set<string>> {
    return this.audit.actorsOf({ entityType: 'mdf_request', entityId: id, action: 'mdf.request.resubmitted' }, manager);
  }

  private async checkFields(scope: OnePartnerScope, f: RequestFields): Promise<RequestFields> {
    if (f.endsOn < f.startsOn) throw ValidationFailedError.field('endsOn', 'must not be before startsOn', 422);
    if (f.requestedCents > f.plannedCostCents) throw ValidationFailedError.field('requestedCents', 'must not exceed the planned total cost', 422);
    const own = await this.launches.ownLaunchIds(scope, f.launchIds);
    const foreign = f.launchIds.filter((l) => !own.has(l));
    if (foreign.length > 0) throw ValidationFailedError.field('launchIds', `${foreign.join(', ')}: not a launch of yours`, 422);
    return f;
  }

  private async record(manager: EntityManager, principal: Principal, action: string, after: MdfRequest, before: MdfRequest | undefined, requestId: string | null): Promise<void> {
    await this.audit.record(
      { actorUserId: principal.userId, onBehalfOfPartnerId: onBehalfOfPartner(principal, after.partnerId), action, entityType: 'mdf_request', entityId: after.id, before, after, requestId },
      manager,
    );
  }
}
