import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '@app/testing';
import { account, FundedPartner, fundedPartner, fundedProgram, submitRequest, VendorTeam, vendorTeam } from './mdf-world';

/** Pre-approval requests: a channel manager decides, never the person who submitted; approving reserves funds. */
describe('MDF pre-approval requests', () => {
  let t: TestApp;
  let team: VendorTeam;
  let p: FundedPartner;
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await vendorTeam(t);
    p = await fundedPartner(t);
    programId = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 1_000_000 }], [p.partner.id]);
  });
  afterAll(() => t.close());

  const approve = (id: string, who = team.manager, body: object = {}) => t.http().post(`/api/v1/mdf/requests/${id}/approve`).set('authorization', who.auth).send(body);

  it('approves part of a request and reserves exactly that amount', async () => {
    const before = await account(t, p.admin, programId, p.partner.id);
    const { id } = await submitRequest(t, p.admin, programId, { requestedCents: 200_000 });
    const res = await approve(id, team.manager, { amountCents: 150_000, note: 'Trim the catering' }).expect(200);
    expect(res.body).toMatchObject({ status: 'approved', requestedCents: 200_000, approvedCents: 150_000, decidedBy: team.manager.user.id });
    const after = await account(t, p.admin, programId, p.partner.id);
    expect(after.reservedCents - before.reservedCents).toBe(150_000);
    expect(before.availableCents - after.availableCents).toBe(150_000);
    // Decided once: a second approval is refused and reserves nothing more.
    await approve(id, team.otherManager).expect(409);
    expect((await account(t, p.admin, programId, p.partner.id)).reservedCents).toBe(after.reservedCents);
  });

  it('refuses an approval the balance cannot cover with 409 MDF_FUND_INSUFFICIENT and leaves the request waiting', async () => {
    const q = await fundedPartner(t);
    const program = await fundedProgram(t, team.admin, [{ tierId: q.tierId, amountCents: 50_000 }], [q.partner.id]);
    const { id } = await submitRequest(t, q.admin, program, { requestedCents: 80_000 });
    const res = await approve(id).expect(409);
    expect(res.body).toMatchObject({ code: 'MDF_FUND_INSUFFICIENT', details: { availableCents: 50_000, neededCents: 80_000 } });
    expect((await t.http().get(`/api/v1/mdf/requests/${id}`).set('authorization', q.admin.auth).expect(200)).body).toMatchObject({ status: 'submitted', approvedCents: null });
    // A partial approval within the balance goes through.
    await approve(id, team.manager, { amountCents: 50_000 }).expect(200);
    expect(await account(t, q.admin, program, q.partner.id)).toMatchObject({ reservedCents: 50_000, availableCents: 0 });
  });

  it('enforces maker-checker: a channel manager cannot approve what they submitted on a partner’s behalf', async () => {
    const concierge = await submitRequest(t, team.manager, programId, { partnerId: p.partner.id, requestedCents: 10_000 });
    expect(concierge.submittedBy).toBe(team.manager.user.id);
    const res = await approve(concierge.id).expect(403);
    expect(res.body).toMatchObject({ code: 'MDF_MAKER_CHECKER' });
    await t.http().post(`/api/v1/mdf/requests/${concierge.id}/reject`).set('authorization', team.manager.auth).send({ note: 'Not needed after all' }).expect(403);
    await approve(concierge.id, team.otherManager).expect(200);
    // The audit log shows the concierge submission on the partner's behalf, and who approved it.
    const audit = await t.http().get(`/api/v1/audit?entityType=mdf_request&entityId=${concierge.id}`).set('authorization', team.finance.auth).expect(200);
    const events = (audit.body as { items: { action: string; actorUserId: string; onBehalfOfPartnerId: string | null; before: unknown; after: { status: string } }[] }).items;
    expect(events.map((e) => [e.action, e.actorUserId, e.onBehalfOfPartnerId])).toEqual([
      ['mdf.request.submitted', team.manager.user.id, p.partner.id],
      ['mdf.request.approved', team.otherManager.user.id, p.partner.id],
    ]);
    expect(events[1]).toMatchObject({ before: { status: 'submitted' }, after: { status: 'approved', approvedCents: 10_000 } });
  });

  it('sends a request back for information; the partner changes and resubmits it; then it is approved', async () => {
    const { id } = await submitRequest(t, p.admin, programId, { requestedCents: 30_000 });
    await t.http().post(`/api/v1/mdf/requests/${id}/request-info`).set('authorization', team.manager.auth).send({ note: 'Which audience will you invite?' }).expect(200);
    await approve(id).expect(409);
    const changed = await t.http().patch(`/api/v1/mdf/requests/${id}`).set('authorization', p.admin.auth).send({ description: 'Webinar for 200 IT managers from our customer base', requestedCents: 25_000 }).expect(200);
    expect(changed.body).toMatchObject({ status: 'submitted', requestedCents: 25_000, description: 'Webinar for 200 IT managers from our customer base' });
    // Only a request waiting for information can be changed.
    await t.http().patch(`/api/v1/mdf/requests/${id}`).set('authorization', p.admin.auth).send({ requestedCents: 24_000 }).expect(409);
    await approve(id).expect(200);
  });

  it('rejects a request without touching the balance', async () => {
    const before = await account(t, p.admin, programId, p.partner.id);
    const { id } = await submitRequest(t, p.admin, programId, { requestedCents: 40_000 });
    await t.http().post(`/api/v1/mdf/requests/${id}/reject`).set('authorization', team.manager.auth).send({ note: 'Outside the program focus' }).expect(200);
    expect((await t.http().get(`/api/v1/mdf/requests/${id}`).set('authorization', p.user.auth).expect(200)).body).toMatchObject({ status: 'rejected', decisionNote: 'Outside the program focus' });
    expect(await account(t, p.admin, programId, p.partner.id)).toEqual(before);
  });

  it('names the bad field: an unknown activity type, requested above planned, or another partner’s launch', async () => {
    const base = { programId, activityType: 'webinar', description: 'A webinar', startsOn: '2026-11-10', endsOn: '2026-11-12', plannedCostCents: 1_000, requestedCents: 500 };
    const send = (body: object) => t.http().post('/api/v1/mdf/requests').set('authorization', p.admin.auth).send(body);
    expect((await send({ ...base, activityType: 'party' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'activityType' })] } });
    expect((await send({ ...base, requestedCents: 2_000 }).expect(422)).body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'requestedCents' })] } });
    expect((await send({ ...base, endsOn: '2026-11-01' }).expect(422)).body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'endsOn' })] } });
    expect((await send({ ...base, launchIds: [randomUUID()] }).expect(422)).body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'launchIds' })] } });
    expect((await send({ ...base, surprise: true }).expect(400)).body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'surprise' })] } });
  });
});
