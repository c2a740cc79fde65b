import { randomUUID } from 'node:crypto';
import { AuthService, QueueService } from '@app/core';
import { ProgramService } from '@app/mdf';
import { FakeClock, startTestApp, TestApp, TestUser } from '@app/testing';
import { approvedRequest, FundedPartner, fundedPartner, fundedProgram, ledgerTotals, uploadFile, VendorTeam, vendorTeam } from './mdf-world';

/** Funds expire at the end of their period plus grace: what is still available, nothing reserved, and only once. */
describe('MDF fund expiry sweep', () => {
  let t: TestApp;
  let team: VendorTeam;
  let p: FundedPartner;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-10T09:00:00Z') });
    team = await vendorTeam(t);
    p = await fundedPartner(t, 50);
  });
  afterAll(() => t.close());

  const accountOf = async (programId: string) =>
    (await t.db.query<{ id: string; reserved_cents: string; expired_cents: string; settled_cents: string; expired_at: Date | null }[]>(`SELECT * FROM mdf_fund_accounts WHERE program_id = $1 AND partner_id = $2`, [programId, p.partner.id]))[0]!;
  const entries = async (accountId: string) => t.db.query<{ kind: string; amount_cents: string }[]>(`SELECT kind, amount_cents FROM mdf_ledger_entries WHERE account_id = $1 ORDER BY id`, [accountId]);
  const signedIn = async (u: TestUser): Promise<TestUser> => {
    const { token } = await t.get(AuthService).issueSession(u.user.id);
    return { ...u, token, auth: `Bearer ${token}` };
  };

  it('expires the available rest once after period end plus grace, leaves reservations and other programs alone, and re-expires late releases', async () => {
    // October, 15 days of grace: the funds expire at 2026-11-16T00:00Z.
    const october = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 10_000 }], [p.partner.id], { periodStart: '2026-10-01', periodEnd: '2026-10-31', graceDays: 15 });
    const current = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 8_000 }], [p.partner.id], { periodStart: '2026-11-01', periodEnd: '2026-12-31' });
    const requestId = await approvedRequest(t, p.admin, team.manager, october, { requestedCents: 3_000, startsOn: '2026-10-20', endsOn: '2026-10-22' });
    const fileId = await uploadFile(t, p.admin, requestId);
    const claim = (await t.http().post('/api/v1/mdf/claims').set('authorization', p.admin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 2_000, fileIds: [fileId] }).expect(201)).body as { id: string };
    const sweep = () => t.get(ProgramService).expirySweep();

    t.clock.set('2026-11-15T23:59:00Z');
    await sweep();
    const oct = await accountOf(october);
    expect(await entries(oct.id)).toEqual([
      { kind: 'allocate', amount_cents: '10000' },
      { kind: 'reserve', amount_cents: '3000' },
    ]);

    // Through the queue, as the repeatable job runs it.
    t.clock.set('2026-11-16T00:00:00Z');
    await t.get(QueueService).enqueue('mdf-expiry-sweep', {});
    for (let i = 0; i < 100 && !(await accountOf(october)).expired_at; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await entries(oct.id)).toEqual([
      { kind: 'allocate', amount_cents: '10000' },
      { kind: 'reserve', amount_cents: '3000' },
      { kind: 'expire', amount_cents: '7000' },
    ]);
    expect((await accountOf(october)).reserved_cents).toBe('3000');

    // Again: nothing more expires.
    t.clock.set('2026-11-20T00:00:00Z');
    await sweep();
    await sweep();
    expect((await entries(oct.id)).filter((e) => e.kind === 'expire')).toHaveLength(1);
    const cur = await accountOf(current);
    expect(await entries(cur.id)).toEqual([{ kind: 'allocate', amount_cents: '8000' }]);
    expect(cur.expired_at).toBeNull();

    // The claim is still paid from its reservation; the unclaimed part does not become spendable.
    const finance = await signedIn(team.finance);
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/approve`).set('authorization', finance.auth).send({ amountCents: 1_000 }).expect(200);
    const totals = await ledgerTotals(t, oct.id);
    expect(totals).toEqual({ allocated: 10_000, adjusted: 0, reserved: 0, settled: 1_000, expired: 9_000, available: 0 });

    // Expired funds cannot be reserved, adjusted or allocated again.
    const admin = await signedIn(team.admin);
    const refused = await t.http().post(`/api/v1/mdf/programs/${october}/adjustments`).set('authorization', admin.auth).send({ partnerId: p.partner.id, amountCents: 500, reason: 'Late bonus' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'MDF_FUNDS_EXPIRED' });
    await t.http().post(`/api/v1/mdf/programs/${october}/allocate`).set('authorization', admin.auth).send({}).expect(409);
  });
});
