import { loadBrandAndTemplates, makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';
import { PartnerEntity } from '@app/partners';
import { FundedPartner, fundedPartner, fundedProgram, vendorTeam } from './mdf-world';

/**
 * Text that PostgreSQL cannot store (NUL) or that is not Unicode (a lone UTF-16 surrogate) is
 * refused with a 400 naming the field, wherever it arrives: JSON bodies at any depth, query
 * strings, route params, form posts and CSV cells (where only the row is rejected).
 */
const CORPUS: Record<string, string> = {
  nul: 'Acme\u0000Corp',
  'lone high surrogate': 'Acme \ud83d Corp',
  'lone low surrogate': 'Acme \ude00 Corp',
  'high surrogate at the end': 'Acme Corp\udbff',
};

interface ErrorBody {
  statusCode: number;
  code: string;
  details: { fields: { field: string; problems: string[] }[] };
}

function expectRefused(res: { status: number; body: unknown }, field: string): void {
  expect(res.status).toBe(400);
  const body = res.body as ErrorBody;
  expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  expect(body.details.fields.map((f) => f.field)).toContain(field);
}

describe('hostile text input', () => {
  let t: TestApp;
  let vendorAdmin: TestUser;
  let marketer: TestUser;
  let partner: PartnerEntity;
  let partnerAdmin: TestUser;
  let funded: FundedPartner;
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp();
    vendorAdmin = await makeUser(t, 'vendor_admin');
    marketer = await makeUser(t, 'vendor_marketer');
    const tier = await makeTier(t);
    partner = await makePartner(t, { tierId: tier.id, name: 'Clean Partner' });
    partnerAdmin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    const team = await vendorTeam(t);
    funded = await fundedPartner(t);
    programId = await fundedProgram(t, team.admin, [{ tierId: funded.tierId, amountCents: 1_000_000 }], [funded.partner.id]);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

  it('refuses ?q= with a NUL on every searchable list, naming q, where a clean search answers', async () => {
    const docs = await t.http().get('/api/docs-json').expect(200);
    const paths = docs.body.paths as Record<string, { get?: { parameters?: { in: string; name: string }[] } }>;
    const searchable = Object.entries(paths)
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.in === 'query' && p.name === 'q'))
      .map(([path]) => path);
    expect(searchable.length).toBeGreaterThanOrEqual(5);
    for (const path of searchable) {
      expect(path).not.toContain('{');
      const user = path.startsWith('/api/v1/contacts') ? partnerAdmin : vendorAdmin;
      const clean = await t.http().get(`${path}?q=acme`).set('authorization', user.auth);
      expect([path, clean.status]).toEqual([path, 200]);
      const hostile = await t.http().get(`${path}?q=a%00b`).set('authorization', user.auth);
      expect([path, hostile.status]).toEqual([path, 400]);
      expectRefused(hostile, 'q');
    }
  });

  it('refuses a NUL in a route param, naming it', async () => {
    const res = await t.http().get('/api/v1/partners/a%00b').set('authorization', vendorAdmin.auth);
    expectRefused(res, 'id');
  });

  describe.each(Object.entries(CORPUS))('%s in a JSON body', (_name, hostile) => {
    it('is refused in the partner profile (name, address, disclaimer) and nothing changes', async () => {
      for (const field of ['name', 'address', 'legalDisclaimer']) {
        const res = await t.http().patch(`/api/v1/partners/${partner.id}`).set('authorization', partnerAdmin.auth).send({ [field]: hostile });
        expectRefused(res, field);
      }
      const row = await t.db.query<{ name: string; address: string | null; legal_disclaimer: string | null }[]>('SELECT name, address, legal_disclaimer FROM partners WHERE id = $1', [partner.id]);
      expect(row[0]).toEqual({ name: 'Clean Partner', address: null, legal_disclaimer: null });
    });

    it('is refused in deal notes and the MDF request description, storing nothing', async () => {
      const deal = { customerCompany: 'Initech', customerDomain: 'initech.example', amountCents: 100_000, currency: 'USD' };
      const deals = await count('deals WHERE partner_id = $1', [partner.id]);
      expectRefused(await t.http().post('/api/v1/deals').set('authorization', partnerAdmin.auth).send({ ...deal, notes: hostile }), 'notes');
      expect(await count('deals WHERE partner_id = $1', [partner.id])).toBe(deals);

      const request = { programId, activityType: 'webinar', startsOn: '2026-11-10', endsOn: '2026-11-12', plannedCostCents: 1_000, requestedCents: 500 };
      const requests = await count('mdf_requests');
      expectRefused(await t.http().post('/api/v1/mdf/requests').set('authorization', funded.admin.auth).send({ ...request, description: hostile }), 'description');
      expect(await count('mdf_requests')).toBe(requests);
    });

    it('is refused in a user invitation name and in contact fields', async () => {
      const email = `invitee-${Math.random().toString(36).slice(2)}@example.test`;
      expectRefused(await t.http().post('/api/v1/users').set('authorization', vendorAdmin.auth).send({ email, name: hostile, role: 'vendor_marketer' }), 'name');
      expect(await count('users WHERE email = $1', [email])).toBe(0);

      const [contact] = await t.db.query<{ id: string }[]>(
        "INSERT INTO contacts (partner_id, email, email_normalised, first_name, origin) VALUES ($1, $2, lower($2), 'Clean', 'test') RETURNING id",
        [partner.id, `c-${Math.random().toString(36).slice(2)}@example.test`],
      );
      for (const field of ['firstName', 'company']) {
        expectRefused(await t.http().patch(`/api/v1/contacts/${contact!.id}`).set('authorization', partnerAdmin.auth).send({ [field]: hostile }), field);
      }
      const stored = await t.db.query<{ first_name: string; company: string | null }[]>('SELECT first_name, company FROM contacts WHERE id = $1', [contact!.id]);
      expect(stored[0]).toEqual({ first_name: 'Clean', company: null });
    });

    it('is named by its path at any depth, arrays and keys included', async () => {
      const nested = await t
        .http()
        .post('/api/v1/kits')
        .set('authorization', marketer.auth)
        .send({ slug: 'nested-kit', category: 'product-launch', name: 'Kit', templateIds: [], destinations: [{ key: 'a', url: 'https://a.example/', label: 'Fine' }, { key: 'b', url: 'https://b.example/', label: hostile }] });
      expectRefused(nested, 'destinations.1.label');
      const key = await t.http().patch(`/api/v1/partners/${partner.id}`).set('authorization', partnerAdmin.auth).send({ [`bad${hostile}`]: 'x' });
      expect(key.status).toBe(400);
      expect(await count("kits WHERE slug = 'nested-kit'")).toBe(0);
    });
  });

  it('still accepts the same requests with clean text', async () => {
    await t.http().patch(`/api/v1/partners/${partner.id}`).set('authorization', partnerAdmin.auth).send({ legalDisclaimer: 'Acme Corp 😀 © — ok' }).expect(200);
    const res = await t
      .http()
      .post('/api/v1/deals')
      .set('authorization', partnerAdmin.auth)
      .send({ customerCompany: 'Initech', customerDomain: 'initech.example', amountCents: 100_000, currency: 'USD', notes: 'Acme Corp 😀' });
    expect(res.status).toBe(201);
  });

  describe('forms and files', () => {
    let slug: string;

    beforeAll(async () => {
      const templateIds = await loadBrandAndTemplates(t, marketer);
      const created = await t
        .http()
        .post('/api/v1/kits')
        .set('authorization', marketer.auth)
        .send({
          slug: 'hostile-lead-kit',
          category: 'product-launch',
          name: 'Kit hostile',
          templateIds: [templateIds['backup-5-trial']],
          destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }],
          eligibility: { tierIds: [partner.tierId] },
        })
        .expect(201);
      const kitId = (created.body as { id: string }).id;
      await t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', marketer.auth).expect(200);
      await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', partnerAdmin.auth).send({}).expect(201);
      slug = partner.slug;
    });

    it('refuses a NUL in a landing-page lead form field, keeping no lead, and takes the clean form', async () => {
      const leads = () => count('leads l JOIN launches x ON x.id = l.launch_id WHERE x.partner_id = $1', [partner.id]);
      for (const field of ['firstName', 'company', 'email']) {
        const values: Record<string, string> = { firstName: 'Dana', company: 'Example Ltd', email: 'dana@example.test' };
        values[field] = `${values[field]!.slice(0, 2)}%00${values[field]!.slice(2)}`;
        const body = Object.entries(values)
          .map(([k, v]) => `${k}=${v.replace('@', '%40')}`)
          .join('&');
        const res = await t.http().post(`/p/${slug}/hostile-lead-kit/lead`).type('form').send(body);
        expectRefused(res, field);
      }
      expect(await leads()).toBe(0);
      await t.http().post(`/p/${slug}/hostile-lead-kit/lead`).type('form').send({ firstName: 'Dana', company: 'Example Ltd', email: 'dana@example.test' }).expect(200);
      expect(await leads()).toBe(1);
    });

    it('rejects a contacts CSV row holding a NUL, naming its column, and imports the rest', async () => {
      const csv = ['email,first name,company', 'good1@example.test,Good,One', 'bad1@example.test,Ba\u0000d,Two', 'bad\u00002@example.test,Bad,Three', 'good2@example.test,Good,Fo\u0000ur', 'good3@example.test,Good,Five'].join('\r\n');
      const res = await t.http().post('/api/v1/contacts/imports').set('authorization', partnerAdmin.auth).attach('file', Buffer.from(csv), 'contacts.csv');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'completed', totalRows: 5, imported: 2, rejected: 3 });
      const rejected = (res.body.firstRejected as { row: number; email: string | null; errors: { code: string; field: string }[] }[]).map((r) => [r.row, r.email, r.errors]);
      expect(rejected).toEqual([
        [3, 'bad1@example.test', [expect.objectContaining({ code: 'BAD_TEXT', field: 'firstName' })]],
        [4, null, [expect.objectContaining({ code: 'BAD_TEXT', field: 'email' })]],
        [5, 'good2@example.test', [expect.objectContaining({ code: 'BAD_TEXT', field: 'company' })]],
      ]);
      const stored = await t.db.query<{ email: string }[]>("SELECT email FROM contacts WHERE partner_id = $1 AND (email LIKE 'good%' OR email LIKE 'bad%') ORDER BY email", [partner.id]);
      expect(stored.map((c) => c.email)).toEqual(['good1@example.test', 'good3@example.test']);

      // A lone surrogate as an exporter writes it (CESU-8 bytes ED A0 BD): that row only is rejected.
      const lone = Buffer.concat([
        Buffer.from('email,first name\r\nhigh@example.test,Ha'),
        Buffer.from([0xed, 0xa0, 0xbd]),
        Buffer.from('lf\r\nlow@example.test,Lo'),
        Buffer.from([0xed, 0xb8, 0x80]),
        Buffer.from('w\r\nfine@example.test,Fine 😀\r\n'),
      ]);
      const surrogates = await t.http().post('/api/v1/contacts/imports').set('authorization', partnerAdmin.auth).attach('file', lone, 'contacts.csv');
      expect(surrogates.status).toBe(201);
      expect(surrogates.body).toMatchObject({ totalRows: 3, imported: 1, rejected: 2 });
      expect((surrogates.body.firstRejected as { errors: { code: string; field: string }[] }[]).map((r) => r.errors)).toEqual([
        [expect.objectContaining({ code: 'BAD_TEXT', field: 'firstName' })],
        [expect.objectContaining({ code: 'BAD_TEXT', field: 'firstName' })],
      ]);
      const names = await t.db.query<{ email: string; first_name: string }[]>("SELECT email, first_name FROM contacts WHERE partner_id = $1 AND email IN ('high@example.test', 'low@example.test', 'fine@example.test')", [partner.id]);
      expect(names).toEqual([{ email: 'fine@example.test', first_name: 'Fine 😀' }]);

      const header = await t.http().post('/api/v1/contacts/imports').set('authorization', partnerAdmin.auth).attach('file', Buffer.from('email,no\u0000te\r\nx@example.test,1\r\n'), 'contacts.csv');
      expect(header.status).toBe(422);
      expect(header.body).toMatchObject({ code: 'IMPORT_BAD_HEADER', details: { fields: [{ field: 'file' }] } });
    });

    it('rejects a deals CSV row holding a NUL, naming its column, and imports the rest', async () => {
      const csv = [
        'Partner Id,Account Name,Website,Amount,Currency,Description',
        `${partner.id},Hooli,hooli.example,100,USD,Fine`,
        `${partner.id},Pied\u0000Piper,piedpiper.example,100,USD,Fine`,
        `${partner.slug}\u0000,Ghost,ghost.example,100,USD,Fine`,
        `${partner.id},Aviato,aviato.example,100,USD,Notes\u0000here`,
        `${partner.id},Raviga,raviga.example,100,USD,Fine`,
      ].join('\n');
      const res = await t.http().post('/api/v1/deals/imports').set('authorization', vendorAdmin.auth).attach('file', Buffer.from(csv), 'deals.csv');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalRows: 5, imported: 2, rejected: 3 });
      const byRow = Object.fromEntries((res.body.rows as { row: number; errors: { field: string }[] }[]).map((r) => [r.row, r.errors.map((e) => e.field)]));
      expect(byRow).toEqual({ 2: [], 3: ['Account Name'], 4: ['Partner Id'], 5: ['Description'], 6: [] });
      const companies = await t.db.query<{ customer_company: string }[]>("SELECT customer_company FROM deals WHERE registration_mode = 'import' ORDER BY customer_company");
      expect(companies.map((d) => d.customer_company)).toEqual(['Hooli', 'Raviga']);
    });
  });

  describe('deeply nested JSON', () => {
    const nested = (levels: number, inner = '1') => `{"email":${'['.repeat(levels - 1)}${inner}${']'.repeat(levels - 1)},"password":"x"}`;

    it('refuses a body deeper than 64 levels with a 400 on login and on another route', async () => {
      for (const path of ['/api/v1/auth/login', '/api/v1/deals']) {
        const res = await t.http().post(path).set('authorization', partnerAdmin.auth).set('content-type', 'application/json').send(nested(3_000));
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body', problems: ['must not be nested deeper than 64 levels'] }] } });
      }
      // 64 levels is allowed through to validation, which names the field it dislikes.
      const atLimit = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(nested(64));
      expect(atLimit.status).toBe(400);
      expect((atLimit.body as ErrorBody).details.fields.map((f) => f.field)).toContain('email');
      const over = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(nested(65));
      expect((over.body as ErrorBody).details.fields).toEqual([{ field: 'body', problems: ['must not be nested deeper than 64 levels'] }]);
    });

    it('keeps refusing prototype poisoning', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":"a@example.test","password":"x","__proto__":{"admin":true}}');
      expect(res.status).toBe(400);
    });
  });
});
