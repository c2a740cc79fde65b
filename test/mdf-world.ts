import { randomBytes, randomUUID } from 'node:crypto';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeTier, makeUser, TestApp, TestUser } from '@app/testing';

/** Shared set-up for the MDF suites: a vendor team, partners with funds, and deals written as the deals lib stores them. */

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface VendorTeam {
  admin: TestUser;
  manager: TestUser;
  otherManager: TestUser;
  finance: TestUser;
  marketer: TestUser;
}

export async function vendorTeam(t: TestApp): Promise<VendorTeam> {
  return {
    admin: await makeUser(t, 'vendor_admin'),
    manager: await makeUser(t, 'channel_manager'),
    otherManager: await makeUser(t, 'channel_manager'),
    finance: await makeUser(t, 'finance'),
    marketer: await makeUser(t, 'vendor_marketer'),
  };
}

export interface FundedPartner {
  partner: PartnerEntity;
  admin: TestUser;
  user: TestUser;
  tierId: string;
}

/** A partner of a tier with the given reimbursement percentage, with a partner admin and a partner user. */
export async function fundedPartner(t: TestApp, reimbursementPct = 50): Promise<FundedPartner> {
  const tier = await makeTier(t, { defaultMdfReimbursementPct: reimbursementPct });
  const partner = await makePartner(t, { tierId: tier.id, signedAt: '2026-08-01' });
  return { partner, tierId: tier.id, admin: await makeUser(t, 'partner_admin', { partnerId: partner.id }), user: await makeUser(t, 'partner_user', { partnerId: partner.id }) };
}

export interface ProgramOptions {
  periodStart?: string;
  periodEnd?: string;
  graceDays?: number;
  claimDeadlineDays?: number;
  currency?: string;
}

/** A program giving each of the tiers a fixed amount, allocated to the partners; returns its id. */
export async function fundedProgram(t: TestApp, admin: TestUser, tiers: { tierId: string; amountCents: number }[], partnerIds: string[], options: ProgramOptions = {}): Promise<string> {
  const program = await t
    .http()
    .post('/api/v1/mdf/programs')
    .set('authorization', admin.auth)
    .send({ name: `Program ${randomBytes(3).toString('hex')}`, periodStart: options.periodStart ?? '2026-10-01', periodEnd: options.periodEnd ?? '2026-12-31', currency: options.currency ?? 'USD', graceDays: options.graceDays ?? 15, claimDeadlineDays: options.claimDeadlineDays, tierAmounts: tiers })
    .expect(201);
  const id = (program.body as { id: string }).id;
  await t.http().post(`/api/v1/mdf/programs/${id}/allocate`).set('authorization', admin.auth).send({ partnerIds }).expect(200);
  return id;
}

export interface RequestOptions {
  requestedCents?: number;
  plannedCostCents?: number;
  startsOn?: string;
  endsOn?: string;
  launchIds?: string[];
  partnerId?: string;
}

export async function submitRequest(t: TestApp, maker: TestUser, programId: string, options: RequestOptions = {}): Promise<{ id: string; submittedBy: string; status: string }> {
  const requested = options.requestedCents ?? 100_000;
  const res = await t
    .http()
    .post('/api/v1/mdf/requests')
    .set('authorization', maker.auth)
    .send({
      programId,
      ...(options.partnerId ? { partnerId: options.partnerId } : {}),
      activityType: 'webinar',
      description: 'Backup 5 webinar for regional IT managers',
      startsOn: options.startsOn ?? '2026-11-10',
      endsOn: options.endsOn ?? '2026-11-12',
      plannedCostCents: options.plannedCostCents ?? requested * 2,
      requestedCents: requested,
      expectedPipelineCents: 5_000_000,
      launchIds: options.launchIds ?? [],
    })
    .expect(201);
  return res.body as { id: string; submittedBy: string; status: string };
}

/** A request submitted by the partner and approved in full by the channel manager; returns its id. */
export async function approvedRequest(t: TestApp, maker: TestUser, manager: TestUser, programId: string, options: RequestOptions = {}): Promise<string> {
  const { id } = await submitRequest(t, maker, programId, options);
  await t.http().post(`/api/v1/mdf/requests/${id}/approve`).set('authorization', manager.auth).send({}).expect(200);
  return id;
}

export async function uploadFile(t: TestApp, maker: TestUser, requestId: string, kind: 'invoice' | 'proof' = 'invoice', data: Buffer = PDF): Promise<string> {
  const res = await t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=${kind}`).set('authorization', maker.auth).attach('file', data, { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
  return (res.body as { id: string }).id;
}

export interface DealOptions {
  status?: 'submitted' | 'approved' | 'rejected' | 'won' | 'lost' | 'expired';
  amountCents?: number;
  finalAmountCents?: number;
  currency?: string;
  createdAt?: string;
  closedAt?: string;
  company?: string;
}

/** A deal registration as the deals lib stores it; returns its id. */
export async function insertDeal(t: TestApp, partnerId: string, o: DealOptions = {}): Promise<string> {
  const id = randomUUID();
  const status = o.status ?? 'submitted';
  const company = o.company ?? `Customer ${randomBytes(3).toString('hex')}`;
  const createdAt = o.createdAt ?? t.clock.now().toISOString();
  const closed = status === 'won' || status === 'lost' ? (o.closedAt ?? createdAt) : null;
  await t.db.query(
    `INSERT INTO deals (id, partner_id, customer_company, customer_domain, company_key, amount_cents, currency, status, final_amount_cents, closed_at, protected_until, rejection_reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, lower($3), $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [
      id,
      partnerId,
      company,
      `${company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
      o.amountCents ?? 1_000_000,
      o.currency ?? 'USD',
      status,
      status === 'won' ? (o.finalAmountCents ?? o.amountCents ?? 1_000_000) : null,
      closed,
      status === 'approved' ? new Date(Date.parse(createdAt) + 90 * 86_400_000).toISOString() : null,
      status === 'rejected' ? 'duplicate' : null,
      createdAt,
    ],
  );
  return id;
}

export interface AccountView {
  id: string;
  allocatedCents: number;
  adjustedCents: number;
  reservedCents: number;
  settledCents: number;
  expiredCents: number;
  availableCents: number;
}

export async function account(t: TestApp, viewer: TestUser, programId: string, partnerId: string): Promise<AccountView> {
  const res = await t.http().get(`/api/v1/mdf/accounts?programId=${programId}&partnerId=${partnerId}`).set('authorization', viewer.auth).expect(200);
  return (res.body as { items: AccountView[] }).items[0]!;
}

/** The account's balance recomputed from its ledger entries alone. */
export async function ledgerTotals(t: TestApp, accountId: string): Promise<{ allocated: number; adjusted: number; reserved: number; settled: number; expired: number; available: number }> {
  const rows = await t.db.query<{ kind: string; total: string }[]>(`SELECT kind, sum(amount_cents) AS total FROM mdf_ledger_entries WHERE account_id = $1 GROUP BY kind`, [accountId]);
  const sum = (kind: string) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
  const reserved = sum('reserve') - sum('release') - sum('settle');
  const available = sum('allocate') + sum('adjust') - reserved - sum('settle') - sum('expire');
  return { allocated: sum('allocate'), adjusted: sum('adjust'), reserved, settled: sum('settle'), expired: sum('expire'), available };
}
