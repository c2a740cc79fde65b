import { randomBytes } from 'node:crypto';
import { CaughtMail, SystemStateService, UserEntity } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

const INVITE_TTL_HOURS = 2;
const HOUR = 3_600_000;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

interface UserBody {
  id: string;
  email: string;
  name: string;
  role: string;
  partnerId: string | null;
  status: string;
}

const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.test`;
const strongPassword = () => `correct horse ${randomBytes(4).toString('hex')}`;

describe('inviting users', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { INVITE_TTL_HOURS: String(INVITE_TTL_HOURS) } });
    partner = await makePartner(t, { name: `Northwind IT ${randomBytes(2).toString('hex')}` });
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  const invitePartnerUser = (partnerId: string, by: TestUser, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/partners/${partnerId}/users`).set('Authorization', by.auth).send(body);

  const mailTo = (email: string) => t.mail.waitFor((m) => m.to.includes(email));

  function inviteLink(mail: CaughtMail): { link: string; path: string; token: string } {
    const match = /(https?:\/\/[^\s"<>]+)(\/invite\/(ck_inv_[\w-]+))/.exec(mail.text);
    if (!match) throw new Error(`no invite link in: ${mail.text}`);
    const [, origin, path, token] = match as unknown as [string, string, string, string];
    return { link: `${origin}${path}`, path, token };
  }

  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  /** Invites a fresh partner user of `partner` and returns its email and invite token. */
  async function invited(name = 'Invitee'): Promise<{ email: string; token: string; path: string }> {
    const email = uniqueEmail('invitee');
    await invitePartnerUser(partner.id, admin, { email, name, role: 'partner_user' }).expect(201);
    return { email, ...inviteLink(await mailTo(email)) };
  }

  it('takes an invited partner user from the email link through the form to a working login', async () => {
    const email = uniqueEmail('jane');
    const res = await invitePartnerUser(partner.id, admin, { email, name: 'Jane Doe', role: 'partner_user' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, name: 'Jane Doe', role: 'partner_user', partnerId: partner.id, status: 'invited' });
    const invitedAt = t.clock.now();

    const mail = await mailTo(email);
    expect(mail.subject).toContain(partner.name);
    expect(mail.text).toContain(partner.name);
    expect(mail.text).toContain(admin.user.name);
    expect(mail.html).toContain(partner.name);
    const { link, path, token } = inviteLink(mail);
    expect(link).toBe(`${t.config.publicUrl}/invite/${token}`);
    expect(mail.html).toContain(`href="${link}"`);
    // The expiry the email announces is INVITE_TTL_HOURS from now on the app's clock.
    expect(mail.text).toContain(new Date(invitedAt.getTime() + INVITE_TTL_HOURS * HOUR).toISOString());

    // Not usable before the invitation is accepted.
    expect((await login(email, 'any password at all')).status).toBe(401);

    const form = await t.http().get(path).expect(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.text).toContain(`<form method="post" action="${path}">`);
    expect(form.text).toMatch(/<input type="password" name="password"/);

    const password = strongPassword();
    const done = await t.http().post(path).type('form').send({ password }).expect(200);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.text).toContain('You are all set');
    expect(done.text).toContain(email);

    const session = await login(email, password).expect(200);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${(session.body as { token: string }).token}`)
      .expect(200);
    expect(me.body).toMatchObject({ email, role: 'partner_user', partnerId: partner.id, status: 'active' });

    // The link works once: the JSON route answers 410, the form shows a failure page, the password stays.
    const again = await t.http().post('/api/v1/auth/invites/accept').send({ token, password: strongPassword() });
    expect({ status: again.status, code: (again.body as ErrorBody).code }).toEqual({ status: 410, code: 'INVITE_INVALID' });
    const hijack = strongPassword();
    const page = await t.http().post(path).type('form').send({ password: hijack });
    expect(page.status).toBe(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('That did not work');
    expect(page.text).not.toContain('You are all set');
    expect((await login(email, hijack)).status).toBe(401);
    await login(email, password).expect(200);
  });

  it('accepts through the JSON route too, returning a session for the new user', async () => {
    const { email, token } = await invited();
    const password = strongPassword();
    const res = await t.http().post('/api/v1/auth/invites/accept').send({ token, password }).expect(200);
    const body = res.body as { token: string; user: UserBody };
    expect(body.user).toMatchObject({ email, role: 'partner_user', partnerId: partner.id, status: 'active' });
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${body.token}`).expect(200);
  });

  it('lets exactly one of two simultaneous acceptances of the same link through', async () => {
    const { token } = await invited();
    const accept = () => t.http().post('/api/v1/auth/invites/accept').send({ token, password: strongPassword() });
    const statuses = (await Promise.all([accept(), accept()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
  });

  it('refuses a short password (400 naming password) and leaves the invite usable', async () => {
    const { email, token, path } = await invited();
    const res = await t.http().post('/api/v1/auth/invites/accept').send({ token, password: 'short' });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['password']);

    const page = await t.http().post(path).type('form').send({ password: 'short' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('That did not work');
    expect(page.text).toContain('at least 10 characters');

    const password = strongPassword();
    await t.http().post('/api/v1/auth/invites/accept').send({ token, password }).expect(200);
    await login(email, password).expect(200);
  });

  it('refuses an unknown token', async () => {
    const res = await t.http().post('/api/v1/auth/invites/accept').send({ token: `ck_inv_${randomBytes(32).toString('base64url')}`, password: strongPassword() });
    expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 410, code: 'INVITE_INVALID' });
  });

  it('refuses to invite an email that already has an account, whatever its case: 409 EMAIL_TAKEN', async () => {
    for (const email of [admin.user.email, admin.user.email.toUpperCase()]) {
      const res = await invitePartnerUser(partner.id, admin, { email, name: 'Again', role: 'partner_user' });
      expect({ email, status: res.status, code: (res.body as ErrorBody).code }).toEqual({ email, status: 409, code: 'EMAIL_TAKEN' });
    }
    // A pending invitation holds the email too.
    const { email } = await invited();
    const res = await invitePartnerUser(partner.id, admin, { email, name: 'Twice', role: 'partner_user' });
    expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 409, code: 'EMAIL_TAKEN' });
  });

  it('keeps a partner admin inside its own partner and its own roles', async () => {
    const other = await makePartner(t);
    const email = uniqueEmail('intruder');
    const res = await invitePartnerUser(other.id, admin, { email, name: 'Intruder', role: 'partner_user' });
    expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 404, code: 'NOT_FOUND' });

    const escalate = await invitePartnerUser(partner.id, admin, { email, name: 'Boss', role: 'vendor_admin' });
    expect(escalate.status).toBe(400);
    expect((escalate.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['role']);

    const vendorInvite = await t.http().post('/api/v1/users').set('Authorization', admin.auth).send({ email, name: 'Boss', role: 'vendor_admin' });
    expect(vendorInvite.status).toBe(403);

    const member = await makeUser(t, 'partner_user', { partnerId: partner.id });
    const byMember = await invitePartnerUser(partner.id, member, { email, name: 'Friend', role: 'partner_user' });
    expect(byMember.status).toBe(403);

    expect(await t.db.getRepository(UserEntity).countBy({ email })).toBe(0);
  });

  it('lets vendor_admin invite a vendor user, whose email names the vendor and whose link works', async () => {
    await t.get(SystemStateService).set('vendor', { name: 'Acme Devices' });
    const vendorAdmin = await makeUser(t, 'vendor_admin');
    const email = uniqueEmail('marketer');
    const res = await t.http().post('/api/v1/users').set('Authorization', vendorAdmin.auth).send({ email, name: 'Mark Eter', role: 'vendor_marketer' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'vendor_marketer', partnerId: null, status: 'invited' });

    const mail = await mailTo(email);
    expect(mail.subject).toContain('Acme Devices');
    expect(mail.text).toContain(vendorAdmin.user.name);
    expect(mail.html).toContain('Acme Devices');
    const { token } = inviteLink(mail);

    const password = strongPassword();
    await t.http().post('/api/v1/auth/invites/accept').send({ token, password }).expect(200);
    const session = await login(email, password).expect(200);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${(session.body as { token: string }).token}`)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'vendor_marketer', partnerId: null });
  });

  it("escapes HTML in the inviter's, the invitee's and the partner's names in the email and on the page", async () => {
    const evilPartner = await makePartner(t, { name: '<i>Evil</i> & Sons' });
    const inviter = await makeUser(t, 'partner_admin', { partnerId: evilPartner.id });
    await t.db.getRepository(UserEntity).update({ id: inviter.user.id }, { name: '<b>Mallory</b> "the boss"' });
    const email = uniqueEmail('victim');
    const inviteeName = '<img src=x onerror=alert(1)>';
    await invitePartnerUser(evilPartner.id, inviter, { email, name: inviteeName, role: 'partner_user' }).expect(201);

    const mail = await mailTo(email);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>Mallory');
    expect(mail.html).not.toContain('<i>Evil');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &quot;the boss&quot;');
    expect(mail.html).toContain('&lt;i&gt;Evil&lt;/i&gt; &amp; Sons');
    // The plain-text part carries the names as typed.
    expect(mail.text).toContain(inviteeName);

    const { path } = inviteLink(mail);
    const page = await t.http().post(path).type('form').send({ password: strongPassword() }).expect(200);
    expect(page.text).toContain('You are all set');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  describe('expiry', () => {
    let start: Date;
    beforeEach(() => (start = t.clock.now()));
    afterEach(() => t.clock.set(start));

    it(`honours the invite until INVITE_TTL_HOURS (${INVITE_TTL_HOURS} h) and refuses it after`, async () => {
      const inTime = await invited();
      const late = await invited();

      t.clock.advance(INVITE_TTL_HOURS * HOUR - 60_000);
      const password = strongPassword();
      await t.http().post('/api/v1/auth/invites/accept').send({ token: inTime.token, password }).expect(200);

      t.clock.advance(2 * 60_000);
      const res = await t.http().post('/api/v1/auth/invites/accept').send({ token: late.token, password: strongPassword() });
      expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 410, code: 'INVITE_INVALID' });
      const page = await t.http().post(late.path).type('form').send({ password: strongPassword() });
      expect(page.status).toBe(410);
      expect(page.text).toContain('That did not work');
      expect(page.text).toContain('expired');

      const user = await t.db.getRepository(UserEntity).findOneByOrFail({ email: late.email });
      expect(user.status).toBe('invited');
      await login(inTime.email, password).expect(200);
    });
  });
});
