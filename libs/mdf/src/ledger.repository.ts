import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerScope } from '@app/core';
import { FundAccount, LedgerEntry, LedgerKind } from './mdf.types';

interface AccountRow {
  id: string;
  program_id: string;
  partner_id: string;
  currency: string;
  allocated_cents: string;
  adjusted_cents: string;
  reserved_cents: string;
  settled_cents: string;
  expired_cents: string;
  expired_at: Date | null;
}

const ACCOUNT_COLUMNS = 'id, program_id, partner_id, currency, allocated_cents, adjusted_cents, reserved_cents, settled_cents, expired_cents, expired_at';

const toAccount = (r: AccountRow): FundAccount => ({
  id: r.id,
  programId: r.program_id,
  partnerId: r.partner_id,
  currency: r.currency,
  allocatedCents: Number(r.allocated_cents),
  adjustedCents: Number(r.adjusted_cents),
  reservedCents: Number(r.reserved_cents),
  settledCents: Number(r.settled_cents),
  expiredCents: Number(r.expired_cents),
  expiredAt: r.expired_at,
});

export interface NewLedgerEntry {
  kind: LedgerKind;
  amountCents: number;
  requestId?: string | null;
  claimId?: string | null;
  reason?: string | null;
  actorUserId: string | null;
}

/** Fund accounts and their append-only ledger. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The account row, locked until the transaction ends: every balance change goes through here. */
  async lock(manager: EntityManager, accountId: string): Promise<FundAccount | null> {
    const rows = await manager.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM mdf_fund_accounts WHERE id = $1 FOR UPDATE`, [accountId]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** The (program, partner) account, created empty when missing; returns its id. */
  async ensure(manager: EntityManager, programId: string, partnerId: string, currency: string): Promise<string> {
    await manager.query(
      `INSERT INTO mdf_fund_accounts (program_id, partner_id, currency) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT mdf_fund_accounts_program_partner_key DO NOTHING`,
      [programId, partnerId, currency],
    );
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM mdf_fund_accounts WHERE program_id = $1 AND partner_id = $2`, [programId, partnerId]);
    return rows[0]!.id;
  }

  async find(scope: PartnerScope, accountId: string): Promise<FundAccount | null> {
    const rows = await this.dataSource.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM mdf_fund_accounts WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2)`, [accountId, scope.partnerId]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findFor(programId: string, partnerId: string, manager?: EntityManager): Promise<FundAccount | null> {
    const rows = await (manager ?? this.dataSource.manager).query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM mdf_fund_accounts WHERE program_id = $1 AND partner_id = $2`, [programId, partnerId]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** Accounts visible to the scope (a partner's own, or all), optionally of one program. */
  async list(scope: PartnerScope, filter: { programId?: string }): Promise<FundAccount[]> {
    const rows = await this.dataSource.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM mdf_fund_accounts
       WHERE ($1::uuid IS NULL OR partner_id = $1) AND ($2::uuid IS NULL OR program_id = $2)
       ORDER BY created_at, id LIMIT 1000`,
      [scope.partnerId, filter.programId ?? null],
    );
    return rows.map(toAccount);
  }

  async hasEntry(manager: EntityManager, accountId: string, kind: LedgerKind): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM mdf_ledger_entries WHERE account_id = $1 AND kind = $2 LIMIT 1`, [accountId, kind]);
    return rows.length > 0;
  }

  /** Appends the entry and writes the account's new totals (the caller holds the lock). */
  async append(manager: EntityManager, account: FundAccount, entry: NewLedgerEntry, next: FundAccount, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO mdf_ledger_entries (account_id, program_id, partner_id, kind, amount_cents, currency, request_id, claim_id, reason, actor_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [account.id, account.programId, account.partnerId, entry.kind, entry.amountCents, account.currency, entry.requestId ?? null, entry.claimId ?? null, entry.reason ?? null, entry.actorUserId, now],
    );
    await manager.query(
      `UPDATE mdf_fund_accounts SET allocated_cents = $2, adjusted_cents = $3, reserved_cents = $4, settled_cents = $5, expired_cents = $6, updated_at = $7 WHERE id = $1`,
      [account.id, next.allocatedCents, next.adjustedCents, next.reservedCents, next.settledCents, next.expiredCents, now],
    );
  }

  async markExpired(manager: EntityManager, accountId: string, now: Date): Promise<void> {
    await manager.query(`UPDATE mdf_fund_accounts SET expired_at = $2, updated_at = $2 WHERE id = $1`, [accountId, now]);
  }

  async entries(accountId: string): Promise<LedgerEntry[]> {
    const rows = await this.dataSource.query<
      { id: string; account_id: string; kind: LedgerKind; amount_cents: string; currency: string; request_id: string | null; claim_id: string | null; reason: string | null; actor_user_id: string | null; created_at: Date }[]
    >(`SELECT id, account_id, kind, amount_cents, currency, request_id, claim_id, reason, actor_user_id, created_at FROM mdf_ledger_entries WHERE account_id = $1 ORDER BY id LIMIT 5000`, [accountId]);
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      kind: r.kind,
      amountCents: Number(r.amount_cents),
      currency: r.currency,
      requestId: r.request_id,
      claimId: r.claim_id,
      reason: r.reason,
      actorUserId: r.actor_user_id,
      createdAt: r.created_at,
    }));
  }

  /** Accounts of a program not yet swept, a page at a time. */
  async unexpiredAccountIds(programId: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM mdf_fund_accounts WHERE program_id = $1 AND expired_at IS NULL ORDER BY id LIMIT $2`, [programId, limit]);
    return rows.map((r) => r.id);
  }
}
