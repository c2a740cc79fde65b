import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '@app/testing';
import { account, FundedPartner, fundedPartner, fundedProgram, ledgerTotals, submitRequest, uploadFile, VendorTeam, vendorTeam } from './mdf-world';

/**
 * One partner balance under fire: many approvals, claim submissions and finance decisions at once
 * never take the balance below zero, and the ledger always adds up to the balance shown.
 */
describe('MDF ledger under concurrency', () => {
  let t: TestApp;
  let team: VendorTeam;
  let p: FundedPartner;
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await vendorTeam(t);
    p = await fundedPartner(t, 40);
    programId = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 10_000 }], [p.partner.id]);
  });
  afterAll(() => t.close());

  it('reserves 50 concurrent approvals only while funds last, then settles and re-reserves concurrently without overdrawing', async () => {
    const requests: string[] = [];
    for (let i = 0; i < 50; i++) requests.push((await submitRequest(t, p.admin, programId, { requestedCents: 500 })).id);

    const approvals = await Promise.all(requests.map((id) => t.http().post(`/api/v1/mdf/requests/${id}/approve`).set('authorization', team.manager.auth).send({})));
    const approved = requests.filter((_, i) => approvals[i]!.status === 200);
    const refused = requests.filter((_, i) => approvals[i]!.status !== 200);
    expect(approved).toHaveLength(20);
    for (const res of approvals.filter((r) => r.status !== 200)) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'MDF_FUND_INSUFFICIENT', details: { neededCents: 500, currency: 'USD' } });
    }
    let balance = await account(t, p.admin, programId, p.partner.id);
    expect(balance).toMatchObject({ allocatedCents: 10_000, reservedCents: 10_000, availableCents: 0 });

    // Claims on every approved request at once, each with its own key.
    const files = await Promise.all(approved.map((id) => uploadFile(t, p.admin, id)));
    const submissions = await Promise.all(
      approved.map((id, i) => t.http().post('/api/v1/mdf/claims').set('authorization', p.admin.auth).set('idempotency-key', randomUUID()).send({ requestId: id, actualSpendCents: 500, fileIds: [files[i]] })),
    );
    expect(submissions.map((s) => s.status)).toEqual(approved.map(() => 201));
    const claimIds = submissions.map((s) => (s.body as { id: string }).id);

    // Finance approves each claim at its cap (40 % of 500 = 200, releasing 300) while the channel
    // manager retries the 30 refused requests against whatever is released.
    const [decisions, retries] = await Promise.all([
      Promise.all(claimIds.map((id) => t.http().post(`/api/v1/mdf/claims/${id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 200 }))),
      Promise.all(refused.map((id) => t.http().post(`/api/v1/mdf/requests/${id}/approve`).set('authorization', team.manager.auth).send({}))),
    ]);
    expect(decisions.map((d) => d.status)).toEqual(claimIds.map(() => 200));
    const reapproved = retries.filter((r) => r.status === 200).length;
    for (const r of retries.filter((x) => x.status !== 200)) expect(r.body).toMatchObject({ code: 'MDF_FUND_INSUFFICIENT' });
    // 20 × 300 released: room for at most 12 more reservations of 500.
    expect(reapproved).toBeLessThanOrEqual(12);

    balance = await account(t, p.admin, programId, p.partner.id);
    expect(balance).toMatchObject({ allocatedCents: 10_000, settledCents: 4_000, reservedCents: reapproved * 500, availableCents: 6_000 - reapproved * 500 });
    expect(balance.availableCents).toBeGreaterThanOrEqual(0);
    const totals = await ledgerTotals(t, balance.id);
    expect(totals).toEqual({ allocated: 10_000, adjusted: 0, reserved: reapproved * 500, settled: 4_000, expired: 0, available: balance.availableCents });
  });

  it('lets concurrent negative adjustments take only what is available', async () => {
    const q = await fundedPartner(t);
    const program = await fundedProgram(t, team.admin, [{ tierId: q.tierId, amountCents: 1_000 }], [q.partner.id]);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post(`/api/v1/mdf/programs/${program}/adjustments`).set('authorization', team.admin.auth).send({ partnerId: q.partner.id, amountCents: -300, reason: 'Clawback for an unspent event' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const balance = await account(t, team.finance, program, q.partner.id);
    expect(balance).toMatchObject({ allocatedCents: 1_000, adjustedCents: -900, availableCents: 100 });
    expect((await ledgerTotals(t, balance.id)).available).toBe(100);
  });

  it('allocates once per partner however often (and however concurrently) the allocation runs', async () => {
    const q = await fundedPartner(t);
    const program = await fundedProgram(t, team.admin, [{ tierId: q.tierId, amountCents: 2_500 }], [q.partner.id]);
    const runs = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`/api/v1/mdf/programs/${program}/allocate`).set('authorization', team.admin.auth).send({ partnerIds: [q.partner.id] })));
    for (const run of runs) expect(run.body).toEqual({ items: [expect.objectContaining({ partnerId: q.partner.id, allocatedCents: 0, alreadyAllocated: true })] });
    expect(await account(t, team.admin, program, q.partner.id)).toMatchObject({ allocatedCents: 2_500, availableCents: 2_500 });
  });

  it('refuses to change or delete a ledger entry', async () => {
    const balance = await account(t, team.admin, programId, p.partner.id);
    await expect(t.db.query(`UPDATE mdf_ledger_entries SET amount_cents = 1 WHERE account_id = $1`, [balance.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM mdf_ledger_entries WHERE account_id = $1`, [balance.id])).rejects.toThrow(/append-only/);
    expect((await ledgerTotals(t, balance.id)).allocated).toBe(10_000);
  });
});
