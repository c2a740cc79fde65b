import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DealMetrics } from '@app/deals';
import { PartnerService } from '@app/partners';
import { AuditService, Clock, NotFoundError, partnerScope, Principal, ValidationFailedError } from '@app/core';
import { LedgerRepository } from './ledger.repository';
import { LedgerActor, LedgerService } from './ledger.service';
import { AdjustmentDto, CreateProgramDto } from './mdf.dto';
import { FundsExpiredError } from './mdf.errors';
import { AllocationResult, availableCents, FundAccount, FundAccountLedger, FundBalance, Program } from './mdf.types';
import { ProgramRepository } from './program.repository';

const SWEEP_BATCH = 100;

/** Fund programs: configuration, allocation (tier amount + accrual), manual adjustments, expiry. */
@Injectable()
export class ProgramService {
  private readonly logger = new Logger(ProgramService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramRepository,
    private readonly accounts: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly deals: DealMetrics,
  ) {}

  /**
   * What allocation needs of each partner: its tier and its won revenue in the program's currency
   * closed in the accrual period (inclusive dates, UTC). Partners that are not inactive, or the given ones.
   */
  private async allocationBasis(program: Program, partnerIds: string[] | null): Promise<{ partnerId: string; tierId: string; wonCents: number }[]> {
    const partners = await this.partners.tierOfEach(partnerIds);
    const won =
      program.accrualStart && program.accrualEnd ? await this.deals.wonByPartner(partners.map((p) => p.partnerId), program.currency, program.accrualStart, program.accrualEnd) : new Map<string, number>();
    return partners.map((p) => ({ ...p, wonCents: won.get(p.partnerId) ?? 0 }));
  }

  async create(principal: Principal, dto: CreateProgramDto, requestId: string | null): Promise<Program> {
    if (dto.periodEnd < dto.periodStart) throw ValidationFailedError.field('periodEnd', 'must not be before periodStart', 422);
    if ((dto.accrualStart === undefined) !== (dto.accrualEnd === undefined)) {
      throw ValidationFailedError.field(dto.accrualStart === undefined ? 'accrualStart' : 'accrualEnd', 'give both accrualStart and accrualEnd', 422);
    }
    if (dto.accrualStart && dto.accrualEnd && dto.accrualEnd < dto.accrualStart) throw ValidationFailedError.field('accrualEnd', 'must not be before accrualStart', 422);
    if ((dto.accrualBps ?? 0) > 0 && !dto.accrualStart) throw ValidationFailedError.field('accrualStart', 'an accrual needs the period whose won revenue it is a share of', 422);
    const tierAmounts = dto.tierAmounts ?? [];
    const tierIds = tierAmounts.map((t) => t.tierId);
    if (new Set(tierIds).size !== tierIds.length) throw ValidationFailedError.field('tierAmounts', 'name each tier once', 422);
    const known = new Set((await this.partners.listTiers()).map((t) => t.id));
    const unknown = tierIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw ValidationFailedError.field('tierAmounts', `unknown tier ${unknown.join(', ')}`, 422);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.programs.insert(
        manager,
        {
          name: dto.name,
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          currency: dto.currency,
          graceDays: dto.graceDays ?? 0,
          claimDeadlineDays: dto.claimDeadlineDays ?? 60,
          accrualBps: dto.accrualBps ?? 0,
          accrualStart: dto.accrualStart ?? null,
          accrualEnd: dto.accrualEnd ?? null,
          tierAmounts,
          createdBy: principal.userId,
        },
        this.clock.now(),
      );
      await this.audit.record({ actorUserId: principal.userId, action: 'mdf.program.created', entityType: 'mdf_program', entityId: created, after: dto, requestId }, manager);
      return created;
    });
    return (await this.programs.find(id))!;
  }

  list(): Promise<Program[]> {
    return this.programs.list();
  }

  async get(id: string): Promise<Program> {
    const program = await this.programs.find(id);
    if (!program) throw new NotFoundError('Program');
    return program;
  }

  /**
   * Allocates each partner's funds for the program: its tier's fixed amount plus the accrual share
   * of its won revenue. Runs once per partner: a second run (or two at once) allocates nothing more.
   */
  async allocate(principal: Principal, programId: string, partnerIds: string[] | undefined, requestId: string | null): Promise<AllocationResult[]> {
    const program = await this.get(programId);
    if (program.expiredAt || program.expiresAt <= this.clock.now()) throw new FundsExpiredError();
    if (partnerIds) {
      const known = await this.partners.mdfTerms(partnerIds);
      const unknown = partnerIds.find((id) => !known.has(id));
      if (unknown !== undefined) throw ValidationFailedError.field('partnerIds', `unknown partner ${unknown}`, 422);
    }
    const basis = await this.allocationBasis(program, partnerIds ?? null);
    const results: AllocationResult[] = [];
    for (const partner of basis) {
      const fixed = program.tierAmounts.find((t) => t.tierId === partner.tierId)?.amountCents ?? 0;
      const accrued = Math.floor((partner.wonCents * program.accrualBps) / 10_000);
      const amount = fixed + accrued;
      if (amount <= 0) continue;
      results.push(
        await this.dataSource.transaction(async (manager) => {
          const accountId = await this.accounts.ensure(manager, program.id, partner.partnerId, program.currency);
          const account = await this.ledger.lock(manager, accountId);
          if (await this.accounts.hasEntry(manager, accountId, 'allocate')) return { partnerId: partner.partnerId, accountId, allocatedCents: 0, alreadyAllocated: true };
          await this.ledger.post(
            manager,
            account,
            { kind: 'allocate', amountCents: amount, reason: `tier ${fixed}${accrued > 0 ? ` + accrual ${accrued} (${program.accrualBps} bps of ${partner.wonCents} won)` : ''}`, actorUserId: principal.userId },
            { userId: principal.userId, onBehalfOfPartnerId: partner.partnerId, requestId },
          );
          return { partnerId: partner.partnerId, accountId, allocatedCents: amount, alreadyAllocated: false };
        }),
      );
    }
    return results;
  }

  /** A manual adjustment with its reason; a negative one can only remove what is available. */
  async adjust(principal: Principal, programId: string, dto: AdjustmentDto, requestId: string | null): Promise<FundAccount> {
    const program = await this.get(programId);
    if (program.expiredAt || program.expiresAt <= this.clock.now()) throw new FundsExpiredError();
    if (!(await this.partners.mdfTerms([dto.partnerId])).has(dto.partnerId)) throw ValidationFailedError.field('partnerId', 'unknown partner', 422);
    return this.dataSource.transaction(async (manager) => {
      const accountId = await this.accounts.ensure(manager, program.id, dto.partnerId, program.currency);
      const account = await this.ledger.lock(manager, accountId);
      return this.ledger.post(manager, account, { kind: 'adjust', amountCents: dto.amountCents, reason: dto.reason, actorUserId: principal.userId }, { userId: principal.userId, onBehalfOfPartnerId: dto.partnerId, requestId });
    });
  }

  /** Fund accounts the caller may see, with what is available. */
  async balances(principal: Principal, filter: { programId?: string; partnerId?: string }): Promise<FundBalance[]> {
    const accounts = await this.accounts.list(partnerScope(principal, filter.partnerId), { programId: filter.programId });
    return accounts.map((a) => ({ ...a, availableCents: availableCents(a) }));
  }

  async account(principal: Principal, accountId: string): Promise<FundAccountLedger> {
    const account = await this.accounts.find(partnerScope(principal), accountId);
    if (!account) throw new NotFoundError('Fund account');
    return { account: { ...account, availableCents: availableCents(account) }, entries: await this.accounts.entries(account.id) };
  }

  /**
   * The expiry sweep: for every program past its period end plus grace, expires what each account
   * has available (reserved funds stay for their claims) exactly once, then marks the program expired.
   */
  async expirySweep(): Promise<{ expiredAccounts: number }> {
    const now = this.clock.now();
    let expiredAccounts = 0;
    const system: LedgerActor = { userId: null, onBehalfOfPartnerId: null };
    for (const programId of await this.programs.dueForExpiry(now)) {
      for (;;) {
        const ids = await this.accounts.unexpiredAccountIds(programId, SWEEP_BATCH);
        if (ids.length === 0) break;
        for (const id of ids) {
          await this.dataSource.transaction(async (manager) => {
            const account = await this.ledger.lock(manager, id);
            if (account.expiredAt) return; // another sweep got here first
            const left = availableCents(account);
            if (left > 0) {
              await this.ledger.post(manager, account, { kind: 'expire', amountCents: left, reason: 'period ended', actorUserId: null }, { ...system, onBehalfOfPartnerId: account.partnerId });
            }
            await this.accounts.markExpired(manager, id, now);
            expiredAccounts++;
          });
        }
      }
      await this.programs.markExpired(programId, now);
      this.logger.log(`MDF program ${programId} expired`);
    }
    return { expiredAccounts };
  }
}
