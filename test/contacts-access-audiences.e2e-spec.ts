import { AudienceService, ContactEntity, ContactService, SuppressionEntity } from '@app/contacts';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

describe('contacts access and audiences', () => {
  let t: TestApp;
  let partnerA: PartnerEntity;
  let adminA: TestUser;
  let userB: TestUser;
  let vendor: TestUser;
  let importId: string;

  beforeAll(async () => {
    t = await startTestApp();
    partnerA = await makePartner(t);
    const partnerB = await makePartner(t);
    adminA = await makeUser(t, 'partner_admin', { partnerId: partnerA.id });
    userB = await makeUser(t, 'partner_user', { partnerId: partnerB.id });
    vendor = await makeUser(t, 'vendor_admin');
    const csv = [
      'email,company,country,consent',
      'g1@a.test,Acme Corp,DE,granted',
      'g2@a.test,acme gmbh,DE,granted',
      'g3@a.test,Acme Inc,US,granted',
      'p1@a.test,Acme Corp,DE,pending',
      'd1@a.test,Acme Corp,DE,denied',
      's1@a.test,Acme Corp,DE,granted',
      'o1@a.test,Other,DE,granted',
    ].join('\n');
    const res = await t.http().post('/api/v1/contacts/imports').set('Authorization', adminA.auth).attach('file', Buffer.from(csv), 'a.csv');
    expect(res.status).toBe(201);
    importId = res.body.id as string;
    await t.db.getRepository(SuppressionEntity).save({ partnerId: partnerA.id, emailNormalised: 's1@a.test', reason: 'unsubscribed' });
  });
  afterAll(() => t.close());

  it('refuses vendor users on every contacts and audiences route (403)', async () => {
    const contact = await t.db.getRepository(ContactEntity).findOneByOrFail({ partnerId: partnerA.id, emailNormalised: 'g1@a.test' });
    for (const path of ['/api/v1/contacts', `/api/v1/contacts/${contact.id}`, `/api/v1/contacts/imports/${importId}`, '/api/v1/audiences']) {
      const res = await t.http().get(path).set('Authorization', vendor.auth);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
    const upload = await t.http().post('/api/v1/contacts/imports').set('Authorization', vendor.auth).attach('file', Buffer.from('email\nv@x.test\n'), 'v.csv');
    expect(upload.status).toBe(403);
  });

  it("hides partner A's contacts, imports and audiences from partner B (404, empty list)", async () => {
    const contact = await t.db.getRepository(ContactEntity).findOneByOrFail({ partnerId: partnerA.id, emailNormalised: 'g1@a.test' });
    const audience = await t.http().post('/api/v1/audiences').set('Authorization', adminA.auth).send({ name: 'A only', filter: {} });
    expect(audience.status).toBe(201);
    for (const path of [`/api/v1/contacts/${contact.id}`, `/api/v1/contacts/imports/${importId}`, `/api/v1/audiences/${audience.body.id}`, `/api/v1/audiences/${audience.body.id}/contacts`]) {
      const res = await t.http().get(path).set('Authorization', userB.auth);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await t.http().patch(`/api/v1/contacts/${contact.id}`).set('Authorization', userB.auth).send({ firstName: 'X' })).status).toBe(404);
    expect((await t.http().delete(`/api/v1/contacts/${contact.id}`).set('Authorization', userB.auth)).status).toBe(404);
    expect((await t.http().delete(`/api/v1/audiences/${audience.body.id}`).set('Authorization', userB.auth)).status).toBe(404);
    const list = await t.http().get('/api/v1/contacts').set('Authorization', userB.auth);
    expect(list.body).toEqual({ items: [], nextCursor: null });
    const audiences = await t.http().get('/api/v1/audiences').set('Authorization', userB.auth);
    expect(audiences.body.items).toEqual([]);
  });

  it('lists, searches and paginates contacts', async () => {
    const emails: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get('/api/v1/contacts')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set('Authorization', adminA.auth);
      expect(res.status).toBe(200);
      emails.push(...(res.body.items as { email: string }[]).map((c) => c.email));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(emails).toEqual(['d1@a.test', 'g1@a.test', 'g2@a.test', 'g3@a.test', 'o1@a.test', 'p1@a.test', 's1@a.test']);
    const search = await t.http().get('/api/v1/contacts').query({ q: 'other' }).set('Authorization', adminA.auth);
    expect((search.body.items as { email: string }[]).map((c) => c.email)).toEqual(['o1@a.test']);
  });

  it('counts and lists only consented, non-suppressed contacts of an audience, keyset-paginated', async () => {
    const res = await t.http().post('/api/v1/audiences').set('Authorization', adminA.auth).send({ name: 'German Acme', filter: { countries: ['DE'], companyContains: 'acme' } });
    expect(res.status).toBe(201);
    // Matching: g1, g2, p1, d1, s1; sendable: g1, g2 (p1 pending, d1 denied, s1 suppressed).
    expect(res.body.counts).toEqual({ matching: 5, sendable: 2 });
    const page1 = await t.http().get(`/api/v1/audiences/${res.body.id}/contacts`).query({ limit: 1 }).set('Authorization', adminA.auth);
    const page2 = await t.http().get(`/api/v1/audiences/${res.body.id}/contacts`).query({ limit: 1, cursor: page1.body.nextCursor }).set('Authorization', adminA.auth);
    expect(page2.body.nextCursor).toBeNull();
    const emails = [...page1.body.items, ...page2.body.items].map((c: { email: string }) => c.email).sort();
    expect(emails).toEqual(['g1@a.test', 'g2@a.test']);

    // The service the campaigns code calls, with the same answer.
    const service = await t.get(AudienceService).sendableContacts(partnerA.id, res.body.id as string, { limit: 10 });
    expect(service.items.map((c) => c.email).sort()).toEqual(['g1@a.test', 'g2@a.test']);
  });

  it('validates audience filters, naming the field', async () => {
    const res = await t.http().post('/api/v1/audiences').set('Authorization', adminA.auth).send({ name: 'Bad', filter: { countries: ['Germany'], consentStatuses: ['yes'] } });
    expect(res.status).toBe(400);
    const fields = (res.body.details.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['filter.consentStatuses', 'filter.countries']);
  });

  it('upserts a lead into the partner contacts and returns its id', async () => {
    const contacts = t.get(ContactService);
    const id = await contacts.upsertFromLead(partnerA.id, { email: ' P1@A.test ', firstName: 'Pat', consent: 'granted' }, 'landing:test');
    const row = await t.db.getRepository(ContactEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({ emailNormalised: 'p1@a.test', firstName: 'Pat', consentStatus: 'granted', consentSource: 'landing:test', company: 'Acme Corp' });
    const fresh = await contacts.upsertFromLead(partnerA.id, { email: 'new@a.test', consent: 'pending' }, 'landing:test');
    expect(fresh).not.toBe(id);
  });

  it('updates and deletes a contact of the own partner', async () => {
    const contact = await t.db.getRepository(ContactEntity).findOneByOrFail({ partnerId: partnerA.id, emailNormalised: 'o1@a.test' });
    const patched = await t.http().patch(`/api/v1/contacts/${contact.id}`).set('Authorization', adminA.auth).send({ title: 'CEO', consentStatus: 'denied' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'CEO', consentStatus: 'denied' });
    const taken = await t.http().patch(`/api/v1/contacts/${contact.id}`).set('Authorization', adminA.auth).send({ email: 'G1@a.test' });
    expect(taken.status).toBe(409);
    expect((await t.http().delete(`/api/v1/contacts/${contact.id}`).set('Authorization', adminA.auth)).status).toBe(204);
    expect((await t.http().get(`/api/v1/contacts/${contact.id}`).set('Authorization', adminA.auth)).status).toBe(404);
  });
});
