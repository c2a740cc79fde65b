import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Test } from 'supertest';
import { PARTNER_ROLES, Role, ROLES, UserEntity, VENDOR_ROLES } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { expectRoleOutcome, expectUnauthenticated, makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * Who may call which partners/tiers/users route, and that a partner never reaches another partner:
 * another partner's id answers exactly like an id that does not exist.
 */

type Method = 'get' | 'post' | 'patch' | 'put';

interface RouteCase {
  route: string;
  method: Method;
  path: () => string;
  allowed: readonly Role[];
  /** The status an allowed role gets. */
  success: number;
  /** A fresh, valid body per call; `marker` is unique to the call. */
  body?: (marker: string) => object;
  logo?: true;
  /** Rows the call left behind for its marker, to prove a refused call changed nothing. */
  traces?: (marker: string) => Promise<number>;
}

const MANAGERS = ['vendor_admin', 'channel_manager'] as const;
const EDITORS = [...MANAGERS, 'partner_admin'] as const;

let rank = 0;
/** Tier ranks are unique; every tier in this file takes the next one (factories would pick at random). */
const nextRank = () => ++rank;
const marker = () => randomBytes(4).toString('hex');

/** A small PNG with a plain border, so the normalised logo is the 32×16 red block. */
function makePng(): Promise<Buffer> {
  const block = { create: { width: 32, height: 16, channels: 4 as const, background: { r: 200, g: 16, b: 16, alpha: 1 } } };
  return sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } })
    .composite([{ input: { create: block.create }, left: 16, top: 16 }])
    .png()
    .toBuffer();
}

/** The logo answer without its URL, whose signature changes with every call. */
const pickLogo = (body: { width: number; height: number; profileVersion: number }) => ({ width: body.width, height: body.height, profileVersion: body.profileVersion });

describe('partners, tiers and users: access', () => {
  let t: TestApp;
  let png: Buffer;
  let own: PartnerEntity;
  let ownTierId: string;
  const users = {} as Record<Role, TestUser>;

  const send = (method: Method, path: string, auth: string | null): Test => {
    const request = t.http()[method](path);
    return auth ? request.set('Authorization', auth) : request;
  };

  const run = (c: RouteCase, auth: string | null, mark: string): Test => {
    const request = send(c.method, c.path(), auth);
    if (c.logo) return request.attach('file', png, { filename: 'logo.png', contentType: 'image/png' });
    return c.body ? request.send(c.body(mark)) : request;
  };

  const partnerView = async (id: string) => (await send('get', `/api/v1/partners/${id}`, users.vendor_admin.auth).expect(200)).body as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    png = await makePng();
    const tier = await makeTier(t, { rank: nextRank() });
    ownTierId = tier.id;
    own = await makePartner(t, { tierId: tier.id, region: 'EMEA', name: `Own ${marker()}` });
    for (const role of VENDOR_ROLES) users[role] = await makeUser(t, role);
    for (const role of PARTNER_ROLES) users[role] = await makeUser(t, role, { partnerId: own.id });
    // So that GET …/logo has a logo to answer with.
    await send('put', `/api/v1/partners/${own.id}/logo`, users.vendor_admin.auth)
      .attach('file', png, { filename: 'logo.png', contentType: 'image/png' })
      .expect(200);
  });
  afterAll(() => t.close());

  const routes: RouteCase[] = [
    { route: 'GET /api/v1/partners', method: 'get', path: () => '/api/v1/partners', allowed: ROLES, success: 200 },
    {
      route: 'POST /api/v1/partners',
      method: 'post',
      path: () => '/api/v1/partners',
      allowed: MANAGERS,
      success: 201,
      body: (m) => ({ name: `Made ${m}`, slug: `made-${m}`, tierId: ownTierId, region: 'NA' }),
      traces: async (m) => t.db.getRepository(PartnerEntity).countBy({ slug: `made-${m}` }),
    },
    { route: 'GET /api/v1/partners/:id', method: 'get', path: () => `/api/v1/partners/${own.id}`, allowed: ROLES, success: 200 },
    {
      route: 'PATCH /api/v1/partners/:id',
      method: 'patch',
      path: () => `/api/v1/partners/${own.id}`,
      allowed: EDITORS,
      success: 200,
      body: (m) => ({ legalDisclaimer: `Disclaimer ${m}` }),
      traces: async (m) => t.db.getRepository(PartnerEntity).countBy({ legalDisclaimer: `Disclaimer ${m}` }),
    },
    { route: 'PUT /api/v1/partners/:id/logo', method: 'put', path: () => `/api/v1/partners/${own.id}/logo`, allowed: EDITORS, success: 200, logo: true },
    { route: 'GET /api/v1/partners/:id/logo', method: 'get', path: () => `/api/v1/partners/${own.id}/logo`, allowed: ROLES, success: 200 },
    { route: 'GET /api/v1/partners/:id/users', method: 'get', path: () => `/api/v1/partners/${own.id}/users`, allowed: ROLES, success: 200 },
    {
      route: 'POST /api/v1/partners/:id/users',
      method: 'post',
      path: () => `/api/v1/partners/${own.id}/users`,
      allowed: EDITORS,
      success: 201,
      body: (m) => ({ email: `invitee-${m}@example.test`, name: `Invitee ${m}`, role: 'partner_user' }),
      traces: async (m) => t.db.getRepository(UserEntity).countBy({ email: `invitee-${m}@example.test` }),
    },
    { route: 'GET /api/v1/tiers', method: 'get', path: () => '/api/v1/tiers', allowed: VENDOR_ROLES, success: 200 },
    {
      route: 'POST /api/v1/tiers',
      method: 'post',
      path: () => '/api/v1/tiers',
      allowed: ['vendor_admin'],
      success: 201,
      body: (m) => ({ name: `Tier ${m}`, rank: nextRank(), defaultMdfReimbursementPct: 50 }),
      traces: async (m) => Number((await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM tiers WHERE name = $1', [`Tier ${m}`]))[0]?.n),
    },
    {
      route: 'PATCH /api/v1/tiers/:id',
      method: 'patch',
      path: () => `/api/v1/tiers/${ownTierId}`,
      allowed: ['vendor_admin'],
      success: 200,
      body: (m) => ({ attributes: { marker: m } }),
      traces: async (m) => Number((await t.db.query<{ n: string }[]>("SELECT count(*) AS n FROM tiers WHERE attributes->>'marker' = $1", [m]))[0]?.n),
    },
    { route: 'GET /api/v1/users', method: 'get', path: () => '/api/v1/users', allowed: ['vendor_admin'], success: 200 },
    {
      route: 'POST /api/v1/users',
      method: 'post',
      path: () => '/api/v1/users',
      allowed: ['vendor_admin'],
      success: 201,
      body: (m) => ({ email: `staff-${m}@example.test`, name: `Staff ${m}`, role: 'vendor_marketer' }),
      traces: async (m) => t.db.getRepository(UserEntity).countBy({ email: `staff-${m}@example.test` }),
    },
  ];

  const matrix = routes.flatMap((c) => ROLES.map((role) => ({ c, role, allowed: c.allowed.includes(role) })));

  describe.each(routes.map((c) => [c.route, c] as const))('%s', (_route, c) => {
    it.each(matrix.filter((m) => m.c === c).map((m) => [m.role, m.allowed ? `answers ${c.success}` : 'is refused with 403 FORBIDDEN', m.allowed] as const))(
      'as %s %s',
      async (role, _outcome, allowed) => {
        const mark = marker();
        const res = await run(c, users[role].auth, mark);
        await expectRoleOutcome(res, allowed, c.success, c.traces && (() => c.traces!(mark)));
      },
    );

    it('without a token answers 401 UNAUTHENTICATED', async () => {
      const mark = marker();
      const res = await run(c, null, mark);
      await expectUnauthenticated(res, c.traces && (() => c.traces!(mark)));
    });

    it('with an unknown token answers 401 UNAUTHENTICATED', async () => {
      const res = await run(c, `Bearer ck_${randomBytes(24).toString('hex')}`, marker());
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });
  });

  it('lets a partner role read only its own partner and its own users', async () => {
    for (const role of PARTNER_ROLES) {
      const list = await send('get', '/api/v1/partners', users[role].auth).expect(200);
      expect((list.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([own.id]);
      const members = await send('get', `/api/v1/partners/${own.id}/users`, users[role].auth).expect(200);
      const partnerIds = new Set((members.body as { items: { partnerId: string }[] }).items.map((u) => u.partnerId));
      expect([...partnerIds]).toEqual([own.id]);
    }
  });

  it('does not let a partner admin invite a vendor role into its partner', async () => {
    const mark = marker();
    const res = await send('post', `/api/v1/partners/${own.id}/users`, users.partner_admin.auth)
      .send({ email: `climber-${mark}@example.test`, name: 'Climber', role: 'vendor_admin' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'role' })] } });
    expect(await t.db.getRepository(UserEntity).countBy({ email: `climber-${mark}@example.test` })).toBe(0);
  });

  describe('across partners', () => {
    let a: PartnerEntity;
    let b: PartnerEntity;
    let bTierId: string;
    let aAdmin: TestUser;
    let aUser: TestUser;
    let bMember: TestUser;

    /** Everything B's people or the vendor would notice. */
    const snapshotB = async () => ({
      partner: await partnerView(b.id),
      logo: pickLogo((await send('get', `/api/v1/partners/${b.id}/logo`, users.vendor_admin.auth).expect(200)).body),
      users: ((await send('get', `/api/v1/partners/${b.id}/users`, users.vendor_admin.auth).expect(200)).body as { items: { id: string }[] }).items.map(
        (u) => u.id,
      ),
      audit: (await t.db.query<{ id: string }[]>('SELECT id FROM audit_events WHERE entity_id = $1 OR on_behalf_of_partner_id = $2 ORDER BY id', [b.id, b.id])).map(
        (r) => r.id,
      ),
      storedLogoKey: (await t.db.getRepository(PartnerEntity).findOneByOrFail({ id: b.id })).logoKey,
    });

    beforeAll(async () => {
      const aTier = await makeTier(t, { rank: nextRank() });
      const bTier = await makeTier(t, { rank: nextRank() });
      bTierId = bTier.id;
      a = await makePartner(t, { tierId: aTier.id, region: 'NA', status: 'active', name: `Alpha Systems ${marker()}` });
      b = await makePartner(t, { tierId: bTier.id, region: 'APAC', status: 'onboarding', name: `Bravo Networks ${marker()}` });
      aAdmin = await makeUser(t, 'partner_admin', { partnerId: a.id });
      aUser = await makeUser(t, 'partner_user', { partnerId: a.id });
      bMember = await makeUser(t, 'partner_user', { partnerId: b.id });
      // B has a logo, so "no logo" cannot be the reason its logo is not found.
      await send('put', `/api/v1/partners/${b.id}/logo`, users.vendor_admin.auth)
        .attach('file', png, { filename: 'logo.png', contentType: 'image/png' })
        .expect(200);
    });

    type Attempt = [string, (partnerId: string, auth: string) => Test];
    const attempts: Attempt[] = [
      ['read', (id, auth) => send('get', `/api/v1/partners/${id}`, auth)],
      ['update', (id, auth) => send('patch', `/api/v1/partners/${id}`, auth).send({ name: 'Hijacked', legalDisclaimer: 'hijacked' })],
      ['list the users of', (id, auth) => send('get', `/api/v1/partners/${id}/users`, auth)],
      ['invite into', (id, auth) => send('post', `/api/v1/partners/${id}/users`, auth).send({ email: `intruder-${id}@example.test`, name: 'Intruder', role: 'partner_admin' })],
      ['upload a logo to', (id, auth) => send('put', `/api/v1/partners/${id}/logo`, auth).attach('file', png, { filename: 'logo.png', contentType: 'image/png' })],
      ['get the logo of', (id, auth) => send('get', `/api/v1/partners/${id}/logo`, auth)],
    ];

    it.each(attempts)("partner A's admin cannot %s partner B: 404 NOT_FOUND, as for an id that does not exist", async (_what, attempt) => {
      const before = await snapshotB();
      const res = await attempt(b.id, aAdmin.auth);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
      const missing = await attempt(randomUUID(), aAdmin.auth);
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
        status: missing.status,
        code: missing.body.code,
        message: missing.body.message,
      });
      expect(await snapshotB()).toEqual(before);
    });

    it.each(attempts)("partner A's user cannot %s partner B, and learns nothing about it", async (what, attempt) => {
      const before = await snapshotB();
      const res = await attempt(b.id, aUser.auth);
      const readOnly = ['read', 'list the users of', 'get the logo of'].includes(what);
      if (readOnly) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      } else {
        // partner_user may not do this to any partner, its own included: the role check answers first.
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      const missing = await attempt(randomUUID(), aUser.auth);
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
        status: missing.status,
        code: missing.body.code,
        message: missing.body.message,
      });
      expect(await snapshotB()).toEqual(before);
    });

    it('keeps the intruders out of B for good: no invited user, B data still readable by its own member', async () => {
      expect(await t.db.getRepository(UserEntity).countBy({ email: `intruder-${b.id}@example.test` })).toBe(0);
      const own = await send('get', `/api/v1/partners/${b.id}`, bMember.auth).expect(200);
      expect(own.body).toMatchObject({ id: b.id, name: b.name, legalDisclaimer: null });
    });

    const filters: [string, () => string][] = [
      ['no filter', () => ''],
      ["B's tier", () => `?tierId=${bTierId}`],
      ["B's region", () => '?region=APAC'],
      ["B's status", () => '?status=onboarding'],
      ["B's name", () => `?q=${encodeURIComponent(b.name)}`],
      ['a name both share', () => '?q=s'],
      ['a small page', () => '?limit=1'],
    ];
    it.each(filters)('GET /api/v1/partners for A, filtered by %s, returns A at most', async (_filter, query) => {
      const qs = query();
      for (const member of [aAdmin, aUser]) {
        const res = await send('get', `/api/v1/partners${qs}`, member.auth).expect(200);
        const body = res.body as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.map((p) => p.id)).not.toContain(b.id);
        expect(body.items.every((p) => p.id === a.id)).toBe(true);
        expect(body.nextCursor).toBeNull();
      }
    });

    it('GET /api/v1/partners for A, filtered to match A, returns exactly A', async () => {
      for (const member of [aAdmin, aUser]) {
        const res = await send('get', `/api/v1/partners?region=NA&status=active&q=${encodeURIComponent(a.name)}`, member.auth).expect(200);
        expect((res.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([a.id]);
      }
    });

    it('the vendor sees both A and B', async () => {
      const res = await send('get', `/api/v1/partners?limit=100&q=${encodeURIComponent('s ')}`, users.channel_manager.auth).expect(200);
      const ids = (res.body as { items: { id: string }[] }).items.map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    });
  });
});
