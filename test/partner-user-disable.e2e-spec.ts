import { randomBytes } from 'node:crypto';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

describe('disabling a partner user', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let other: PartnerEntity;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    partner = await makePartner(t, { name: `Northwind IT ${randomBytes(2).toString('hex')}` });
    other = await makePartner(t, { name: `BluePeak ${randomBytes(2).toString('hex')}` });
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  const disable = (partnerId: string, userId: string, by: TestUser) => t.http().post(`/api/v1/partners/${partnerId}/users/${userId}/disable`).set('Authorization', by.auth);

  it('signs the user out at once, refuses its logins and records who did it', async () => {
    const colleague = await makeUser(t, 'partner_user', { partnerId: partner.id });
    await t.http().get('/api/v1/auth/me').set('Authorization', colleague.auth).expect(200);

    const res = await disable(partner.id, colleague.user.id, admin).expect(200);
    expect(res.body).toMatchObject({ id: colleague.user.id, status: 'disabled' });

    await t.http().get('/api/v1/auth/me').set('Authorization', colleague.auth).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: colleague.user.email, password: colleague.password }).expect(401);
    const list = await t.http().get(`/api/v1/partners/${partner.id}/users`).set('Authorization', admin.auth).query({ limit: 100 }).expect(200);
    expect((list.body as { items: { id: string; status: string }[] }).items.find((u) => u.id === colleague.user.id)?.status).toBe('disabled');

    const vendorAdmin = await makeUser(t, 'vendor_admin');
    const audit = await t.http().get('/api/v1/audit').set('Authorization', vendorAdmin.auth).query({ entityType: 'user', entityId: colleague.user.id }).expect(200);
    expect((audit.body as { items: { action: string; actorUserId: string }[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'user.disabled', actorUserId: admin.user.id })]),
    );
    // Again is a no-op, not an error.
    await disable(partner.id, colleague.user.id, admin).expect(200);
  });

  it('refuses the own account, other partners’ users and partner users without admin rights', async () => {
    expect((await disable(partner.id, admin.user.id, admin).expect(409)).body).toMatchObject({ code: 'USER_CANNOT_DISABLE_SELF' });

    const stranger = await makeUser(t, 'partner_user', { partnerId: other.id });
    await disable(other.id, stranger.user.id, admin).expect(404);
    // Another partner's user through one's own partner id is not found either.
    await disable(partner.id, stranger.user.id, admin).expect(404);
    await t.http().get('/api/v1/auth/me').set('Authorization', stranger.auth).expect(200);

    const reader = await makeUser(t, 'partner_user', { partnerId: partner.id });
    const target = await makeUser(t, 'partner_user', { partnerId: partner.id });
    await disable(partner.id, target.user.id, reader).expect(403);
  });
});
