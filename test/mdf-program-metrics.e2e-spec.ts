import { randomUUID } from 'node:crypto';
import { FakeClock, startTestApp, TestApp } from '@app/testing';
import { approvedRequest, fundedPartner, insertDeal, uploadFile, vendorTeam } from './mdf-world';

/** Allocation by tier plus accrual, and the program metrics built on the ledger, claims and deals. */
describe('MDF allocation and program metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-20T09:00:00Z') });
  });
  afterAll(() => t.close());

  it('allocates the tier amount plus the accrual on last period’s won revenue, and reports utilisation, return and activation', async () => {
    const team = await vendorTeam(t);
    const a = await fundedPartner(t, 50);
    const b = await fundedPartner(t, 50);
    // A's won revenue in Q3: 1 000 000 + 500 000 USD-cents; a EUR deal and a Q2 deal do not count.
    await insertDeal(t, a.partner.id, { status: 'won', amountCents: 1_000_000, createdAt: '2026-07-01T10:00:00Z', closedAt: '2026-08-15T10:00:00Z' });
    await insertDeal(t, a.partner.id, { status: 'won', amountCents: 500_000, createdAt: '2026-07-02T10:00:00Z', closedAt: '2026-09-30T23:00:00Z' });
    await insertDeal(t, a.partner.id, { status: 'won', amountCents: 700_000, currency: 'EUR', createdAt: '2026-07-03T10:00:00Z', closedAt: '2026-08-01T10:00:00Z' });
    await insertDeal(t, a.partner.id, { status: 'won', amountCents: 900_000, createdAt: '2026-05-01T10:00:00Z', closedAt: '2026-06-30T10:00:00Z' });

    const program = (
      await t
        .http()
        .post('/api/v1/mdf/programs')
        .set('authorization', team.admin.auth)
        .send({ name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31', currency: 'USD', tierAmounts: [{ tierId: a.tierId, amountCents: 100_000 }, { tierId: b.tierId, amountCents: 50_000 }], accrualBps: 500, accrualStart: '2026-07-01', accrualEnd: '2026-09-30' })
        .expect(201)
    ).body as { id: string };
    const run = await t.http().post(`/api/v1/mdf/programs/${program.id}/allocate`).set('authorization', team.admin.auth).send({ partnerIds: [a.partner.id, b.partner.id] }).expect(200);
    const items = (run.body as { items: { partnerId: string; allocatedCents: number }[] }).items;
    expect(items.find((i) => i.partnerId === a.partner.id)?.allocatedCents).toBe(100_000 + 75_000); // 5 % of 1 500 000
    expect(items.find((i) => i.partnerId === b.partner.id)?.allocatedCents).toBe(50_000);

    // A runs an activity: 40 000 approved, claim settles 20 000 with one open and one won deal linked.
    const requestId = await approvedRequest(t, a.admin, team.manager, program.id, { requestedCents: 40_000 });
    const fileId = await uploadFile(t, a.admin, requestId);
    const open = await insertDeal(t, a.partner.id, { status: 'approved', amountCents: 300_000, createdAt: '2026-11-15T10:00:00Z' });
    const won = await insertDeal(t, a.partner.id, { status: 'won', amountCents: 100_000, finalAmountCents: 120_000, createdAt: '2026-11-16T10:00:00Z', closedAt: '2026-11-19T10:00:00Z' });
    // The won deal came out of a launch's lead: influenced as well as partner-sourced.
    await t.db.query(`INSERT INTO deal_influences (deal_id, kind, ref_id, touched_at) VALUES ($1, 'lead', gen_random_uuid(), '2026-11-10T10:00:00Z')`, [won]);
    const claim = (await t.http().post('/api/v1/mdf/claims').set('authorization', a.admin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 40_000, fileIds: [fileId], dealIds: [open, won] }).expect(201)).body as { id: string };
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 20_000 }).expect(200);
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/mark-paid`).set('authorization', team.finance.auth).send({ paymentReference: 'WIRE-7', paidOn: '2026-11-20' }).expect(200);

    const mine = await t.http().get(`/api/v1/mdf/programs/${program.id}/partners/${a.partner.id}/metrics`).set('authorization', a.user.auth).expect(200);
    expect(mine.body).toMatchObject({
      allocatedCents: 175_000,
      reservedCents: 0,
      settledCents: 20_000,
      claimedCents: 40_000,
      paidCents: 20_000,
      expiredCents: 0,
      pipelineCents: 300_000,
      wonCents: 120_000,
      utilisationRate: 0.1143,
      returnPerMdfDollar: 21,
    });

    const all = await t.http().get(`/api/v1/mdf/programs/${program.id}/metrics`).set('authorization', team.finance.auth).expect(200);
    const body = all.body as { totals: object; timeToFirstDeal: { partnerId: string; days: number | null }[]; activePartnerRate: number; pipeline: Record<string, number> };
    expect(body.totals).toMatchObject({ allocatedCents: 225_000, settledCents: 20_000, paidCents: 20_000 });
    // Signed 2026-08-01: the deals registered before signing are history; the first one since is 2026-11-15.
    expect(body.timeToFirstDeal.find((x) => x.partnerId === b.partner.id)?.days).toBeNull();
    expect(body.timeToFirstDeal.find((x) => x.partnerId === a.partner.id)).toMatchObject({ days: 106, firstDealAt: '2026-11-15T10:00:00.000Z' });
    expect(body.activePartnerRate).toBe(0.5);
    expect(body.pipeline).toEqual({ partnerSourcedPipelineCents: 300_000, partnerSourcedWonCents: 120_000, influencedPipelineCents: 0, influencedWonCents: 120_000 });
  });
});
