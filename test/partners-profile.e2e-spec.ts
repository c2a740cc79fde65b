import { randomBytes, randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { IsNull } from 'typeorm';
import { UserEntity } from '@app/core';
import { PartnerEntity, TierEntity } from '@app/partners';
import { makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/** Partner profiles and tiers through the API: create, update, validation, uniqueness, lists, audit. */

interface PartnerBody {
  id: string;
  name: string;
  slug: string;
  tierId: string;
  region: string;
  status: string;
  timeZone: string;
  website: string | null;
  phone: string | null;
  brandColour: string | null;
  legalDisclaimer: string | null;
  signedAt: string | null;
  logo: unknown;
  profileVersion: number;
}
interface PartnerPage {
  items: PartnerBody[];
  nextCursor: string | null;
}
interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  on_behalf_of_partner_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

let rank = 0;
/** Tier ranks are unique; every tier in this file takes the next one (factories would pick at random). */
const nextRank = () => ++rank;
const token = () => randomBytes(4).toString('hex');

/** The fields a 400/422 names, in `details.fields[].field`. */
const namedFields = (res: Response): string[] => ((res.body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);

describe('partners: profile, validation, lists, tiers and audit', () => {
  let t: TestApp;
  let vendor: TestUser;
  let manager: TestUser;
  let tier: TierEntity;
  let otherTier: TierEntity;

  const as = (user: TestUser) => ({
    get: (path: string): Test => t.http().get(path).set('Authorization', user.auth),
    post: (path: string, body: object): Test => t.http().post(path).set('Authorization', user.auth).send(body),
    patch: (path: string, body: object): Test => t.http().patch(path).set('Authorization', user.auth).send(body),
  });
  const stored = (id: string) => t.db.getRepository(PartnerEntity).findOneByOrFail({ id });
  const auditRows = (entityId: string) => t.db.query<AuditRow[]>('SELECT * FROM audit_events WHERE entity_id = $1 ORDER BY id', [entityId]);
  const newPartner = (overrides: Partial<PartnerEntity> = {}) => makePartner(t, { tierId: tier.id, ...overrides });
  const validCreate = (overrides: object = {}) => {
    const slug = `acme-${token()}`;
    return { name: `Acme ${slug}`, slug, tierId: tier.id, region: 'EMEA', ...overrides };
  };

  beforeAll(async () => {
    t = await startTestApp();
    vendor = await makeUser(t, 'vendor_admin');
    manager = await makeUser(t, 'channel_manager');
    tier = await makeTier(t, { rank: nextRank(), name: `Registered ${token()}` });
    otherTier = await makeTier(t, { rank: nextRank(), name: `Gold ${token()}` });
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('creates a partner with normalised fields and defaults, visible on GET and in the audit trail', async () => {
      const slug = `northwind-${token()}`;
      const res = await as(manager)
        .post('/api/v1/partners', { name: '  Northwind IT  ', slug, tierId: tier.id, region: 'EMEA', website: 'https://northwind.example', brandColour: '#0b5fff' })
        .expect(201);
      const created = res.body as PartnerBody;
      expect(created).toMatchObject({
        name: 'Northwind IT',
        slug,
        tierId: tier.id,
        region: 'EMEA',
        website: 'https://northwind.example',
        brandColour: '#0B5FFF',
        status: 'prospect',
        timeZone: 'UTC',
        signedAt: null,
        logo: null,
        profileVersion: 1,
      });
      expect((await as(vendor).get(`/api/v1/partners/${created.id}`).expect(200)).body).toEqual(created);
      const rows = await auditRows(created.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'partner.created', entity_type: 'partner', actor_user_id: manager.user.id, after: expect.objectContaining({ slug }) });
    });

    it('refuses a slug another partner uses: 409 PARTNER_SLUG_TAKEN naming slug, nothing created', async () => {
      const existing = await newPartner();
      const res = await as(vendor).post('/api/v1/partners', validCreate({ slug: existing.slug, name: 'Copycat' })).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'PARTNER_SLUG_TAKEN', details: { field: 'slug' }, requestId: expect.any(String) });
      expect(await t.db.getRepository(PartnerEntity).countBy({ slug: existing.slug })).toBe(1);
      expect(await t.db.getRepository(PartnerEntity).countBy({ name: 'Copycat' })).toBe(0);
    });

    it('names every missing required field', async () => {
      const res = await as(vendor).post('/api/v1/partners', {}).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual(expect.arrayContaining(['name', 'slug', 'tierId', 'region']));
    });

    it.each(['name', 'slug', 'tierId', 'region'])('refuses a create without %s with 400 naming it, and creates nothing', async (field) => {
      const body: Record<string, unknown> = validCreate();
      delete body[field];
      const before = await t.db.getRepository(PartnerEntity).count();
      const res = await as(vendor).post('/api/v1/partners', body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toContain(field);
      expect(await t.db.getRepository(PartnerEntity).count()).toBe(before);
    });

    it.each([
      ['a slug with capitals and spaces', { slug: 'Not A Slug' }, 'slug'],
      ['a slug with a double hyphen', { slug: 'double--hyphen' }, 'slug'],
      ['a slug ending in a hyphen', { slug: 'trailing-' }, 'slug'],
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['a colour name as brandColour', { brandColour: 'blue' }, 'brandColour'],
      ['a short hex brandColour', { brandColour: '#0BF' }, 'brandColour'],
      ['an ftp website', { website: 'ftp://files.example.com' }, 'website'],
      ['a javascript: website', { website: 'javascript:alert(1)' }, 'website'],
      ['a website without a scheme', { website: 'northwind.example.com' }, 'website'],
      ['an unknown region', { region: 'MOON' }, 'region'],
      ['an unknown status', { status: 'gone' }, 'status'],
      ['a signedAt that is not a date', { signedAt: '01/09/2026' }, 'signedAt'],
      ['a signedAt that is an impossible date', { signedAt: '2026-13-45' }, 'signedAt'],
      ['a tierId that is not a UUID', { tierId: 'gold' }, 'tierId'],
      ['a blank name', { name: '    ' }, 'name'],
      ['an unknown property', { logoKey: 'partners/x/logo.png' }, 'logoKey'],
    ] as const)('refuses %s with 400 VALIDATION_FAILED naming the field, and creates nothing', async (_case, patch, field) => {
      const body = validCreate(patch);
      const res = await as(vendor).post('/api/v1/partners', body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      expect(namedFields(res)).toEqual([field]);
      expect(res.body.details.fields[0].problems).toEqual(expect.arrayContaining([expect.any(String)]));
      expect(await t.db.getRepository(PartnerEntity).countBy({ name: body.name })).toBe(0);
    });

    it('names each bad field when several are wrong at once', async () => {
      const res = await as(vendor)
        .post('/api/v1/partners', validCreate({ slug: 'Bad Slug', timeZone: 'Nowhere/City', brandColour: 'red', website: 'ftp://x.example', shoeSize: 44 }))
        .expect(400);
      expect(namedFields(res).sort()).toEqual(['brandColour', 'shoeSize', 'slug', 'timeZone', 'website']);
    });

    it('refuses a tierId that is no tier with 422 naming tierId', async () => {
      const body = validCreate({ tierId: randomUUID() });
      const res = await as(vendor).post('/api/v1/partners', body).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual(['tierId']);
      expect(await t.db.getRepository(PartnerEntity).countBy({ slug: body.slug })).toBe(0);
    });
  });

  describe('update', () => {
    let partner: PartnerEntity;
    let admin: TestUser;
    let member: TestUser;

    beforeEach(async () => {
      partner = await newPartner({ region: 'NA', status: 'active', website: 'https://before.example', timeZone: 'America/New_York' });
      admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
      member = await makeUser(t, 'partner_user', { partnerId: partner.id });
    });

    it('lets the partner admin change its own profile, bumping profileVersion by one', async () => {
      const changes = {
        name: 'Northwind Integrators',
        website: 'https://northwind-integrators.example',
        phone: '+1 (415) 555-0100',
        address: '1 Market St, San Francisco',
        timeZone: 'America/Chicago',
        brandColour: '#12ab9f',
        legalDisclaimer: 'Northwind is an authorised reseller.',
      };
      const res = await as(admin).patch(`/api/v1/partners/${partner.id}`, changes).expect(200);
      expect(res.body).toMatchObject({ ...changes, brandColour: '#12AB9F', profileVersion: partner.profileVersion + 1, slug: partner.slug, status: 'active' });
      expect(await stored(partner.id)).toMatchObject({ ...changes, brandColour: '#12AB9F', profileVersion: partner.profileVersion + 1 });
    });

    it('lets the partner admin clear a nullable profile field', async () => {
      const res = await as(admin).patch(`/api/v1/partners/${partner.id}`, { website: null }).expect(200);
      expect(res.body).toMatchObject({ website: null, profileVersion: partner.profileVersion + 1 });
    });

    it('does not bump profileVersion or audit when nothing is sent', async () => {
      await as(admin).patch(`/api/v1/partners/${partner.id}`, {}).expect(200);
      expect((await stored(partner.id)).profileVersion).toBe(partner.profileVersion);
      expect(await auditRows(partner.id)).toEqual([]);
    });

    it.each([
      ['slug', `renamed-${token()}`],
      ['tierId', null],
      ['region', 'EMEA'],
      ['status', 'inactive'],
      ['signedAt', '2026-09-01'],
      ['signedAt', null],
    ] as const)('refuses the partner admin changing %s (%s): 403 FORBIDDEN naming it, nothing changed', async (field, value) => {
      const body = { name: 'Sneaky Rename', [field]: field === 'tierId' ? otherTier.id : value };
      const res = await as(admin).patch(`/api/v1/partners/${partner.id}`, body).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(res.body.message).toContain(field);
      expect(res.body.message).not.toContain('name');
      const after = await stored(partner.id);
      expect(after).toMatchObject({ name: partner.name, slug: partner.slug, tierId: partner.tierId, region: 'NA', status: 'active', profileVersion: partner.profileVersion });
      expect(await auditRows(partner.id)).toEqual([]);
    });

    it('names every vendor-only field the partner admin sent', async () => {
      const res = await as(admin).patch(`/api/v1/partners/${partner.id}`, { slug: `x-${token()}`, region: 'APAC', status: 'inactive' }).expect(403);
      for (const field of ['slug', 'region', 'status']) expect(res.body.message).toContain(field);
    });

    it('refuses the partner user any change: 403, nothing changed', async () => {
      const res = await as(member).patch(`/api/v1/partners/${partner.id}`, { name: 'User Was Here' }).expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(await stored(partner.id)).toMatchObject({ name: partner.name, profileVersion: partner.profileVersion });
    });

    it('lets the vendor change vendor-only fields', async () => {
      const slug = `moved-${token()}`;
      const res = await as(manager)
        .patch(`/api/v1/partners/${partner.id}`, { slug, tierId: otherTier.id, region: 'LATAM', status: 'inactive', signedAt: '2026-09-01' })
        .expect(200);
      expect(res.body).toMatchObject({ slug, tierId: otherTier.id, region: 'LATAM', status: 'inactive', signedAt: '2026-09-01', profileVersion: partner.profileVersion + 1 });
    });

    it('refuses a slug another partner uses: 409 PARTNER_SLUG_TAKEN naming slug, nothing changed', async () => {
      const other = await newPartner();
      const res = await as(vendor).patch(`/api/v1/partners/${partner.id}`, { slug: other.slug, name: 'Should Not Stick' }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'PARTNER_SLUG_TAKEN', details: { field: 'slug' } });
      expect(await stored(partner.id)).toMatchObject({ slug: partner.slug, name: partner.name, profileVersion: partner.profileVersion });
      expect(await auditRows(partner.id)).toEqual([]);
    });

    it('accepts a partner keeping its own slug', async () => {
      await as(vendor).patch(`/api/v1/partners/${partner.id}`, { slug: partner.slug, name: 'Same Slug Co' }).expect(200);
      expect(await stored(partner.id)).toMatchObject({ slug: partner.slug, name: 'Same Slug Co' });
    });

    it.each([
      ['a bad slug', { slug: 'No_Underscores' }, ['slug']],
      ['a bad time zone', { timeZone: 'Europe/Atlantis' }, ['timeZone']],
      ['a brandColour that is not hex', { brandColour: '#GGGGGG' }, ['brandColour']],
      ['a website that is not http(s)', { website: 'mailto:sales@northwind.example' }, ['website']],
      ['an unknown property', { profileVersion: 99 }, ['profileVersion']],
      ['several bad fields', { slug: '-x-', brandColour: 'teal', nickname: 'NW' }, ['brandColour', 'nickname', 'slug']],
      ['a null name', { name: null }, ['name']],
      ['a null slug', { slug: null }, ['slug']],
      ['a null tierId', { tierId: null }, ['tierId']],
      ['a null region', { region: null }, ['region']],
      ['a null status', { status: null }, ['status']],
      ['a null time zone', { timeZone: null }, ['timeZone']],
    ] as const)('refuses %s with 400 naming each field, nothing changed', async (_case, body, fields) => {
      const res = await as(vendor).patch(`/api/v1/partners/${partner.id}`, body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res).sort()).toEqual(fields);
      expect((await stored(partner.id)).profileVersion).toBe(partner.profileVersion);
    });

    it('refuses a tierId that is no tier with 422 naming tierId', async () => {
      const res = await as(vendor).patch(`/api/v1/partners/${partner.id}`, { tierId: randomUUID() }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual(['tierId']);
      expect((await stored(partner.id)).tierId).toBe(partner.tierId);
    });

    it.each([
      ['GET', '/api/v1/partners/not-a-uuid'],
      ['PATCH', '/api/v1/partners/not-a-uuid'],
      ['GET', '/api/v1/partners/1234/users'],
      ['POST', '/api/v1/partners/1234/users'],
      ['GET', '/api/v1/partners/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/logo'],
      ['PUT', '/api/v1/partners/not-a-uuid/logo'],
      ['PATCH', '/api/v1/tiers/not-a-uuid'],
    ] as const)('%s %s: an invalid UUID in the path is 400 naming id', async (method, path) => {
      const request = method === 'GET' ? as(vendor).get(path) : method === 'PATCH' ? as(vendor).patch(path, { name: 'Whatever' }) : null;
      const res = await (request ??
        (method === 'POST'
          ? as(vendor).post(path, { email: `x-${token()}@example.test`, name: 'X', role: 'partner_user' })
          : t.http().put(path).set('Authorization', vendor.auth).attach('file', Buffer.from('x'), 'logo.png')));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual(['id']);
    });

    it('answers 404 NOT_FOUND for a well-formed id that is no partner', async () => {
      const res = await as(vendor).patch(`/api/v1/partners/${randomUUID()}`, { name: 'Ghost' }).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });
  });

  describe('audit', () => {
    it('records who changed what, before and after, in the same request', async () => {
      const partner = await newPartner({ name: 'Audit Before', phone: null });
      const res = await as(manager).patch(`/api/v1/partners/${partner.id}`, { name: 'Audit After', phone: '+44 20 7946 0000' }).expect(200);
      const rows = await auditRows(partner.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'partner.updated',
        entity_type: 'partner',
        entity_id: partner.id,
        actor_user_id: manager.user.id,
        on_behalf_of_partner_id: partner.id,
        before: { name: 'Audit Before', phone: null },
        after: { name: 'Audit After', phone: '+44 20 7946 0000' },
        request_id: res.headers['x-request-id'],
      });
      expect(rows[0]!.occurred_at.toISOString()).toBe(t.clock.now().toISOString());
    });

    it("records a partner admin's own change as its own, not on anyone's behalf", async () => {
      const partner = await newPartner();
      const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
      await as(admin).patch(`/api/v1/partners/${partner.id}`, { legalDisclaimer: 'Ours.' }).expect(200);
      expect(await auditRows(partner.id)).toEqual([
        expect.objectContaining({ actor_user_id: admin.user.id, on_behalf_of_partner_id: null, before: { legalDisclaimer: null }, after: { legalDisclaimer: 'Ours.' } }),
      ]);
    });

    it('refuses to UPDATE or DELETE an audit row at the database', async () => {
      const partner = await newPartner({ name: 'Tamper Before' });
      await as(vendor).patch(`/api/v1/partners/${partner.id}`, { name: 'Tamper After' }).expect(200);
      const [row] = await auditRows(partner.id);
      await expect(t.db.query(`UPDATE audit_events SET after = '{"name":"Forged"}'::jsonb WHERE entity_id = $1`, [partner.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_events WHERE entity_id = $1', [partner.id])).rejects.toThrow(/append-only/);
      expect(await auditRows(partner.id)).toEqual([row]);
    });
  });

  describe('lists', () => {
    const ids = (res: Response) => (res.body as PartnerPage).items.map((p) => p.id);

    /** Walks every page of `path` (which has a query string) with `limit`, returning ids and page sizes. */
    const walk = async (path: string, limit: number) => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const res = await as(vendor)
          .get(`${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200);
        const body = res.body as PartnerPage;
        seen.push(...body.items.map((p) => p.id));
        sizes.push(body.items.length);
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return { seen, sizes };
    };

    it('pages through partners in name order, every one exactly once', async () => {
      const tag = `pg${token()}`;
      // Two names equal but for case straddle the first page break, so the order needs the id tie-break.
      const names = ['Alpha', 'bravo', 'CHARLIE', 'charlie', 'Delta', 'echo', 'Foxtrot'];
      const made = [];
      for (const name of [...names].reverse()) made.push(await newPartner({ name: `${tag} ${name}` }));
      const expected = made
        .map((p) => ({ id: p.id, key: p.name.toLowerCase() }))
        .sort((x, y) => (x.key === y.key ? (x.id < y.id ? -1 : 1) : x.key < y.key ? -1 : 1))
        .map((p) => p.id);

      const filtered = await walk(`/api/v1/partners?q=${tag}`, 3);
      expect(filtered.sizes).toEqual([3, 3, 1]);
      expect(filtered.seen).toEqual(expected);

      const all = await walk('/api/v1/partners?', 3);
      expect(new Set(all.seen).size).toBe(all.seen.length);
      expect(all.seen.length).toBe(await t.db.getRepository(PartnerEntity).count());
      expect(all.seen.filter((id) => expected.includes(id))).toEqual(expected);
    });

    it('answers a full last page with nextCursor null', async () => {
      const tag = `full${token()}`;
      for (const name of ['One', 'Two']) await newPartner({ name: `${tag} ${name}` });
      const res = await as(vendor).get(`/api/v1/partners?q=${tag}&limit=2`).expect(200);
      expect((res.body as PartnerPage).items).toHaveLength(2);
      expect((res.body as PartnerPage).nextCursor).toBeNull();
    });

    it.each([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['cursor=' + Buffer.from('["only-one"]').toString('base64url'), 'cursor'],
      ['cursor=' + Buffer.from('["acme","not-a-uuid"]').toString('base64url'), 'cursor'],
      ['cursor=' + Buffer.from('[1,2]').toString('base64url'), 'cursor'],
      ['region=MOON', 'region'],
      ['status=gone', 'status'],
      ['tierId=gold', 'tierId'],
      ['colour=red', 'colour'],
    ])('GET /api/v1/partners?%s is 400 naming %s', async (query, field) => {
      const res = await as(vendor).get(`/api/v1/partners?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual([field]);
    });

    it('accepts limit=100', async () => {
      await as(vendor).get('/api/v1/partners?limit=100').expect(200);
    });

    it.each([
      ['/api/v1/users', 'cursor=garbage'],
      ['/api/v1/users', 'cursor=' + Buffer.from('["not a date","not-a-uuid"]').toString('base64url')],
      ['/api/v1/users', 'limit=101'],
      ['/api/v1/partners/:id/users', 'cursor=garbage'],
      ['/api/v1/partners/:id/users', 'cursor=' + Buffer.from('["2026-01-01T00:00:00.000Z","not-a-uuid"]').toString('base64url')],
      ['/api/v1/partners/:id/users', 'cursor=' + Buffer.from('["yesterday","' + randomUUID() + '"]').toString('base64url')],
      ['/api/v1/partners/:id/users', 'limit=101'],
    ])('GET %s?%s is 400 naming the parameter', async (route, query) => {
      const partner = await newPartner();
      const res = await as(vendor).get(`${route.replace(':id', partner.id)}?${query}`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual([query.split('=')[0]]);
    });

    /** Walks a user list with `limit`, returning every id served, repeats included. */
    const walkUsers = async (path: string, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const res = await as(vendor)
          .get(`${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200);
        const body = res.body as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((u) => u.id));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return seen;
    };

    it('pages through the users of a partner, every one exactly once', async () => {
      const partner = await newPartner();
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await makeUser(t, 'partner_user', { partnerId: partner.id })).user.id);
      const seen = await walkUsers(`/api/v1/partners/${partner.id}/users`, 2);
      expect(seen).toHaveLength(made.length);
      expect([...seen].sort()).toEqual([...made].sort());
    });

    it('pages through vendor users, every one exactly once', async () => {
      for (let i = 0; i < 3; i++) await makeUser(t, 'finance');
      const seen = await walkUsers('/api/v1/users', 2);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await t.db.getRepository(UserEntity).countBy({ partnerId: IsNull() }));
    });

    describe('filters', () => {
      const tag = `flt${token()}`;
      let gold: TierEntity;
      let silver: TierEntity;
      const p = {} as Record<'cloud100pct' | 'cloud100x' | 'dataUnderscore' | 'dataX', PartnerEntity>;

      beforeAll(async () => {
        gold = await makeTier(t, { rank: nextRank() });
        silver = await makeTier(t, { rank: nextRank() });
        p.cloud100pct = await makePartner(t, { tierId: gold.id, region: 'EMEA', status: 'active', name: `${tag} Cloud 100% Ready` });
        p.cloud100x = await makePartner(t, { tierId: gold.id, region: 'APAC', status: 'prospect', name: `${tag} Cloud 100X Ready` });
        p.dataUnderscore = await makePartner(t, { tierId: silver.id, region: 'EMEA', status: 'inactive', name: `${tag} Data_Works` });
        p.dataX = await makePartner(t, { tierId: silver.id, region: 'NA', status: 'active', name: `${tag} DataXWorks` });
      });

      const query = async (qs: string) => ids(await as(vendor).get(`/api/v1/partners?limit=100&${qs}`).expect(200)).sort();

      it('filters by tierId', async () => {
        expect(await query(`tierId=${gold.id}`)).toEqual([p.cloud100pct.id, p.cloud100x.id].sort());
        expect(await query(`tierId=${silver.id}`)).toEqual([p.dataUnderscore.id, p.dataX.id].sort());
      });

      it('filters by region and by status', async () => {
        expect(await query(`q=${tag}&region=EMEA`)).toEqual([p.cloud100pct.id, p.dataUnderscore.id].sort());
        expect(await query(`q=${tag}&status=active`)).toEqual([p.cloud100pct.id, p.dataX.id].sort());
        expect(await query(`q=${tag}&status=onboarding`)).toEqual([]);
      });

      it('combines filters', async () => {
        expect(await query(`tierId=${silver.id}&region=EMEA&status=inactive`)).toEqual([p.dataUnderscore.id]);
        expect(await query(`tierId=${gold.id}&region=NA`)).toEqual([]);
      });

      it('matches q case-insensitively anywhere in the name, with % and _ taken literally', async () => {
        expect(await query(`q=${tag.toUpperCase()}`)).toHaveLength(4);
        expect(await query(`q=${encodeURIComponent('ud 100% rea')}`)).toEqual([p.cloud100pct.id]);
        expect(await query(`q=${encodeURIComponent(`${tag} data_`)}`)).toEqual([p.dataUnderscore.id]);
        expect(await query(`q=${tag}-nothing`)).toEqual([]);
      });
    });
  });

  describe('tiers', () => {
    const tiersPath = '/api/v1/tiers';

    it('lets the vendor admin create a tier, listed by rank', async () => {
      const name = `Platinum ${token()}`;
      const r = nextRank();
      const res = await as(vendor).post(tiersPath, { name: `  ${name} `, rank: r, defaultMdfReimbursementPct: 75, attributes: { mdfQuarterlyCents: 500000, currency: 'USD' } }).expect(201);
      expect(res.body).toEqual({ id: expect.any(String), name, rank: r, defaultMdfReimbursementPct: 75, attributes: { mdfQuarterlyCents: 500000, currency: 'USD' } });
      const list = (await as(manager).get(tiersPath).expect(200)).body as { id: string; rank: number }[];
      expect(list.map((x) => x.id)).toContain(res.body.id);
      expect(list.map((x) => x.rank)).toEqual([...list.map((x) => x.rank)].sort((a, b) => a - b));
      expect(await auditRows(res.body.id)).toEqual([expect.objectContaining({ action: 'tier.created', actor_user_id: vendor.user.id })]);
    });

    it('lets the vendor admin update a tier', async () => {
      const made = await makeTier(t, { rank: nextRank() });
      const name = `Renamed ${token()}`;
      const r = nextRank();
      const res = await as(vendor).patch(`${tiersPath}/${made.id}`, { name, rank: r, defaultMdfReimbursementPct: 90 }).expect(200);
      expect(res.body).toMatchObject({ id: made.id, name, rank: r, defaultMdfReimbursementPct: 90 });
      expect(await t.db.getRepository(TierEntity).findOneByOrFail({ id: made.id })).toMatchObject({ name, rank: r, defaultMdfReimbursementPct: 90 });
    });

    it('refuses a duplicate name (409 TIER_NAME_TAKEN) or rank (409 TIER_RANK_TAKEN) on create', async () => {
      const existing = await makeTier(t, { rank: nextRank() });
      const byName = await as(vendor).post(tiersPath, { name: existing.name, rank: nextRank(), defaultMdfReimbursementPct: 50 }).expect(409);
      expect(byName.body).toMatchObject({ statusCode: 409, code: 'TIER_NAME_TAKEN', details: { field: 'name' } });
      const name = `Fresh ${token()}`;
      const byRank = await as(vendor).post(tiersPath, { name, rank: existing.rank, defaultMdfReimbursementPct: 50 }).expect(409);
      expect(byRank.body).toMatchObject({ statusCode: 409, code: 'TIER_RANK_TAKEN', details: { field: 'rank' } });
      expect(await t.db.getRepository(TierEntity).countBy({ name })).toBe(0);
    });

    it('refuses a duplicate name or rank on update, leaving the tier unchanged', async () => {
      const existing = await makeTier(t, { rank: nextRank() });
      const edited = await makeTier(t, { rank: nextRank() });
      const byName = await as(vendor).patch(`${tiersPath}/${edited.id}`, { name: existing.name }).expect(409);
      expect(byName.body).toMatchObject({ code: 'TIER_NAME_TAKEN', details: { field: 'name' } });
      const byRank = await as(vendor).patch(`${tiersPath}/${edited.id}`, { rank: existing.rank }).expect(409);
      expect(byRank.body).toMatchObject({ code: 'TIER_RANK_TAKEN', details: { field: 'rank' } });
      expect(await t.db.getRepository(TierEntity).findOneByOrFail({ id: edited.id })).toMatchObject({ name: edited.name, rank: edited.rank });
    });

    it.each([
      [{ name: 'X', rank: 5000, defaultMdfReimbursementPct: 101 }, ['defaultMdfReimbursementPct', 'name', 'rank']],
      [{ name: 'Bronze', rank: -1, defaultMdfReimbursementPct: 50, colour: 'brown' }, ['colour', 'rank']],
      [{ rank: 1 }, ['defaultMdfReimbursementPct', 'name']],
    ])('refuses an invalid tier %j with 400 naming %j', async (body, fields) => {
      const res = await as(vendor).post(tiersPath, body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res).sort()).toEqual(fields);
    });

    it.each([
      [{ name: null }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ rank: null }, 'rank'],
      [{ defaultMdfReimbursementPct: null }, 'defaultMdfReimbursementPct'],
      [{ attributes: null }, 'attributes'],
    ])('refuses a tier update of %j with 400 naming %s, tier unchanged', async (body, field) => {
      const made = await makeTier(t, { rank: nextRank() });
      const res = await as(vendor).patch(`${tiersPath}/${made.id}`, body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(namedFields(res)).toEqual([field]);
      expect(await t.db.getRepository(TierEntity).findOneByOrFail({ id: made.id })).toMatchObject({ name: made.name, rank: made.rank });
    });

    it('answers 404 NOT_FOUND when updating a tier that does not exist', async () => {
      const res = await as(vendor).patch(`${tiersPath}/${randomUUID()}`, { defaultMdfReimbursementPct: 10 }).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });
  });
});
