import { makePartner, makeUser, startTestApp, TestApp } from '@app/testing';

const ME = '/api/v1/auth/me';
const TOKENS = '/api/v1/auth/tokens';
const DAY_MS = 86_400_000;

describe('auth: sessions and API tokens', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const bearer = (token: string) => `Bearer ${token}`;
  const me = (authorization: string) => t.http().get(ME).set('Authorization', authorization);
  const login = async (email: string, password: string): Promise<string> =>
    ((await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200)).body as { token: string }).token;

  describe('sessions', () => {
    it('expire after SESSION_TTL_MINUTES', async () => {
      const { user, password } = await makeUser(t, 'vendor_marketer');
      const token = await login(user.email, password);

      t.clock.advanceMinutes(59);
      await me(bearer(token)).expect(200);

      t.clock.advanceMinutes(2);
      const res = await me(bearer(token)).expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/), requestId: expect.any(String) });
      // A fresh login works again.
      await me(bearer(await login(user.email, password))).expect(200);
    });

    it('logout revokes the token used, while another session of the same user keeps working', async () => {
      const { user, password, auth: first } = await makeUser(t, 'partner_admin', { partnerId: (await makePartner(t)).id });
      const second = bearer(await login(user.email, password));

      await t.http().post('/api/v1/auth/logout').set('Authorization', first).expect(204);

      const after = await me(first).expect(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      expect(after.body.message).toMatch(/revoked/);
      await t.http().post('/api/v1/auth/logout').set('Authorization', first).expect(401);

      const other = await me(second).expect(200);
      expect(other.body.id).toBe(user.id);
    });
  });

  describe('personal API tokens', () => {
    it('are created from a session with the secret shown once, listed without it, and usable as Bearer', async () => {
      const { user, auth } = await makeUser(t, 'channel_manager');
      const createdAt = t.clock.now();

      const created = await t.http().post(TOKENS).set('Authorization', auth).send({ name: 'CRM sync' }).expect(201);
      const secret: string = created.body.token;
      expect(secret).toMatch(/^ck_pat_[\w-]{20,}$/);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        name: 'CRM sync',
        prefix: secret.slice(0, 12),
        createdAt: createdAt.toISOString(),
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      });

      const used = await me(bearer(secret)).expect(200);
      expect(used.body).toMatchObject({ id: user.id, email: user.email });

      const list = await t.http().get(TOKENS).set('Authorization', auth).expect(200);
      expect(list.body).toEqual([
        {
          id: created.body.id,
          name: 'CRM sync',
          prefix: secret.slice(0, 12),
          createdAt: createdAt.toISOString(),
          expiresAt: null,
          lastUsedAt: createdAt.toISOString(),
          revokedAt: null,
        },
      ]);
      expect(list.text).not.toContain(secret.slice(12));
      // The session used to create it is not an API token and is not listed.
      expect(list.body).toHaveLength(1);
    });

    it('are revoked with DELETE, after which they no longer authenticate', async () => {
      const { auth } = await makeUser(t, 'vendor_admin');
      const keep = await t.http().post(TOKENS).set('Authorization', auth).send({ name: 'keep' }).expect(201);
      const drop = await t.http().post(TOKENS).set('Authorization', auth).send({ name: 'drop' }).expect(201);
      await me(bearer(drop.body.token)).expect(200);

      await t.http().delete(`${TOKENS}/${drop.body.id}`).set('Authorization', auth).expect(204);

      const res = await me(bearer(drop.body.token)).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      await me(bearer(keep.body.token)).expect(200);
      const list = await t.http().get(TOKENS).set('Authorization', auth).expect(200);
      const byName = Object.fromEntries((list.body as { name: string; revokedAt: string | null }[]).map((tk) => [tk.name, tk.revokedAt]));
      expect(byName).toEqual({ keep: null, drop: t.clock.now().toISOString() });
      // Revoking twice is a 404: there is no live token with that id any more.
      const again = await t.http().delete(`${TOKENS}/${drop.body.id}`).set('Authorization', auth).expect(404);
      expect(again.body.code).toBe('NOT_FOUND');
    });

    it('cannot create another token (403 SESSION_REQUIRED)', async () => {
      const { auth } = await makeUser(t, 'vendor_admin');
      const pat = await t.http().post(TOKENS).set('Authorization', auth).send({ name: 'integration' }).expect(201);

      const res = await t.http().post(TOKENS).set('Authorization', bearer(pat.body.token)).send({ name: 'child' }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'SESSION_REQUIRED', requestId: expect.any(String) });
      expect(res.body.message).toMatch(/login session/);
      expect(res.body).not.toHaveProperty('token');

      const list = await t.http().get(TOKENS).set('Authorization', auth).expect(200);
      expect((list.body as { name: string }[]).map((tk) => tk.name)).toEqual(['integration']);
    });

    it("cannot be revoked by another user (404), and stay usable", async () => {
      const owner = await makeUser(t, 'partner_admin', { partnerId: (await makePartner(t)).id });
      const intruder = await makeUser(t, 'vendor_admin');
      const pat = await t.http().post(TOKENS).set('Authorization', owner.auth).send({ name: 'mine' }).expect(201);

      const res = await t.http().delete(`${TOKENS}/${pat.body.id}`).set('Authorization', intruder.auth).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', requestId: expect.any(String) });

      await me(bearer(pat.body.token)).expect(200);
      const list = await t.http().get(TOKENS).set('Authorization', owner.auth).expect(200);
      expect(list.body[0]).toMatchObject({ id: pat.body.id, revokedAt: null });
      // And the intruder does not see it either.
      expect((await t.http().get(TOKENS).set('Authorization', intruder.auth).expect(200)).body).toEqual([]);
    });

    it('rejects a token id that is not a UUID with 400 naming the parameter', async () => {
      const { auth } = await makeUser(t, 'vendor_admin');
      const res = await t.http().delete(`${TOKENS}/not-a-uuid`).set('Authorization', auth).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields).toEqual([{ field: 'id', problems: [expect.stringMatching(/UUID/)] }]);
    });

    it('honour expiresInDays', async () => {
      const { auth } = await makeUser(t, 'finance');
      const start = t.clock.now();
      const created = await t.http().post(TOKENS).set('Authorization', auth).send({ name: 'weekly export', expiresInDays: 7 }).expect(201);
      expect(created.body.expiresAt).toBe(new Date(start.getTime() + 7 * DAY_MS).toISOString());

      // Long after the session that created it has expired, the token still works...
      t.clock.advance(7 * DAY_MS - 60_000);
      await me(auth).expect(401);
      await me(bearer(created.body.token)).expect(200);

      // ...until its own expiry.
      t.clock.advance(2 * 60_000);
      const res = await me(bearer(created.body.token)).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuse an out-of-range expiresInDays or a missing name, naming the fields', async () => {
      const { auth } = await makeUser(t, 'finance');
      const res = await t.http().post(TOKENS).set('Authorization', auth).send({ expiresInDays: 0 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = (res.body.details.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['expiresInDays', 'name']);
      expect((await t.http().get(TOKENS).set('Authorization', auth).expect(200)).body).toEqual([]);
    });
  });

  describe('Authorization header', () => {
    it.each([
      ['missing', undefined, /Bearer/],
      ['another scheme', 'Basic dXNlcjpwYXNzd29yZA==', /Bearer/],
      ['a bearer too short to be a token', 'Bearer abc', /Bearer/],
      ['a bearer with spaces inside', 'Bearer ck_s_aaaaaaaaaa bbbbbbbbbbbbbbbbbbbb', /Bearer/],
      ['an unknown token', `Bearer ck_s_${'x'.repeat(43)}`, /invalid, expired or revoked/],
    ])('%s → 401 UNAUTHENTICATED with the error shape', async (_, header, message) => {
      const req = t.http().get(ME);
      if (header !== undefined) req.set('Authorization', header);
      const res = await req.expect(401);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });

    it('accepts the scheme in any letter case', async () => {
      const { user, token } = await makeUser(t, 'vendor_marketer');
      const res = await me(`bearer ${token}`).expect(200);
      expect(res.body.id).toBe(user.id);
    });
  });
});
