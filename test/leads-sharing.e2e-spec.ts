import { addContact, FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startTestApp, TestApp, TestUser } from '@app/testing';

describe('leads: the vendor sees a contact only once the partner shares the lead', () => {
  let t: TestApp;
  let admin: TestUser;
  let channel: TestUser;
  let stranger: TestUser;
  let leadId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-10T10:00:00Z') });
    const marketer = await makeUser(t, 'vendor_marketer');
    channel = await makeUser(t, 'channel_manager');
    const tierId = (await makeTier(t)).id;
    const partner = await makePartner(t, { tierId, name: 'Northwind Systems' });
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    stranger = await makeUser(t, 'partner_admin', { partnerId: (await makePartner(t, { tierId })).id });
    const templateIds = await loadBrandAndTemplates(t, marketer);
    const kitId = await publishedKit(t, marketer, tierId, templateIds, 'leads-kit');
    const launch = (await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({}).expect(201)).body as { id: string };
    const contactId = await addContact(t, partner.id, 'ana@customer.example', { firstName: 'Ana', company: 'Customer Inc' });
    const rows = await t.db.query<{ id: string }[]>(
      `INSERT INTO leads (partner_id, launch_id, contact_id, consent, source, created_at) VALUES ($1, $2, $3, 'granted', 'landing_page', $4) RETURNING id`,
      [partner.id, launch.id, contactId, t.clock.now()],
    );
    leadId = rows[0]!.id;
  });
  afterAll(() => t.close());

  it('shows the partner its lead with the contact, and the vendor the lead without it', async () => {
    const mine = await t.http().get('/api/v1/leads').set('authorization', admin.auth).expect(200);
    expect(mine.body).toMatchObject({ items: [{ id: leadId, kitName: 'Kit leads-kit', status: 'new', contact: { email: 'ana@customer.example', firstName: 'Ana', company: 'Customer Inc' } }] });
    const vendor = await t.http().get(`/api/v1/leads/${leadId}`).set('authorization', channel.auth).expect(200);
    expect(vendor.body).toMatchObject({ id: leadId, partnerName: 'Northwind Systems', contact: null, sharedWithVendorAt: null });
    expect(JSON.stringify(vendor.body)).not.toContain('ana@customer.example');
    await t.http().get('/api/v1/contacts').set('authorization', channel.auth).expect(403);
  });

  it('another partner can neither see nor share it', async () => {
    await t.http().get(`/api/v1/leads/${leadId}`).set('authorization', stranger.auth).expect(404);
    await t.http().post(`/api/v1/leads/${leadId}/share`).set('authorization', stranger.auth).expect(404);
    expect((await t.http().get('/api/v1/leads').set('authorization', stranger.auth).expect(200)).body).toMatchObject({ items: [] });
    await t.http().post(`/api/v1/leads/${leadId}/share`).set('authorization', channel.auth).expect(403);
  });

  it('once shared, the vendor sees the contact, and the share is in the audit log', async () => {
    const shared = await t.http().post(`/api/v1/leads/${leadId}/share`).set('authorization', admin.auth).expect(200);
    expect(shared.body).toMatchObject({ sharedWithVendorAt: '2026-11-10T10:00:00.000Z' });
    const vendor = await t.http().get('/api/v1/leads?shared=true').set('authorization', channel.auth).expect(200);
    expect(vendor.body).toMatchObject({ items: [{ id: leadId, contact: { email: 'ana@customer.example' } }] });
    const audit = await t.db.query<{ action: string }[]>(`SELECT action FROM audit_events WHERE entity_id = $1`, [leadId]);
    expect(audit.map((a) => a.action)).toContain('lead.shared');
  });
});
