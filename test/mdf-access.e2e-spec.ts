import { randomBytes, randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { Role, ROLES, rolesFor } from '@app/core';
import { expectRoleOutcome, expectUnauthenticated, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';
import { approvedRequest, FundedPartner, fundedPartner, fundedProgram, PDF, submitRequest, uploadFile, VendorTeam, vendorTeam } from './mdf-world';

/**
 * Who may call which MDF route: vendor admins configure and allocate, channel managers decide
 * requests, only finance decides and pays claims, partners act on their own funds only, and
 * another partner's id answers exactly like one that does not exist.
 */

type Method = 'get' | 'post' | 'patch' | 'delete';

interface Target {
  path: string;
  /** Rows the call left behind (1 when it took effect, 0 when refused). */
  trace?: () => Promise<number>;
}

interface RouteCase {
  route: string;
  method: Method;
  allowed: readonly Role[];
  success: number;
  /** A fresh target per call, so every allowed role finds something to act on. */
  target: () => Promise<Target>;
  body?: () => object;
  upload?: true;
  idempotent?: true;
}

// From the one permissions table: a partner user (the partner's marketer) reads MDF but moves no money.
const MAKERS = rolesFor('submit-mdf-requests');
const CLAIMERS = rolesFor('submit-mdf-claims');
const FINANCE_READERS = rolesFor('read-mdf-finance');
const VENDOR_READERS = rolesFor('read-mdf-program-metrics');
const marker = () => randomBytes(4).toString('hex');

describe('MDF: access', () => {
  let t: TestApp;
  let team: VendorTeam;
  let own: FundedPartner;
  let other: FundedPartner;
  let programId: string;
  let accountId: string;
  const users = {} as Record<Role, TestUser>;

  const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp();
    team = await vendorTeam(t);
    own = await fundedPartner(t, 50);
    other = await fundedPartner(t, 50);
    programId = await fundedProgram(t, team.admin, [
      { tierId: own.tierId, amountCents: 1_000_000_000 },
      { tierId: other.tierId, amountCents: 1_000_000 },
    ], [own.partner.id, other.partner.id]);
    accountId = (await t.db.query<{ id: string }[]>(`SELECT id FROM mdf_fund_accounts WHERE program_id = $1 AND partner_id = $2`, [programId, own.partner.id]))[0]!.id;
    users.vendor_admin = team.admin;
    users.channel_manager = team.manager;
    users.finance = team.finance;
    users.vendor_marketer = team.marketer;
    users.partner_admin = own.admin;
    users.partner_user = own.user;
  });
  afterAll(() => t.close());

  const submitted = () => submitRequest(t, own.admin, programId, { requestedCents: 1_000 });
  const approved = () => approvedRequest(t, own.admin, team.otherManager, programId, { requestedCents: 1_000 });
  async function claimed(): Promise<string> {
    const requestId = await approved();
    const fileId = await uploadFile(t, own.admin, requestId);
    const res = await t.http().post('/api/v1/mdf/claims').set('authorization', own.admin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 1_000, fileIds: [fileId] }).expect(201);
    return (res.body as { id: string }).id;
  }
  const claimStatus = (id: string, status: string) => () => count(`SELECT 1 FROM mdf_claims WHERE id = $1 AND status = $2`, [id, status]);
  const requestStatus = (id: string, status: string) => () => count(`SELECT 1 FROM mdf_requests WHERE id = $1 AND status = $2`, [id, status]);

  const routes: RouteCase[] = [
    (() => {
      let m = '';
      return {
        route: 'POST /api/v1/mdf/programs',
        method: 'post' as const,
        allowed: ['vendor_admin'] as const,
        success: 201,
        target: async () => {
          m = marker();
          return { path: '/api/v1/mdf/programs', trace: () => count(`SELECT 1 FROM mdf_programs WHERE name = $1`, [`Program ${m}`]) };
        },
        body: () => ({ name: `Program ${m}`, periodStart: '2027-01-01', periodEnd: '2027-03-31', currency: 'USD' }),
      };
    })(),
    { route: 'GET /api/v1/mdf/programs', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: '/api/v1/mdf/programs' }) },
    { route: 'GET /api/v1/mdf/programs/:id', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/programs/${programId}` }) },
    {
      route: 'POST /api/v1/mdf/programs/:id/allocate',
      method: 'post',
      allowed: ['vendor_admin'],
      success: 200,
      target: async () => {
        const fresh = await fundedPartner(t);
        const program = (await t.http().post('/api/v1/mdf/programs').set('authorization', team.admin.auth).send({ name: `Alloc ${marker()}`, periodStart: '2026-10-01', periodEnd: '2026-12-31', currency: 'USD', tierAmounts: [{ tierId: fresh.tierId, amountCents: 100 }] }).expect(201)).body as { id: string };
        return { path: `/api/v1/mdf/programs/${program.id}/allocate`, trace: () => count(`SELECT 1 FROM mdf_ledger_entries WHERE program_id = $1 AND kind = 'allocate'`, [program.id]) };
      },
      body: () => ({}),
    },
    (() => {
      let m = '';
      return {
        route: 'POST /api/v1/mdf/programs/:id/adjustments',
        method: 'post' as const,
        allowed: ['vendor_admin'] as const,
        success: 201,
        target: async () => {
          m = marker();
          return { path: `/api/v1/mdf/programs/${programId}/adjustments`, trace: () => count(`SELECT 1 FROM mdf_ledger_entries WHERE reason = $1`, [`Bonus ${m}`]) };
        },
        body: () => ({ partnerId: own.partner.id, amountCents: 100, reason: `Bonus ${m}` }),
      };
    })(),
    { route: 'GET /api/v1/mdf/programs/:id/metrics', method: 'get', allowed: VENDOR_READERS, success: 200, target: async () => ({ path: `/api/v1/mdf/programs/${programId}/metrics` }) },
    { route: 'GET /api/v1/mdf/programs/:id/partners/:partnerId/metrics', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/programs/${programId}/partners/${own.partner.id}/metrics` }) },
    { route: 'GET /api/v1/mdf/accounts', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: '/api/v1/mdf/accounts' }) },
    { route: 'GET /api/v1/mdf/accounts/:id', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/accounts/${accountId}` }) },
    (() => {
      let m = '';
      return {
        route: 'POST /api/v1/mdf/requests',
        method: 'post' as const,
        allowed: MAKERS,
        success: 201,
        target: async () => {
          m = marker();
          return { path: '/api/v1/mdf/requests', trace: () => count(`SELECT 1 FROM mdf_requests WHERE description = $1`, [`Event ${m}`]) };
        },
        body: () => ({ programId, partnerId: own.partner.id, activityType: 'event', description: `Event ${m}`, startsOn: '2026-11-10', endsOn: '2026-11-11', plannedCostCents: 2_000, requestedCents: 1_000 }),
      };
    })(),
    { route: 'GET /api/v1/mdf/requests', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: '/api/v1/mdf/requests' }) },
    { route: 'GET /api/v1/mdf/requests/:id', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/requests/${(await submitted()).id}` }) },
    {
      route: 'PATCH /api/v1/mdf/requests/:id',
      method: 'patch',
      allowed: MAKERS,
      success: 200,
      target: async () => {
        const { id } = await submitted();
        await t.http().post(`/api/v1/mdf/requests/${id}/request-info`).set('authorization', team.otherManager.auth).send({ note: 'More detail please' }).expect(200);
        return { path: `/api/v1/mdf/requests/${id}`, trace: requestStatus(id, 'submitted') };
      },
      body: () => ({ description: 'With the details asked for' }),
    },
    ...(['approve', 'request-info', 'reject'] as const).map((action) => ({
      route: `POST /api/v1/mdf/requests/:id/${action}`,
      method: 'post' as const,
      allowed: ['channel_manager'] as const,
      success: 200,
      target: async () => {
        const { id } = await submitted();
        return { path: `/api/v1/mdf/requests/${id}/${action}`, trace: requestStatus(id, { approve: 'approved', 'request-info': 'info_requested', reject: 'rejected' }[action]) };
      },
      body: () => (action === 'approve' ? {} : { note: 'Decided in the access test' }),
    })),
    {
      route: 'POST /api/v1/mdf/requests/:id/files',
      method: 'post',
      allowed: CLAIMERS,
      success: 201,
      upload: true,
      target: async () => {
        const id = await approved();
        return { path: `/api/v1/mdf/requests/${id}/files?kind=proof`, trace: () => count(`SELECT 1 FROM mdf_files WHERE request_id = $1`, [id]) };
      },
    },
    {
      route: 'GET /api/v1/mdf/requests/:id/files',
      method: 'get',
      allowed: ROLES,
      success: 200,
      target: async () => {
        const id = await approved();
        await uploadFile(t, own.admin, id);
        return { path: `/api/v1/mdf/requests/${id}/files` };
      },
    },
    {
      route: 'DELETE /api/v1/mdf/requests/:id/files/:fileId',
      method: 'delete',
      allowed: CLAIMERS,
      success: 204,
      target: async () => {
        const id = await approved();
        const fileId = await uploadFile(t, own.admin, id);
        return { path: `/api/v1/mdf/requests/${id}/files/${fileId}`, trace: () => count(`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM mdf_files WHERE id = $1)`, [fileId]) };
      },
    },
    (() => {
      let requestId = '';
      let fileId = '';
      return {
        route: 'POST /api/v1/mdf/claims',
        method: 'post' as const,
        allowed: CLAIMERS,
        success: 201,
        idempotent: true as const,
        target: async () => {
          requestId = await approved();
          fileId = await uploadFile(t, own.admin, requestId);
          return { path: '/api/v1/mdf/claims', trace: () => count(`SELECT 1 FROM mdf_claims WHERE request_id = $1`, [requestId]) };
        },
        body: () => ({ requestId, actualSpendCents: 1_000, fileIds: [fileId] }),
      };
    })(),
    { route: 'GET /api/v1/mdf/claims', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: '/api/v1/mdf/claims' }) },
    { route: 'GET /api/v1/mdf/claims/review-queue', method: 'get', allowed: FINANCE_READERS, success: 200, target: async () => ({ path: '/api/v1/mdf/claims/review-queue' }) },
    { route: 'GET /api/v1/mdf/claims/:id', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/claims/${await claimed()}` }) },
    { route: 'GET /api/v1/mdf/claims/:id/proof-pack', method: 'get', allowed: ROLES, success: 200, target: async () => ({ path: `/api/v1/mdf/claims/${await claimed()}/proof-pack` }) },
    {
      route: 'PATCH /api/v1/mdf/claims/:id',
      method: 'patch',
      allowed: CLAIMERS,
      success: 200,
      target: async () => {
        const id = await claimed();
        await t.http().post(`/api/v1/mdf/claims/${id}/request-info`).set('authorization', team.finance.auth).send({ note: 'Which invoice is the venue?' }).expect(200);
        return { path: `/api/v1/mdf/claims/${id}`, trace: claimStatus(id, 'submitted') };
      },
      body: () => ({ actualSpendCents: 900 }),
    },
    ...(['approve', 'request-info', 'reject'] as const).map((action) => ({
      route: `POST /api/v1/mdf/claims/:id/${action}`,
      method: 'post' as const,
      allowed: ['finance'] as const,
      success: 200,
      target: async () => {
        const id = await claimed();
        return { path: `/api/v1/mdf/claims/${id}/${action}`, trace: claimStatus(id, { approve: 'approved', 'request-info': 'info_requested', reject: 'rejected' }[action]) };
      },
      body: () => (action === 'approve' ? { amountCents: 500 } : { note: 'Decided in the access test' }),
    })),
    {
      route: 'POST /api/v1/mdf/claims/:id/mark-paid',
      method: 'post',
      allowed: ['finance'],
      success: 200,
      target: async () => {
        const id = await claimed();
        await t.http().post(`/api/v1/mdf/claims/${id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 500 }).expect(200);
        return { path: `/api/v1/mdf/claims/${id}/mark-paid`, trace: claimStatus(id, 'paid') };
      },
      body: () => ({ paymentReference: 'WIRE-1', paidOn: '2026-11-30' }),
    },
    { route: 'GET /api/v1/mdf/payables.csv', method: 'get', allowed: FINANCE_READERS, success: 200, target: async () => ({ path: '/api/v1/mdf/payables.csv' }) },
    { route: 'GET /api/v1/audit', method: 'get', allowed: FINANCE_READERS, success: 200, target: async () => ({ path: `/api/v1/audit?entityType=mdf_fund_account&entityId=${accountId}` }) },
  ];

  const call = (c: RouteCase, target: Target, auth: string | null): Test => {
    let request = t.http()[c.method](target.path);
    if (auth) request = request.set('authorization', auth);
    if (c.idempotent) request = request.set('idempotency-key', randomUUID());
    if (c.upload) return request.attach('file', PDF, { filename: 'proof.pdf', contentType: 'application/pdf' });
    return c.body ? request.send(c.body()) : request;
  };

  describe.each(routes.map((c) => [c.route, c] as const))('%s', (_route, c) => {
    it.each(ROLES.map((role) => [role, c.allowed.includes(role) ? `answers ${c.success}` : 'is refused with 403 FORBIDDEN', c.allowed.includes(role)] as const))('as %s %s', async (role, _outcome, allowed) => {
      const target = await c.target();
      const res = await call(c, target, users[role].auth);
      await expectRoleOutcome(res, allowed, c.success, target.trace);
    });

    it('without a token answers 401 UNAUTHENTICATED', async () => {
      const target = await c.target();
      await expectUnauthenticated(await call(c, target, null), target.trace);
    });
  });

  describe('across partners', () => {
    let rivalAdmin: TestUser;
    let requestId: string;
    let claimId: string;

    beforeAll(async () => {
      rivalAdmin = await makeUser(t, 'partner_admin', { partnerId: other.partner.id });
      claimId = await claimed();
      requestId = (await t.db.query<{ request_id: string }[]>(`SELECT request_id FROM mdf_claims WHERE id = $1`, [claimId]))[0]!.request_id;
    });

    /** The body of a 404 for an id that exists elsewhere equals the one for an id that exists nowhere. */
    async function sameAsMissing(method: Method, path: (id: string) => string, realId: string, body?: object): Promise<void> {
      const send = (id: string) => {
        const r = t.http()[method](path(id)).set('authorization', rivalAdmin.auth);
        return body ? r.send(body) : r;
      };
      const real = await send(realId);
      const missing = await send(randomUUID());
      expect(real.status).toBe(404);
      expect({ ...(real.body as object), requestId: null }).toEqual({ ...(missing.body as object), requestId: null });
    }

    it('answers 404 for another partner’s request, its files, claim, proof pack, account and metrics, and lists none of them', async () => {
      await sameAsMissing('get', (id) => `/api/v1/mdf/requests/${id}`, requestId);
      await sameAsMissing('get', (id) => `/api/v1/mdf/claims/${id}`, claimId);
      await sameAsMissing('get', (id) => `/api/v1/mdf/claims/${id}/proof-pack`, claimId);
      await sameAsMissing('get', (id) => `/api/v1/mdf/accounts/${id}`, accountId);
      await sameAsMissing('patch', (id) => `/api/v1/mdf/claims/${id}`, claimId, { actualSpendCents: 5 });
      await sameAsMissing('patch', (id) => `/api/v1/mdf/requests/${id}`, requestId, { description: 'Hijacked' });
      await sameAsMissing('get', (id) => `/api/v1/mdf/programs/${programId}/partners/${id}/metrics`, own.partner.id);
      await sameAsMissing('get', (id) => `/api/v1/mdf/requests/${id}/files`, requestId);
      const fileId = await uploadFile(t, own.admin, await approved());
      const fileRequestId = (await t.db.query<{ request_id: string }[]>(`SELECT request_id FROM mdf_files WHERE id = $1`, [fileId]))[0]!.request_id;
      await sameAsMissing('delete', (id) => `/api/v1/mdf/requests/${id}/files/${fileId}`, fileRequestId);
      expect(await count(`SELECT 1 FROM mdf_files WHERE id = $1`, [fileId])).toBe(1);
      const upload = await t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=invoice`).set('authorization', rivalAdmin.auth).attach('file', PDF, 'invoice.pdf');
      expect(upload.status).toBe(404);
      const claim = await t.http().post('/api/v1/mdf/claims').set('authorization', rivalAdmin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 1, fileIds: [randomUUID()] });
      expect(claim.status).toBe(404);

      const lists = await Promise.all(['/api/v1/mdf/requests', '/api/v1/mdf/claims', '/api/v1/mdf/accounts'].map((path) => t.http().get(path).set('authorization', rivalAdmin.auth).expect(200)));
      for (const list of lists) {
        const partnerIds = new Set((list.body as { items: { partnerId: string }[] }).items.map((i) => i.partnerId));
        expect([...partnerIds].filter((id) => id !== other.partner.id)).toEqual([]);
      }
      // Asking for another partner's accounts by filter still answers only one's own.
      const filtered = await t.http().get(`/api/v1/mdf/accounts?partnerId=${own.partner.id}`).set('authorization', rivalAdmin.auth).expect(200);
      expect((filtered.body as { items: { partnerId: string }[] }).items.map((a) => a.partnerId)).toEqual([other.partner.id]);
    });

    it('does not let a partner submit a request for another partner', async () => {
      const res = await t
        .http()
        .post('/api/v1/mdf/requests')
        .set('authorization', rivalAdmin.auth)
        .send({ programId, partnerId: own.partner.id, activityType: 'event', description: 'For someone else', startsOn: '2026-11-10', endsOn: '2026-11-11', plannedCostCents: 2_000, requestedCents: 1_000 })
        .expect(422);
      expect(res.body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'partnerId' })] } });
      expect(await count(`SELECT 1 FROM mdf_requests WHERE description = 'For someone else'`, [])).toBe(0);
    });
  });
});
