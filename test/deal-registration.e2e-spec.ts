import type { Response } from 'supertest';
import { DealMetrics, DealService } from '@app/deals';
import { auditOf, DealWorld, dealWorld, register, signInAgain } from './deal-world';

const DAY = 86_400_000;

describe('deal registration: submit, approve and protect, expire, reject, close', () => {
  let w: DealWorld;
  beforeAll(async () => (w = await dealWorld('2026-11-02T09:00:00Z')));
  afterAll(() => w.t.close());

  it('registers a partner deal with a normalised domain, at the clock time, partner-sourced and audited', async () => {
    const deal = await register(w.t, w.partnerA.user, {
      contactName: 'Hank Scorpio',
      contactEmail: 'Hank@Globex.example',
      products: ['Backup 5', 'Backup 5'],
      expectedCloseDate: '2027-01-31',
      notes: 'Replacing tape',
    });
    expect(deal).toMatchObject({
      partnerId: w.partnerA.id,
      partnerName: 'Northwind Systems',
      registrationMode: 'partner',
      registeredBy: w.partnerA.user.user.id,
      customerCompany: 'Globex Corporation',
      customerDomain: 'globex.example',
      contactEmail: 'hank@globex.example',
      products: ['Backup 5'],
      amountCents: 2_500_000,
      currency: 'EUR',
      expectedCloseDate: '2027-01-31',
      status: 'submitted',
      conflictFlagged: false,
      protectedUntil: null,
      createdAt: '2026-11-02T09:00:00.000Z',
      influence: [],
    });
    expect(deal).not.toHaveProperty('conflicts');
    const got = await w.t.http().get(`/api/v1/deals/${deal.id}`).set('authorization', w.partnerA.admin.auth).expect(200);
    expect(got.body.id).toBe(deal.id);
    expect(await auditOf(w.t, deal.id)).toEqual([
      expect.objectContaining({ action: 'deal.registered', actor_user_id: w.partnerA.user.user.id, on_behalf_of_partner_id: null, after: expect.objectContaining({ status: 'submitted', customerDomain: 'globex.example' }) }),
    ]);
  });

  it('refuses bad input with 400 naming each bad field, and registers nothing', async () => {
    const before = await w.t.db.query(`SELECT count(*)::int AS n FROM deals`);
    const res = await w.t
      .http()
      .post('/api/v1/deals')
      .set('authorization', w.partnerA.admin.auth)
      .send({ customerCompany: '', customerDomain: 'acme.example', amountCents: 10.5, currency: 'eur', contactEmail: 'nope', expectedCloseDate: '31/01/2027', rogue: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((res.body.details.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['amountCents', 'contactEmail', 'currency', 'customerCompany', 'expectedCloseDate', 'rogue']);

    const badDomain = await w.t.http().post('/api/v1/deals').set('authorization', w.partnerA.admin.auth).send({ customerCompany: 'Acme', customerDomain: 'not a domain', amountCents: 1, currency: 'USD' });
    expect(badDomain.status).toBe(400);
    expect(badDomain.body.details.fields).toEqual([{ field: 'customerDomain', problems: ['must be a domain such as acme.example'] }]);

    const missing = await w.t.http().post('/api/v1/deals').set('authorization', w.partnerA.admin.auth).send({});
    expect((missing.body.details.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['amountCents', 'currency', 'customerCompany', 'customerDomain']);

    const negative = await w.t.http().post('/api/v1/deals').set('authorization', w.partnerA.admin.auth).send({ customerCompany: 'Acme', customerDomain: 'acme.example', amountCents: -1, currency: 'USD' });
    expect(negative.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['amountCents']);
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM deals`)).toEqual(before);
  });

  it('lets a channel manager register for a partner (concierge), recorded on the partner’s behalf', async () => {
    const noPartner = await w.t.http().post('/api/v1/deals').set('authorization', w.manager.auth).send({ customerCompany: 'Acme', customerDomain: 'acme.example', amountCents: 1, currency: 'USD' });
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.details.fields[0].field).toBe('partnerId');

    const deal = await register(w.t, w.manager, { partnerId: w.partnerB.id, customerCompany: 'Acme', customerDomain: 'acme.example' });
    expect(deal).toMatchObject({ partnerId: w.partnerB.id, registrationMode: 'concierge', registeredBy: w.manager.user.id });
    expect(await auditOf(w.t, deal.id)).toEqual([expect.objectContaining({ action: 'deal.registered', actor_user_id: w.manager.user.id, on_behalf_of_partner_id: w.partnerB.id })]);
    // Partner B sees it as its own deal.
    await w.t.http().get(`/api/v1/deals/${deal.id}`).set('authorization', w.partnerB.user.auth).expect(200);
  });

  it('approves with a 90-day protection that the sweep expires, unless extended', async () => {
    const plain = await register(w.t, w.partnerA.admin, { customerCompany: 'Hooli', customerDomain: 'hooli.example' });
    const extended = await register(w.t, w.partnerA.admin, { customerCompany: 'Pied Piper', customerDomain: 'piedpiper.example' });
    const short = await register(w.t, w.partnerB.admin, { customerCompany: 'Aviato', customerDomain: 'aviato.example' });

    const approved = await w.t.http().post(`/api/v1/deals/${plain.id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedAt: '2026-11-02T09:00:00.000Z', protectedUntil: '2027-01-31T09:00:00.000Z' });
    await w.t.http().post(`/api/v1/deals/${extended.id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);
    const custom = await w.t.http().post(`/api/v1/deals/${short.id}/approve`).set('authorization', w.manager.auth).send({ protectionDays: 30 }).expect(200);
    expect(custom.body.protectedUntil).toBe('2026-12-02T09:00:00.000Z');
    const twice = await w.t.http().post(`/api/v1/deals/${plain.id}/approve`).set('authorization', w.manager.auth).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('DEAL_STATUS');
    const tooLong = await w.t.http().post(`/api/v1/deals/${short.id}/extend`).set('authorization', w.manager.auth).send({ days: 366 });
    expect(tooLong.body.details.fields[0].field).toBe('days');

    const ext = await w.t.http().post(`/api/v1/deals/${extended.id}/extend`).set('authorization', w.manager.auth).send({ days: 30 }).expect(200);
    expect(ext.body).toMatchObject({ status: 'approved', protectedUntil: '2027-03-02T09:00:00.000Z' });

    const sweep = () => w.t.get(DealService).expireDue();
    const statusOf = async (id: string) => (await w.t.db.query(`SELECT status FROM deals WHERE id = $1`, [id]))[0].status as string;
    w.t.clock.advance(30 * DAY - 60_000);
    expect(await sweep()).toBe(0);
    w.t.clock.advance(60_000);
    expect(await sweep()).toBe(1);
    expect(await statusOf(short.id)).toBe('expired');
    w.t.clock.set('2027-01-31T09:00:00Z');
    expect(await sweep()).toBe(1);
    expect([await statusOf(plain.id), await statusOf(extended.id)]).toEqual(['expired', 'approved']);
    w.t.clock.set('2027-03-02T09:00:00Z');
    expect(await sweep()).toBe(1);
    expect(await statusOf(extended.id)).toBe('expired');

    await signInAgain(w.t, w.partnerA.admin, w.manager);
    const seen = await w.t.http().get(`/api/v1/deals/${plain.id}`).set('authorization', w.partnerA.admin.auth).expect(200);
    expect(seen.body).toMatchObject({ status: 'expired', protectedUntil: '2027-01-31T09:00:00.000Z' });
    expect((await auditOf(w.t, extended.id)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ['deal.registered', w.partnerA.admin.user.id],
      ['deal.approved', w.manager.user.id],
      ['deal.extended', w.manager.user.id],
      ['deal.expired', null],
    ]);
    // An expired registration cannot be extended any more.
    expect((await w.t.http().post(`/api/v1/deals/${plain.id}/extend`).set('authorization', w.manager.auth).send({})).status).toBe(409);
  });

  it('rejects with a reason the partner sees; a reason is required', async () => {
    await signInAgain(w.t, w.partnerA.admin, w.manager);
    const deal = await register(w.t, w.partnerA.admin, { customerCompany: 'Vandelay Industries', customerDomain: 'vandelay.example' });
    const noReason = await w.t.http().post(`/api/v1/deals/${deal.id}/reject`).set('authorization', w.manager.auth).send({ reason: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    await w.t.http().post(`/api/v1/deals/${deal.id}/reject`).set('authorization', w.manager.auth).send({ reason: 'Existing direct customer' }).expect(200);
    const seen = await w.t.http().get(`/api/v1/deals/${deal.id}`).set('authorization', w.partnerA.admin.auth).expect(200);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectionReason: 'Existing direct customer', protectedUntil: null });
    expect((await w.t.http().post(`/api/v1/deals/${deal.id}/won`).set('authorization', w.partnerA.admin.auth).send({ finalAmountCents: 1 })).status).toBe(409);
    expect((await auditOf(w.t, deal.id)).map((a) => a.action)).toEqual(['deal.registered', 'deal.rejected']);
    expect((await auditOf(w.t, deal.id))[1]!.after).toMatchObject({ status: 'rejected', rejectionReason: 'Existing direct customer' });
  });

  it('closes won with the final amount or lost; won revenue counts per currency in the period', async () => {
    await signInAgain(w.t, w.partnerA.admin, w.partnerA.user, w.manager);
    const now = w.t.clock.now();
    const big = await register(w.t, w.partnerA.admin, { customerCompany: 'Initrode', customerDomain: 'initrode.example', amountCents: 500_000, currency: 'USD' });
    const small = await register(w.t, w.partnerA.user, { customerCompany: 'Soylent', customerDomain: 'soylent.example', amountCents: 100_000, currency: 'USD' });
    const lost = await register(w.t, w.partnerA.user, { customerCompany: 'Cyberdyne', customerDomain: 'cyberdyne.example' });
    await w.t.http().post(`/api/v1/deals/${big.id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);

    const missingAmount = await w.t.http().post(`/api/v1/deals/${big.id}/won`).set('authorization', w.partnerA.admin.auth).send({});
    expect(missingAmount.body.details.fields[0].field).toBe('finalAmountCents');
    const won = await w.t.http().post(`/api/v1/deals/${big.id}/won`).set('authorization', w.partnerA.admin.auth).send({ finalAmountCents: 480_000 }).expect(200);
    expect(won.body).toMatchObject({ status: 'won', finalAmountCents: 480_000, closedAt: now.toISOString() });
    // A channel manager may record the close for the partner.
    await w.t.http().post(`/api/v1/deals/${small.id}/won`).set('authorization', w.manager.auth).send({ finalAmountCents: 120_000 }).expect(200);
    const closedLost = await w.t.http().post(`/api/v1/deals/${lost.id}/lost`).set('authorization', w.partnerA.user.auth).expect(200);
    expect(closedLost.body).toMatchObject({ status: 'lost', closedAt: now.toISOString(), finalAmountCents: null });
    expect((await w.t.http().post(`/api/v1/deals/${lost.id}/won`).set('authorization', w.partnerA.user.auth).send({ finalAmountCents: 5 })).status).toBe(409);

    expect((await auditOf(w.t, small.id)).map((a) => [a.action, a.on_behalf_of_partner_id])).toEqual([
      ['deal.registered', null],
      ['deal.won', w.partnerA.id],
    ]);
    expect(await w.t.get(DealMetrics).wonRevenue(w.partnerA.id, new Date(now.getTime() - DAY), new Date(now.getTime() + DAY))).toEqual([{ currency: 'USD', amountCents: 600_000, deals: 2 }]);
    expect(await w.t.get(DealMetrics).wonRevenue(w.partnerA.id, new Date(now.getTime() + 1), new Date(now.getTime() + DAY))).toEqual([]);
    expect(await w.t.get(DealMetrics).wonRevenue(w.partnerB.id, new Date(now.getTime() - DAY), new Date(now.getTime() + DAY))).toEqual([]);

    // What the MDF lib uses: only the partner's own deals, registered from a date.
    const found = await w.t.get(DealService).findForPartner(w.partnerA.id, [big.id, small.id, lost.id]);
    expect(found.map((d) => d.id).sort()).toEqual([big.id, small.id, lost.id].sort());
    expect(await w.t.get(DealService).findForPartner(w.partnerB.id, [big.id])).toEqual([]);
    expect(await w.t.get(DealService).findForPartner(w.partnerA.id, [big.id], new Date(now.getTime() + 1))).toEqual([]);
  });

  it('lists a partner’s own deals newest first, paginated; vendors filter by partner', async () => {
    await signInAgain(w.t, w.partnerB.admin, w.finance);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await w.t.http().get('/api/v1/deals').query({ limit: 1, ...(cursor ? { cursor } : {}) }).set('authorization', w.partnerB.admin.auth).expect(200);
      ids.push(...res.body.items.map((d: { id: string; partnerId: string }) => (expect(d.partnerId).toBe(w.partnerB.id), d.id)));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(2);
    const vendor = await w.t.http().get('/api/v1/deals').query({ partnerId: w.partnerB.id, limit: 100 }).set('authorization', w.finance.auth).expect(200);
    expect(vendor.body.items.map((d: { id: string }) => d.id)).toEqual(ids);
    const won = await w.t.http().get('/api/v1/deals').query({ status: 'won', limit: 100 }).set('authorization', w.finance.auth).expect(200);
    expect(won.body.items).toHaveLength(2);
  });
});
