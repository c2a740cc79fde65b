import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, Clock, NotFoundError } from '@app/core';
import { LedgerRepository, NewLedgerEntry } from './ledger.repository';
import { FundsExpiredError, InsufficientFundsError } from './mdf.errors';
import { availableCents, FundAccount } from './mdf.types';

/** Who is acting, for the ledger and the audit log. */
export interface LedgerActor {
  userId: string | null;
  /** The partner whose funds a vendor user moved (null when partners act on their own). */
  onBehalfOfPartnerId: string | null;
  requestId?: string | null;
}

/**
 * The only way money moves: every operation runs inside the caller's transaction, on the account
 * row it locked, appends one ledger entry and keeps the account's totals in step.
 * Available = allocated + adjustments − reserved − settled − expired, never below zero.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async lock(manager: EntityManager, accountId: string): Promise<FundAccount> {
    const account = await this.ledger.lock(manager, accountId);
    if (!account) throw new NotFoundError('Fund account');
    return account;
  }

  /** Applies one entry to a locked account; refuses anything that would leave less than zero available. */
  async post(manager: EntityManager, account: FundAccount, entry: NewLedgerEntry, actor: LedgerActor): Promise<FundAccount> {
    const next = { ...account };
    const amount = entry.amountCents;
    switch (entry.kind) {
      case 'allocate':
        next.allocatedCents += amount;
        break;
      case 'adjust':
        next.adjustedCents += amount;
        break;
      case 'reserve':
        if (account.expiredAt) throw new FundsExpiredError();
        next.reservedCents += amount;
        break;
      case 'release':
        next.reservedCents -= amount;
        break;
      case 'settle':
        next.reservedCents -= amount;
        next.settledCents += amount;
        break;
      case 'expire':
        next.expiredCents += amount;
        break;
    }
    if (next.reservedCents < 0) throw new Error(`ledger: release of ${amount} exceeds the reservation of account ${account.id}`);
    if (availableCents(next) < 0) throw new InsufficientFundsError(availableCents(account), entry.kind === 'adjust' ? -amount : amount, account.currency);
    const now = this.clock.now();
    await this.ledger.append(manager, account, entry, next, now);
    await this.audit.record(
      {
        actorUserId: actor.userId,
        onBehalfOfPartnerId: actor.onBehalfOfPartnerId,
        action: `mdf.ledger.${entry.kind}`,
        entityType: 'mdf_fund_account',
        entityId: account.id,
        before: balanceOf(account),
        after: { ...balanceOf(next), entry: { kind: entry.kind, amountCents: amount, requestId: entry.requestId ?? null, claimId: entry.claimId ?? null, reason: entry.reason ?? null } },
        requestId: actor.requestId ?? null,
      },
      manager,
    );
    // Funds handed back after the program expired do not become spendable again.
    if (entry.kind === 'release' && account.expiredAt) {
      return this.post(manager, next, { kind: 'expire', amountCents: amount, requestId: entry.requestId ?? null, claimId: entry.claimId ?? null, reason: 'released after the funds expired', actorUserId: entry.actorUserId }, actor);
    }
    return next;
  }
}

export function balanceOf(a: FundAccount): Record<string, number | string> {
  return {
    currency: a.currency,
    allocatedCents: a.allocatedCents,
    adjustedCents: a.adjustedCents,
    reservedCents: a.reservedCents,
    settledCents: a.settledCents,
    expiredCents: a.expiredCents,
    availableCents: availableCents(a),
  };
}
