import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import { ClickRecorder } from '@app/links';
import { loadBrandAndTemplates, makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * The vendor's template and kit lists: each row says where the template or kit stands (status,
 * current and published version) without a request per row; search and filters run in the API and
 * paginate; partners list only what is published for them. And the answers the portal reads
 * (kit results, a refused publish) have exactly the shape the OpenAPI document describes.
 */

interface TemplateRow {
  id: string;
  key: string;
  name: string;
  kind: string;
  status: 'draft' | 'published';
  currentVersion: number | null;
  publishedVersion: number | null;
  hasDraft: boolean;
  versions?: unknown;
}
interface KitRow {
  id: string;
  slug: string;
  status: 'draft' | 'published' | 'retired';
  publishedVersion: number | null;
  version: { version: number; status: string; name: string };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An OpenAPI schema, as far as these checks read it. */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

const marker = () => randomBytes(4).toString('hex');
const namedFields = (body: unknown): string[] => ((body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

const EMAIL_BODY = '<mjml><mj-body><mj-section><mj-column><mj-text>Hello</mj-text></mj-column></mj-section></mj-body></mjml>';
const HEADLINE_ONLY = { fields: [{ key: 'headline', source: 'editable', type: 'text', default: 'Hello there' }] };

/**
 * Every problem with `value` against the schema `name` of the OpenAPI document: a property it does
 * not describe, a required one missing, a value of the wrong type or outside its enum.
 */
function undocumented(document: { components: { schemas: Record<string, Schema> } }, name: string, value: unknown): string[] {
  const problems: string[] = [];
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]!);
    if (!schema.allOf) return schema;
    // `allOf` (how a nullable reference is written): one object of every part's properties.
    const parts = schema.allOf.map(resolve);
    return {
      ...Object.assign({}, ...parts),
      nullable: schema.nullable,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    } as Schema;
  };
  const check = (raw: Schema, v: unknown, at: string): void => {
    const schema = resolve(raw);
    if (v === null) {
      if (!schema.nullable) problems.push(`${at} is null, which the document does not allow`);
      return;
    }
    if (schema.oneOf) {
      const before = problems.length;
      const fits = schema.oneOf.some((option) => {
        const saved = problems.length;
        check(option, v, at);
        const ok = problems.length === saved;
        problems.length = saved;
        return ok;
      });
      if (!fits) problems.splice(before, 0, `${at} fits none of its documented shapes`);
      return;
    }
    if (schema.enum && !schema.enum.includes(v)) problems.push(`${at} is ${JSON.stringify(v)}, not one of ${JSON.stringify(schema.enum)}`);
    switch (schema.type) {
      case 'object': {
        if (typeof v !== 'object' || Array.isArray(v)) return void problems.push(`${at} is not an object`);
        const record = v as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}.${key} is required but missing`);
        for (const [key, item] of Object.entries(record)) {
          const property = schema.properties?.[key];
          if (property) check(property, item, `${at}.${key}`);
          else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties, item, `${at}.${key}`);
          else if (!schema.additionalProperties) problems.push(`${at}.${key} is not in the document`);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(v)) return void problems.push(`${at} is not an array`);
        v.forEach((item, i) => check(schema.items ?? {}, item, `${at}[${i}]`));
        return;
      case 'number':
      case 'integer':
        if (typeof v !== 'number') problems.push(`${at} is not a number`);
        return;
      case 'string':
        if (typeof v !== 'string') problems.push(`${at} is not a string`);
        return;
      case 'boolean':
        if (typeof v !== 'boolean') problems.push(`${at} is not a boolean`);
        return;
      case undefined:
      default:
        return;
    }
  };
  check({ $ref: `#/components/schemas/${name}` }, value, name);
  return problems;
}

describe('authoring lists: templates and kits with their status, searched and filtered by the API', () => {
  let t: TestApp;
  let marketer: TestUser;
  let partnerAdmin: TestUser;
  let goldTierId: string;
  let silverTierId: string;
  let partnerId: string;
  let shipped: Record<string, string>;

  const as = (user: TestUser) => ({
    get: (path: string, query: Record<string, string | number> = {}): Test => t.http().get(path).query(query).set('authorization', user.auth),
    post: (path: string, body: object = {}): Test => t.http().post(path).set('authorization', user.auth).send(body),
    patch: (path: string, body: object): Test => t.http().patch(path).set('authorization', user.auth).send(body),
  });

  /** Every page of a list, following nextCursor; returns the pages as answered. */
  async function pages<T>(user: TestUser, path: string, query: Record<string, string | number>): Promise<Page<T>[]> {
    const all: Page<T>[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: unknown } = await as(user).get(path, cursor ? { ...query, cursor } : query).expect(200);
      const page = res.body as Page<T>;
      all.push(page);
      cursor = page.nextCursor;
    } while (cursor && all.length < 20);
    return all;
  }

  beforeAll(async () => {
    t = await startTestApp();
    marketer = await makeUser(t, 'vendor_marketer');
    goldTierId = (await makeTier(t, { name: 'Gold' })).id;
    silverTierId = (await makeTier(t, { name: 'Silver' })).id;
    partnerId = (await makePartner(t, { tierId: goldTierId, region: 'EMEA' })).id;
    await makePartner(t, { tierId: silverTierId, region: 'EMEA' });
    partnerAdmin = await makeUser(t, 'partner_admin', { partnerId });
    shipped = await loadBrandAndTemplates(t, marketer);
  });
  afterAll(() => t.close());

  describe('templates', () => {
    const m = marker();
    const ids: Record<'live' | 'edited' | 'fresh' | 'social', string> = { live: '', edited: '', fresh: '', social: '' };

    beforeAll(async () => {
      const email = (key: string, name: string) =>
        as(marketer).post('/api/v1/templates', { key: `${key}-${m}`, name, kind: 'email', subject: '{{headline}}', preheader: 'News', body: EMAIL_BODY, manifest: HEADLINE_ONLY }).expect(201);
      // Keys sort in this order: a (published), b (published, then edited), c (never published), d (social, never published).
      ids.live = ((await email('lists-a', `Spring promo ${m}`)).body as TemplateRow).id;
      ids.edited = ((await email('lists-b', `Summer promo ${m}`)).body as TemplateRow).id;
      ids.fresh = ((await email('lists-c', `Autumn 100%_off ${m}`)).body as TemplateRow).id;
      const social = await as(marketer)
        .post('/api/v1/templates', { key: `lists-d-${m}`, name: `Winter promo ${m}`, kind: 'social_post', body: '{{headline}}', manifest: HEADLINE_ONLY, social: { networks: ['linkedin'] } })
        .expect(201);
      ids.social = (social.body as TemplateRow).id;
      await as(marketer).post(`/api/v1/templates/${ids.live}/publish`).expect(200);
      await as(marketer).post(`/api/v1/templates/${ids.edited}/publish`).expect(200);
      await as(marketer).patch(`/api/v1/templates/${ids.edited}`, { subject: '{{headline}}!' }).expect(200);
    });

    it('says of each template where it stands, in the list answer itself', async () => {
      const res = await as(marketer).get('/api/v1/templates', { q: m }).expect(200);
      const rows = (res.body as Page<TemplateRow>).items;
      expect(rows.map((r) => [r.key, r.status, r.currentVersion, r.publishedVersion, r.hasDraft])).toEqual([
        [`lists-a-${m}`, 'published', 1, 1, false],
        [`lists-b-${m}`, 'published', 2, 1, true],
        [`lists-c-${m}`, 'draft', 1, null, true],
        [`lists-d-${m}`, 'draft', 1, null, true],
      ]);
      // The list carries no versions: the state is all a row needs.
      expect(rows.every((r) => r.versions === undefined)).toBe(true);
      // The detail says the same.
      const detail = await as(marketer).get(`/api/v1/templates/${ids.edited}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'published', currentVersion: 2, publishedVersion: 1, hasDraft: true });
    });

    it('searches names and keys, filters by status and kind, and paginates the result', async () => {
      const keys = async (query: Record<string, string | number>) => (await pages<TemplateRow>(marketer, '/api/v1/templates', query)).flatMap((p) => p.items.map((r) => r.key));
      expect(await keys({ q: `SUMMER PROMO ${m}` })).toEqual([`lists-b-${m}`]);
      expect(await keys({ q: `lists-c-${m}` })).toEqual([`lists-c-${m}`]);
      expect(await keys({ q: m, status: 'published' })).toEqual([`lists-a-${m}`, `lists-b-${m}`]);
      expect(await keys({ q: m, status: 'draft' })).toEqual([`lists-c-${m}`, `lists-d-${m}`]);
      expect(await keys({ q: m, kind: 'social_post' })).toEqual([`lists-d-${m}`]);
      expect(await keys({ q: m, kind: 'social_post', status: 'published' })).toEqual([]);
      // Wildcards are searched for as themselves.
      expect(await keys({ q: '100%_off' })).toEqual([`lists-c-${m}`]);
      expect(await keys({ q: `%${m}` })).toEqual([]);

      const paged = await pages<TemplateRow>(marketer, '/api/v1/templates', { q: m, limit: 3 });
      expect(paged.map((p) => p.items.map((r) => r.key))).toEqual([[`lists-a-${m}`, `lists-b-${m}`, `lists-c-${m}`], [`lists-d-${m}`]]);
      expect(paged[1]!.nextCursor).toBeNull();
      const filteredPages = await pages<TemplateRow>(marketer, '/api/v1/templates', { q: m, status: 'draft', limit: 1 });
      expect(filteredPages.map((p) => p.items.map((r) => r.key))).toEqual([[`lists-c-${m}`], [`lists-d-${m}`]]);
    });

    it('refuses a bad filter, naming it', async () => {
      expect(namedFields((await as(marketer).get('/api/v1/templates', { status: 'retired' }).expect(400)).body)).toEqual(['status']);
      expect(namedFields((await as(marketer).get('/api/v1/templates', { q: 'x'.repeat(101) }).expect(400)).body)).toEqual(['q']);
    });

    it('lists to a partner only published templates, at their published version, never a draft', async () => {
      const rows = (await pages<TemplateRow>(partnerAdmin, '/api/v1/templates', { q: m })).flatMap((p) => p.items);
      expect(rows.map((r) => [r.key, r.status, r.currentVersion, r.publishedVersion, r.hasDraft])).toEqual([
        [`lists-a-${m}`, 'published', 1, 1, false],
        [`lists-b-${m}`, 'published', 1, 1, false],
      ]);
      expect((await as(partnerAdmin).get('/api/v1/templates', { status: 'draft' }).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await as(partnerAdmin).get('/api/v1/templates', { q: 'Autumn' }).expect(200)).body).toEqual({ items: [], nextCursor: null });
      await as(partnerAdmin).get(`/api/v1/templates/${ids.fresh}`).expect(404);
      expect((await as(partnerAdmin).get(`/api/v1/templates/${ids.edited}`).expect(200)).body).toMatchObject({ currentVersion: 1, hasDraft: false });
    });

    it('answers a refused publish with the documented TEMPLATE_INVALID body', async () => {
      const broken = await as(marketer)
        .post('/api/v1/templates', { key: `lists-broken-${m}`, name: 'Broken', kind: 'email', subject: '{{headline}}', preheader: 'News', body: EMAIL_BODY.replace('Hello', 'Hello {{nobody}}'), manifest: HEADLINE_ONLY })
        .expect(201);
      const refused = await as(marketer).post(`/api/v1/templates/${(broken.body as TemplateRow).id}/publish`).expect(422);
      expect(refused.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: { problems: [{ line: 1, message: expect.stringContaining('"nobody" is used but not declared') }] } });
      const document = (await t.http().get('/api/docs-json').expect(200)).body as Parameters<typeof undocumented>[0] & { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>> };
      expect(document.paths['/api/v1/templates/{id}/publish']!.post!.responses['422']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/TemplateInvalidErrorBody' });
      expect(undocumented(document, 'TemplateInvalidErrorBody', refused.body)).toEqual([]);
      // The check itself catches an answer the document does not describe.
      expect(undocumented(document, 'TemplateInvalidErrorBody', { ...(refused.body as object), extra: 1 })).toEqual(['TemplateInvalidErrorBody.extra is not in the document']);
    });

    it('describes the banner and social specs of a version as the API answers them', async () => {
      const document = (await t.http().get('/api/docs-json').expect(200)).body as Parameters<typeof undocumented>[0];
      const banner = await as(marketer).get(`/api/v1/templates/${shipped['social-banner-1200x628']!}`).expect(200);
      const versions = (banner.body as { versions: { banner: { zones: { type: string }[] } | null }[] }).versions;
      expect(new Set(versions[0]!.banner!.zones.map((z) => z.type))).toEqual(new Set(['logo', 'text']));
      expect(undocumented(document, 'TemplateView', banner.body)).toEqual([]);
      const social = await as(marketer).get(`/api/v1/templates/${ids.social}`).expect(200);
      expect((social.body as { versions: { social: unknown }[] }).versions[0]!.social).toEqual({ networks: ['linkedin'] });
      expect(undocumented(document, 'TemplateView', social.body)).toEqual([]);
    });
  });

  describe('kits', () => {
    const m = marker();
    const ids: Record<'draft' | 'live' | 'edited' | 'retired', string> = { draft: '', live: '', edited: '', retired: '' };

    async function kit(slug: string, name: string, publish: boolean): Promise<string> {
      const created = await as(marketer)
        .post('/api/v1/kits', {
          slug: `${slug}-${m}`,
          category: 'product-launch',
          name,
          templateIds: [shipped['backup-5-trial']],
          destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }],
          eligibility: { tierIds: [goldTierId] },
        })
        .expect(201);
      const id = (created.body as KitRow).id;
      if (publish) await as(marketer).post(`/api/v1/kits/${id}/publish`).expect(200);
      return id;
    }

    beforeAll(async () => {
      // Slugs sort in this order: a (draft), b (published), c (published, then edited), d (retired).
      ids.draft = await kit('kits-a', `Draft kit ${m}`, false);
      ids.live = await kit('kits-b', `Live kit ${m}`, true);
      ids.edited = await kit('kits-c', `Edited kit ${m}`, true);
      await as(marketer).patch(`/api/v1/kits/${ids.edited}`, { name: `Renamed in draft ${m}` }).expect(200);
      ids.retired = await kit('kits-d', `Retired kit ${m}`, true);
      await as(marketer).post(`/api/v1/kits/${ids.retired}/retire`).expect(200);
    });

    it('says of each kit its status, latest version and published version, searched and filtered by the API', async () => {
      const rows = async (query: Record<string, string | number>) => (await pages<KitRow>(marketer, '/api/v1/kits', query)).flatMap((p) => p.items);
      expect((await rows({ q: m })).map((k) => [k.slug, k.status, k.version.version, k.version.status, k.publishedVersion])).toEqual([
        [`kits-a-${m}`, 'draft', 1, 'draft', null],
        [`kits-b-${m}`, 'published', 1, 'published', 1],
        [`kits-c-${m}`, 'published', 2, 'draft', 1],
        [`kits-d-${m}`, 'retired', 1, 'published', 1],
      ]);
      expect((await rows({ q: m, status: 'published' })).map((k) => k.slug)).toEqual([`kits-b-${m}`, `kits-c-${m}`]);
      expect((await rows({ q: m, status: 'retired' })).map((k) => k.slug)).toEqual([`kits-d-${m}`]);
      // The vendor's search reads the latest version's name, and slugs.
      expect((await rows({ q: `renamed in draft ${m}` })).map((k) => k.slug)).toEqual([`kits-c-${m}`]);
      expect((await rows({ q: `kits-a-${m}` })).map((k) => k.slug)).toEqual([`kits-a-${m}`]);

      const paged = await pages<KitRow>(marketer, '/api/v1/kits', { q: m, limit: 3 });
      expect(paged.map((p) => p.items.map((k) => k.slug))).toEqual([[`kits-a-${m}`, `kits-b-${m}`, `kits-c-${m}`], [`kits-d-${m}`]]);
      const statusPages = await pages<KitRow>(marketer, '/api/v1/kits', { q: m, status: 'published', limit: 1 });
      expect(statusPages.map((p) => p.items.map((k) => k.slug))).toEqual([[`kits-b-${m}`], [`kits-c-${m}`]]);

      const detail = await as(marketer).get(`/api/v1/kits/${ids.edited}`).expect(200);
      expect(detail.body).toMatchObject({ publishedVersion: 1, version: { version: 2, status: 'draft' } });
      expect(namedFields((await as(marketer).get('/api/v1/kits', { status: 'archived' }).expect(400)).body)).toEqual(['status']);
    });

    it('lists to a partner its catalog only: published versions, searched by the names it sees', async () => {
      const rows = async (query: Record<string, string>) => (await pages<KitRow>(partnerAdmin, '/api/v1/kits', query)).flatMap((p) => p.items);
      expect((await rows({ q: m })).map((k) => [k.slug, k.version.name, k.publishedVersion])).toEqual([
        [`kits-b-${m}`, `Live kit ${m}`, 1],
        [`kits-c-${m}`, `Edited kit ${m}`, 1],
      ]);
      expect(await rows({ q: `Renamed in draft ${m}` })).toEqual([]);
      expect(await rows({ q: m, status: 'draft' })).toEqual([]);
      expect(await rows({ q: m, status: 'retired' })).toEqual([]);
    });

    it('answers kit results in the documented shape, with adoption and totals after a launch and a click', async () => {
      const launched = await as(partnerAdmin).post(`/api/v1/kits/${ids.live}/launches`, {}).expect(201);
      const launchId = (launched.body as { id: string }).id;
      const detail = await as(partnerAdmin).get(`/api/v1/launches/${launchId}`).expect(200);
      const link = (detail.body as { links: { url: string }[] }).links[0]!;
      await t.http().get(new URL(link.url).pathname).set('user-agent', SAFARI).expect(302);
      await t.http().get(new URL(link.url).pathname).set('user-agent', 'Googlebot/2.1 (+http://www.google.com/bot.html)').expect(302);
      await t.get(ClickRecorder).flush();

      const res = await as(marketer).get(`/api/v1/kits/${ids.live}/results`).expect(200);
      expect(res.body).toEqual({
        kitId: ids.live,
        adoption: [
          { tierId: goldTierId, tierName: 'Gold', eligible: 1, launched: 1, rate: 1 },
          { tierId: silverTierId, tierName: 'Silver', eligible: 0, launched: 0, rate: null },
        ],
        totals: {
          launches: 1,
          sends: { pending: 0, sent: 0, delivered: 0, bounced: 0, suppressed: 0, cancelled: 0, failed: 0, unsubscribed: 0 },
          clicksRaw: 2,
          clicksFiltered: 1,
          clicksUnique: 1,
          opensFiltered: 0,
          leads: 0,
          clickToLeadRate: 0,
        },
      });
      // A draft that would widen eligibility to Silver changes nothing until it is published: adoption
      // is measured against the partners the live version admits.
      await as(marketer).patch(`/api/v1/kits/${ids.live}`, { eligibility: { tierIds: [goldTierId, silverTierId] } }).expect(200);
      const whileDrafting = await as(marketer).get(`/api/v1/kits/${ids.live}/results`).expect(200);
      expect((whileDrafting.body as { adoption: unknown[] }).adoption).toEqual((res.body as { adoption: unknown[] }).adoption);

      const document = (await t.http().get('/api/docs-json').expect(200)).body as Parameters<typeof undocumented>[0] & { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>> };
      expect(document.paths['/api/v1/kits/{id}/results']!.get!.responses['200']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/KitResults' });
      expect(undocumented(document, 'KitResults', res.body)).toEqual([]);

      // The kit's detail: destinations, eligibility and auto-launch progress as documented.
      const kitDetail = await as(marketer).get(`/api/v1/kits/${ids.live}`).expect(200);
      expect(kitDetail.body).toMatchObject({
        autoLaunch: { total: 0, launched: 0 },
        publishedVersion: 1,
        version: { destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }], eligibility: { tierIds: [goldTierId, silverTierId] } },
      });
      expect(undocumented(document, 'KitView', kitDetail.body)).toEqual([]);
      const list = await as(marketer).get('/api/v1/kits', { q: m }).expect(200);
      expect(undocumented(document, 'KitPageView', list.body)).toEqual([]);
    });
  });
});
