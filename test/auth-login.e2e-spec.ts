import { UserEntity } from '@app/core';
import { makePartner, makeUser, startTestApp, TestApp } from '@app/testing';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';
const MAX_FAILURES = 3;
const WINDOW_MINUTES = 15;

describe('auth: login', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_WINDOW_MINUTES: String(WINDOW_MINUTES) } })));
  afterAll(() => t.close());
  // Every supertest request comes from 127.0.0.1, so failures of one test would count against the
  // next one's IP; moving the clock past the window gives each test a clean slate.
  afterEach(() => t.clock.advanceMinutes(WINDOW_MINUTES + 1));

  const login = (email: string, password: string) => t.http().post(LOGIN).send({ email, password });

  /** The same login from a chosen client address (Fastify's injector sets the socket's remote address). */
  const loginFrom = async (ip: string, email: string, password: string) => {
    const res = await t.app.inject({ method: 'POST', url: LOGIN, payload: { email, password }, remoteAddress: ip });
    return { status: res.statusCode, headers: res.headers, body: res.json() };
  };

  describe('credentials', () => {
    it('returns a session token that works on /me, valid for SESSION_TTL_MINUTES', async () => {
      const partner = await makePartner(t);
      const { user, password } = await makeUser(t, 'partner_admin', { partnerId: partner.id });
      const now = t.clock.now();

      const res = await login(user.email, password).expect(200);
      expect(res.body.token).toMatch(/^ck_s_/);
      expect(res.body.expiresAt).toBe(new Date(now.getTime() + 60 * 60_000).toISOString());
      expect(res.body.user).toMatchObject({ id: user.id, email: user.email, role: 'partner_admin', partnerId: partner.id, status: 'active' });
      expect(res.body.user).not.toHaveProperty('passwordHash');

      const me = await t.http().get(ME).set('Authorization', `Bearer ${res.body.token}`).expect(200);
      expect(me.body).toMatchObject({ id: user.id, email: user.email, partnerId: partner.id });
      // The login is recorded on the user.
      expect(me.body.lastLoginAt).toBe(now.toISOString());
    });

    it('answers a wrong password, an unknown email and a disabled user identically (no account enumeration)', async () => {
      const { user, password } = await makeUser(t, 'vendor_marketer');
      const disabled = await makeUser(t, 'channel_manager');
      await t.db.getRepository(UserEntity).update({ id: disabled.user.id }, { status: 'disabled' });

      const wrongPassword = await login(user.email, `${password}-nope`).expect(401);
      const unknownEmail = await login('nobody-here@example.test', password).expect(401);
      const disabledUser = await login(disabled.user.email, disabled.password).expect(401);

      for (const res of [wrongPassword, unknownEmail, disabledUser]) {
        expect(res.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong', requestId: expect.any(String) });
        expect(res.body).not.toHaveProperty('token');
      }
      // A disabled user's existing session stops working too.
      const me = await t.http().get(ME).set('Authorization', disabled.auth).expect(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
    });

    it('treats the email case-insensitively', async () => {
      const { user, password } = await makeUser(t, 'finance', { email: 'Dana.Finance@Example.Test' });

      const lower = await login('dana.finance@example.test', password).expect(200);
      const upper = await login('DANA.FINANCE@EXAMPLE.TEST', password).expect(200);
      expect(lower.body.user.id).toBe(user.id);
      expect(upper.body.user.id).toBe(user.id);
      expect(lower.body.token).not.toBe(upper.body.token);
      await t.http().get(ME).set('Authorization', `Bearer ${upper.body.token}`).expect(200);
    });
  });

  describe('rate limit', () => {
    it(`refuses the email after ${MAX_FAILURES} failures, even with the right password and from another IP, with Retry-After`, async () => {
      const { user, password } = await makeUser(t, 'vendor_admin', { email: 'victim.admin@example.test' });
      const bystander = await makeUser(t, 'vendor_admin');
      // Failures from different addresses, in different letter cases: only the per-email count can add up.
      const variants = ['victim.admin@example.test', 'Victim.Admin@example.test', 'VICTIM.ADMIN@EXAMPLE.TEST'];
      for (const [i, email] of variants.entries()) {
        const res = await loginFrom(`198.51.100.${i + 1}`, email, 'wrong-password');
        expect(res.status).toBe(401);
      }

      const blocked = await loginFrom('198.51.100.99', user.email, password);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: expect.any(String) });
      expect(blocked.body.message).toMatch(/too many failed logins/i);
      expect(blocked.body).not.toHaveProperty('token');
      // All failures happened at the same (fake) instant: free again one full window later.
      expect(blocked.headers['retry-after']).toBe(String(WINDOW_MINUTES * 60));
      expect(blocked.body.details).toEqual({ retryAfterSeconds: WINDOW_MINUTES * 60 });

      // The limit is the email's, not everyone's: another user from that address gets in.
      const other = await loginFrom('198.51.100.99', bystander.user.email, bystander.password);
      expect(other.status).toBe(200);
    });

    it(`refuses every email from an IP after ${MAX_FAILURES} failures from it, while other IPs are unaffected`, async () => {
      const { user, password } = await makeUser(t, 'channel_manager');
      const attacker = '203.0.113.7';
      // One failure per email, so no email reaches the limit on its own.
      for (let i = 0; i < MAX_FAILURES; i++) {
        const res = await loginFrom(attacker, `guess-${i}@example.test`, 'password123');
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }

      const blocked = await loginFrom(attacker, user.email, password);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

      const elsewhere = await loginFrom('203.0.113.8', user.email, password);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.user.id).toBe(user.id);
    });

    it('limits another email from the same IP after failures for one email (over real HTTP)', async () => {
      const target = await makeUser(t, 'vendor_marketer');
      const colleague = await makeUser(t, 'vendor_marketer');
      for (let i = 0; i < MAX_FAILURES; i++) await login(target.user.email, 'not-the-password').expect(401);

      const res = await login(colleague.user.email, colleague.password).expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(res.headers['retry-after']).toBe(String(WINDOW_MINUTES * 60));
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });

    it('lets the user in again once the window has passed, exactly when Retry-After said', async () => {
      const { user, password } = await makeUser(t, 'partner_user', { partnerId: (await makePartner(t)).id });
      for (let i = 0; i < MAX_FAILURES; i++) await login(user.email, 'still-wrong').expect(401);
      t.clock.advanceMinutes(5);

      const blocked = await login(user.email, password).expect(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBe((WINDOW_MINUTES - 5) * 60);

      t.clock.advance((retryAfter - 1) * 1000);
      const stillBlocked = await login(user.email, password).expect(429);
      expect(stillBlocked.headers['retry-after']).toBe('1');

      t.clock.advance(1000);
      const res = await login(user.email, password).expect(200);
      await t.http().get(ME).set('Authorization', `Bearer ${res.body.token}`).expect(200);
    });

    it("gives an honest Retry-After when the email's failures are newer than the IP's", async () => {
      const { user, password } = await makeUser(t, 'finance');
      const office = '192.0.2.50';
      // An old, unrelated failure from the office address...
      expect((await loginFrom(office, 'typo@example.test', 'x')).status).toBe(401);
      t.clock.advanceMinutes(10);
      // ...then the user's email is attacked from elsewhere.
      for (let i = 0; i < MAX_FAILURES; i++) expect((await loginFrom(`192.0.2.${60 + i}`, user.email, 'guess')).status).toBe(401);

      const blocked = await loginFrom(office, user.email, password);
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      // The email is limited for a full window from its own failures, not from the office's old one.
      expect(retryAfter).toBe(WINDOW_MINUTES * 60);

      t.clock.advance(retryAfter * 1000);
      expect((await loginFrom(office, user.email, password)).status).toBe(200);
    });
  });
});
