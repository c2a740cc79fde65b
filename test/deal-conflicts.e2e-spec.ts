import { DealWorld, dealWorld, register, signInAgain } from './deal-world';

interface ConflictJson {
  matchedOn: string;
  similarity: number;
  deal: { id: string } | null;
  vendorOpportunity: { id: string } | null;
}
interface DetailJson {
  conflictFlagged: boolean;
  conflicts: ConflictJson[];
}
interface QueueJson {
  items: { deal: { id: string }; conflicts: ConflictJson[] }[];
}

describe('deal conflicts: same customer registered twice, or already the vendor’s', () => {
  let w: DealWorld;
  beforeAll(async () => (w = await dealWorld()));
  afterAll(() => w.t.close());

  const detail = async (id: string, auth: string) => (await w.t.http().get(`/api/v1/deals/${id}`).set('authorization', auth).expect(200)).body as DetailJson;
  const queue = async () => (await w.t.http().get('/api/v1/deals/conflicts').query({ limit: 100 }).set('authorization', w.manager.auth).expect(200)).body as QueueJson;

  it('flags the second partner’s registration of the same domain; the channel manager sees both side by side', async () => {
    const first = await register(w.t, w.partnerA.admin, { customerCompany: 'Globex Corporation', customerDomain: 'globex.example' });
    const second = await register(w.t, w.partnerB.admin, { customerCompany: 'Globex', customerDomain: 'https://WWW.globex.example/about' });
    expect(first.conflictFlagged).toBe(false);
    expect(second.conflictFlagged).toBe(true);

    // The partner learns a conflict was flagged, never whose.
    const partnerView = await detail(second.id, w.partnerB.admin.auth);
    expect(partnerView.conflictFlagged).toBe(true);
    expect(partnerView).not.toHaveProperty('conflicts');
    expect(JSON.stringify(partnerView)).not.toContain(w.partnerA.id);
    expect((await w.t.http().get(`/api/v1/deals/${first.id}`).set('authorization', w.partnerB.admin.auth)).status).toBe(404);

    const q = await queue();
    expect(q.items).toEqual([
      {
        deal: expect.objectContaining({ id: second.id, partnerId: w.partnerB.id, customerDomain: 'globex.example' }),
        conflicts: [expect.objectContaining({ matchedOn: 'domain', similarity: 1, vendorOpportunity: null, deal: expect.objectContaining({ id: first.id, partnerId: w.partnerA.id, partnerName: 'Northwind Systems' }) })],
      },
    ]);
    // Either deal's detail shows the other to the channel manager.
    const firstDetail = await detail(first.id, w.manager.auth);
    expect(firstDetail.conflicts).toEqual([expect.objectContaining({ matchedOn: 'domain', deal: expect.objectContaining({ id: second.id }) })]);

    // Deciding the flagged registration takes it off the queue.
    await w.t.http().post(`/api/v1/deals/${second.id}/reject`).set('authorization', w.manager.auth).send({ reason: 'Northwind registered Globex first' }).expect(200);
    expect((await queue()).items).toEqual([]);
  });

  it('flags a fuzzy company-name match on another domain, but not a different company sharing a word', async () => {
    await register(w.t, w.partnerA.admin, { customerCompany: 'Initech Systems LLC', customerDomain: 'initech.example' });
    const fuzzy = await register(w.t, w.partnerB.user, { customerCompany: 'INITECH System, Inc.', customerDomain: 'initech-systems.example' });
    const unrelated = await register(w.t, w.partnerB.user, { customerCompany: 'Blue Sky Systems', customerDomain: 'bluesky.example' });
    expect([fuzzy.conflictFlagged, unrelated.conflictFlagged]).toEqual([true, false]);
    const conflicts = (await detail(fuzzy.id, w.manager.auth)).conflicts;
    expect(conflicts).toEqual([expect.objectContaining({ matchedOn: 'company_name', deal: expect.objectContaining({ customerCompany: 'Initech Systems LLC' }) })]);
    expect(conflicts[0]!.similarity).toBeGreaterThanOrEqual(0.6);
    expect(conflicts[0]!.similarity).toBeLessThan(1);
  });

  it('flags an open vendor opportunity, and stops once the vendor closes it', async () => {
    const opp = await w.t
      .http()
      .post('/api/v1/deals/vendor-opportunities')
      .set('authorization', w.manager.auth)
      .send({ customerCompany: 'Umbrella Corp', customerDomain: 'umbrella.example', externalId: 'SF-0061', ownerName: 'Direct team', amountCents: 900_000, currency: 'USD' })
      .expect(201);
    const deal = await register(w.t, w.partnerA.user, { customerCompany: 'Umbrella', customerDomain: 'umbrella.example' });
    expect(deal.conflictFlagged).toBe(true);
    const item = (await queue()).items.find((i) => i.deal.id === deal.id)!;
    expect(item.conflicts).toEqual([expect.objectContaining({ matchedOn: 'domain', deal: null, vendorOpportunity: expect.objectContaining({ id: opp.body.id, externalId: 'SF-0061', ownerName: 'Direct team' }) })]);

    const dup = await w.t.http().post('/api/v1/deals/vendor-opportunities').set('authorization', w.manager.auth).send({ customerCompany: 'X', customerDomain: 'x.example', externalId: 'SF-0061' });
    expect(dup.status).toBe(409);
    await w.t.http().post(`/api/v1/deals/vendor-opportunities/${opp.body.id}/close`).set('authorization', w.manager.auth).expect(200);
    const later = await register(w.t, w.partnerB.user, { customerCompany: 'Umbrella Holdings', customerDomain: 'umbrella-holdings.example' });
    // Partner A's submitted registration of Umbrella still holds the name.
    expect(later.conflictFlagged).toBe(true);
    const afterClose = (await detail(later.id, w.manager.auth)).conflicts;
    expect(afterClose.map((c) => [c.vendorOpportunity, c.deal?.id])).toEqual([[null, deal.id]]);
  });

  it('does not flag the same partner again, nor registrations that no longer hold the customer', async () => {
    const mine = await register(w.t, w.partnerA.admin, { customerCompany: 'Stark Industries', customerDomain: 'stark.example' });
    const again = await register(w.t, w.partnerA.user, { customerCompany: 'Stark Industries', customerDomain: 'stark.example' });
    expect(again.conflictFlagged).toBe(false);
    await w.t.http().post(`/api/v1/deals/${mine.id}/reject`).set('authorization', w.manager.auth).send({ reason: 'duplicate' }).expect(200);
    await w.t.http().post(`/api/v1/deals/${again.id}/lost`).set('authorization', w.partnerA.user.auth).expect(200);
    const other = await register(w.t, w.partnerB.admin, { customerCompany: 'Stark Industries', customerDomain: 'stark.example' });
    expect(other.conflictFlagged).toBe(false);

    // An approved deal protects the customer until protected_until, then no longer.
    const wayne = await register(w.t, w.partnerA.admin, { customerCompany: 'Wayne Enterprises', customerDomain: 'wayne.example' });
    await w.t.http().post(`/api/v1/deals/${wayne.id}/approve`).set('authorization', w.manager.auth).send({ protectionDays: 1 }).expect(200);
    expect((await register(w.t, w.partnerB.admin, { customerCompany: 'Wayne', customerDomain: 'wayne.example' })).conflictFlagged).toBe(true);
    w.t.clock.advance(86_400_000);
    await signInAgain(w.t, w.partnerB.admin);
    expect((await register(w.t, w.partnerB.admin, { customerCompany: 'Wayne', customerDomain: 'wayne.example' })).conflictFlagged).toBe(false);
  });
});
