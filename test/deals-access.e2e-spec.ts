import { Role, ROLES } from '@app/core';
import { expectRoleOutcome, expectUnauthenticated, makeUser, TestUser } from '@app/testing';
import { DealWorld, dealWorld, register } from './deal-world';

type Cell = { allowed: readonly Role[]; success: number; send: (user: TestUser) => Promise<{ res: import('supertest').Response; traces?: () => Promise<number> }> };

describe('deals access: role × action, and partner isolation', () => {
  let w: DealWorld;
  const users = {} as Record<Role, TestUser>;
  beforeAll(async () => {
    w = await dealWorld();
    for (const role of ROLES) users[role] = await makeUser(w.t, role, role.startsWith('partner') ? { partnerId: w.partnerA.id } : {});
  });
  afterAll(() => w.t.close());

  const fresh = async () => (await register(w.t, w.partnerA.admin, { customerCompany: `Co ${Math.random()}`, customerDomain: `c${Date.now()}${Math.floor(Math.random() * 1e6)}.example` })).id;
  const approved = async () => {
    const id = await fresh();
    await w.t.http().post(`/api/v1/deals/${id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);
    return id;
  };
  const count = async (sql: string, params: unknown[]) => ((await w.t.db.query(sql, params))[0] as { n: number }).n;
  const audited = (id: string, action: string) => () => count(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = $2`, [id, action]);

  const REGISTRARS = ['partner_admin', 'partner_user', 'channel_manager'] as const;
  const DECIDERS = ['channel_manager', 'vendor_admin'] as const;
  const matrix: Record<string, Cell> = {
    'POST /deals': {
      allowed: REGISTRARS,
      success: 201,
      send: async (u) => ({
        res: await w.t.http().post('/api/v1/deals').set('authorization', u.auth).send({ customerCompany: 'Matrix', customerDomain: `${u.user.role.replace('_', '-')}.matrix.example`, amountCents: 1, currency: 'USD', ...(u.user.partnerId ? {} : { partnerId: w.partnerA.id }) }),
        traces: () => count(`SELECT count(*)::int AS n FROM deals WHERE registered_by = $1`, [u.user.id]),
      }),
    },
    'GET /deals': { allowed: ROLES, success: 200, send: async (u) => ({ res: await w.t.http().get('/api/v1/deals').set('authorization', u.auth) }) },
    'GET /deals/:id': { allowed: ROLES, success: 200, send: async (u) => ({ res: await w.t.http().get(`/api/v1/deals/${await fresh()}`).set('authorization', u.auth) }) },
    'GET /deals/conflicts': { allowed: DECIDERS, success: 200, send: async (u) => ({ res: await w.t.http().get('/api/v1/deals/conflicts').set('authorization', u.auth) }) },
    'GET /deals/export.csv': { allowed: ROLES, success: 200, send: async (u) => ({ res: await w.t.http().get('/api/v1/deals/export.csv').set('authorization', u.auth) }) },
    'POST /deals/imports': {
      allowed: ['vendor_admin'],
      success: 200,
      send: async (u) => {
        const name = `Imported by ${u.user.id}`;
        const csv = `Partner Id,Account Name,Website,Amount,Currency\n${w.partnerA.id},${name},imported.example,10,USD\n`;
        return {
          res: await w.t.http().post('/api/v1/deals/imports').set('authorization', u.auth).attach('file', Buffer.from(csv), 'd.csv'),
          traces: () => count(`SELECT count(*)::int AS n FROM deals WHERE customer_company = $1`, [name]),
        };
      },
    },
    'POST /deals/:id/approve': {
      allowed: DECIDERS,
      success: 200,
      send: async (u) => {
        const id = await fresh();
        return { res: await w.t.http().post(`/api/v1/deals/${id}/approve`).set('authorization', u.auth).send({}), traces: audited(id, 'deal.approved') };
      },
    },
    'POST /deals/:id/reject': {
      allowed: DECIDERS,
      success: 200,
      send: async (u) => {
        const id = await fresh();
        return { res: await w.t.http().post(`/api/v1/deals/${id}/reject`).set('authorization', u.auth).send({ reason: 'no' }), traces: audited(id, 'deal.rejected') };
      },
    },
    'POST /deals/:id/extend': {
      allowed: DECIDERS,
      success: 200,
      send: async (u) => {
        const id = await approved();
        return { res: await w.t.http().post(`/api/v1/deals/${id}/extend`).set('authorization', u.auth).send({ days: 10 }), traces: audited(id, 'deal.extended') };
      },
    },
    'POST /deals/:id/won': {
      allowed: REGISTRARS,
      success: 200,
      send: async (u) => {
        const id = await approved();
        return { res: await w.t.http().post(`/api/v1/deals/${id}/won`).set('authorization', u.auth).send({ finalAmountCents: 5 }), traces: audited(id, 'deal.won') };
      },
    },
    'POST /deals/:id/lost': {
      allowed: REGISTRARS,
      success: 200,
      send: async (u) => {
        const id = await fresh();
        return { res: await w.t.http().post(`/api/v1/deals/${id}/lost`).set('authorization', u.auth), traces: audited(id, 'deal.lost') };
      },
    },
    'POST /deals/webhooks': {
      allowed: ['vendor_admin'],
      success: 201,
      send: async (u) => ({
        res: await w.t.http().post('/api/v1/deals/webhooks').set('authorization', u.auth).send({ url: `https://hooks.example/${u.user.id}` }),
        traces: () => count(`SELECT count(*)::int AS n FROM deal_webhook_endpoints WHERE url = $1`, [`https://hooks.example/${u.user.id}`]),
      }),
    },
    'GET /deals/webhooks': { allowed: ['vendor_admin'], success: 200, send: async (u) => ({ res: await w.t.http().get('/api/v1/deals/webhooks').set('authorization', u.auth) }) },
    'DELETE /deals/webhooks/:id': {
      allowed: ['vendor_admin'],
      success: 204,
      send: async (u) => {
        const created = await w.t.http().post('/api/v1/deals/webhooks').set('authorization', w.vendorAdmin.auth).send({ url: `https://hooks.example/del/${u.user.id}` }).expect(201);
        return {
          res: await w.t.http().delete(`/api/v1/deals/webhooks/${created.body.id}`).set('authorization', u.auth),
          traces: () => count(`SELECT count(*)::int AS n FROM deal_webhook_endpoints WHERE id = $1 AND deleted_at IS NOT NULL`, [created.body.id]),
        };
      },
    },
    'POST /deals/vendor-opportunities': {
      allowed: DECIDERS,
      success: 201,
      send: async (u) => ({
        res: await w.t.http().post('/api/v1/deals/vendor-opportunities').set('authorization', u.auth).send({ customerCompany: 'Direct', customerDomain: 'direct.example', externalId: u.user.id }),
        traces: () => count(`SELECT count(*)::int AS n FROM vendor_opportunities WHERE external_id = $1`, [u.user.id]),
      }),
    },
    'GET /deals/vendor-opportunities': { allowed: DECIDERS, success: 200, send: async (u) => ({ res: await w.t.http().get('/api/v1/deals/vendor-opportunities').set('authorization', u.auth) }) },
    'POST /deals/vendor-opportunities/:id/close': {
      allowed: DECIDERS,
      success: 200,
      send: async (u) => {
        const created = await w.t.http().post('/api/v1/deals/vendor-opportunities').set('authorization', w.manager.auth).send({ customerCompany: 'Direct', customerDomain: 'direct.example' }).expect(201);
        return {
          res: await w.t.http().post(`/api/v1/deals/vendor-opportunities/${created.body.id}/close`).set('authorization', u.auth),
          traces: () => count(`SELECT count(*)::int AS n FROM vendor_opportunities WHERE id = $1 AND status = 'closed'`, [created.body.id]),
        };
      },
    },
  };

  for (const [route, cell] of Object.entries(matrix)) {
    it.each(ROLES.map((r) => [r]))(`${route} as %s`, async (role) => {
      const { res, traces } = await cell.send(users[role]);
      await expectRoleOutcome(res, (cell.allowed as readonly string[]).includes(role), cell.success, traces);
    });
  }

  it('answers 401 to every route without a token', async () => {
    const id = await fresh();
    const requests = [
      w.t.http().post('/api/v1/deals').send({}),
      w.t.http().get('/api/v1/deals'),
      w.t.http().get(`/api/v1/deals/${id}`),
      w.t.http().get('/api/v1/deals/conflicts'),
      w.t.http().get('/api/v1/deals/export.csv'),
      w.t.http().post('/api/v1/deals/imports'),
      w.t.http().post(`/api/v1/deals/${id}/approve`).send({}),
      w.t.http().post(`/api/v1/deals/${id}/won`).send({ finalAmountCents: 1 }),
      w.t.http().get('/api/v1/deals/webhooks'),
      w.t.http().get('/api/v1/deals/vendor-opportunities'),
    ];
    for (const req of requests) await expectUnauthenticated(await req);
    expect((await w.t.db.query(`SELECT status FROM deals WHERE id = $1`, [id]))[0].status).toBe('submitted');
  });

  it("hides partner A's deals from partner B: 404 on read and every action, absent from list and export", async () => {
    const id = await fresh();
    for (const user of [w.partnerB.admin, w.partnerB.user]) {
      expect((await w.t.http().get(`/api/v1/deals/${id}`).set('authorization', user.auth)).status).toBe(404);
      expect((await w.t.http().post(`/api/v1/deals/${id}/won`).set('authorization', user.auth).send({ finalAmountCents: 1 })).status).toBe(404);
      expect((await w.t.http().post(`/api/v1/deals/${id}/lost`).set('authorization', user.auth)).status).toBe(404);
      const list = await w.t.http().get('/api/v1/deals').query({ partnerId: w.partnerA.id, limit: 100 }).set('authorization', user.auth).expect(200);
      expect(list.body.items.every((d: { partnerId: string }) => d.partnerId === w.partnerB.id)).toBe(true);
      const csv = await w.t.http().get('/api/v1/deals/export.csv').set('authorization', user.auth).buffer(true).parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => cb(null, text));
      });
      expect(csv.body as string).not.toContain(w.partnerA.id);
    }
    expect((await w.t.db.query(`SELECT status FROM deals WHERE id = $1`, [id]))[0].status).toBe('submitted');
    // A partner cannot register for another partner.
    const forOther = await w.t.http().post('/api/v1/deals').set('authorization', w.partnerB.admin.auth).send({ partnerId: w.partnerA.id, customerCompany: 'X', customerDomain: 'x.example', amountCents: 1, currency: 'USD' });
    expect(forOther.status).toBe(400);
    expect(forOther.body.details.fields[0].field).toBe('partnerId');
  });
});
