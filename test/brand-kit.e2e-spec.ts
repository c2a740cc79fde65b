import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Response, Test } from 'supertest';
import { BrandKitEntity } from '@app/brand';
import { PARTNER_ROLES, Role, ROLES, StorageService, VENDOR_ROLES } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * The vendor's brand kit through the API: the default kit of a fresh database, versioned saves,
 * validation, the public brand logo, the palette that editable colour fields must keep to, and
 * brand.* values in a rendered preview.
 */

type Method = 'get' | 'put';

interface KitBody {
  version: number;
  name: string;
  colours: Record<'primary' | 'secondary' | 'accent' | 'text' | 'background', string>;
  fonts: { heading: string; body: string };
  legalFooter: string;
  logoUrl: string | null;
}

const marker = () => randomBytes(4).toString('hex');
const namedFields = (res: Response): string[] => ((res.body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);

const DEFAULT_KIT = {
  version: 0,
  name: 'Vendor',
  colours: { primary: '#1F6FEB', secondary: '#0E7C66', accent: '#D29922', text: '#1B1F24', background: '#FFFFFF' },
  fonts: { heading: 'Helvetica', body: 'Helvetica' },
  legalFooter: '',
  logoUrl: null,
};
const ACME = {
  name: 'Acme Cloud',
  colours: { primary: '#0B5FFF', secondary: '#00C2A8', accent: '#FFB020', text: '#1B1F24', background: '#FFFFFF' },
  fonts: { heading: 'Inter', body: 'Source Sans 3' },
  legalFooter: '© 2026 Acme Cloud, Inc. All rights reserved.',
};
const ACME_PURPLE = { ...ACME, name: 'Acme Cloud (rebrand)', colours: { ...ACME.colours, primary: '#7A1FA2' } };

const HEAD = ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>'];
const TAIL = ['      </mj-column>', '    </mj-section>', '  </mj-body>', '</mjml>'];
const doc = (...lines: string[]) => [...HEAD, ...lines.map((l) => `        ${l}`), ...TAIL].join('\n');

/** An email with one editable colour field, `tint`, whose default is `colour`. */
const tintedEmail = (colour: string, key = `tinted-${marker()}`) => ({
  key,
  name: 'Tinted email',
  kind: 'email',
  subject: 'News',
  preheader: 'Inside',
  body: doc('<mj-text color="{{tint}}">Hello</mj-text>'),
  manifest: { fields: [{ key: 'tint', source: 'editable', type: 'colour', default: colour }] },
});

const pngOf = (rgb: { r: number; g: number; b: number }, width = 240, height = 80) =>
  sharp({ create: { width, height, channels: 3, background: rgb } }).png().toBuffer();

describe('brand kit', () => {
  let t: TestApp;
  let marketer: TestUser;
  let partner: PartnerEntity;
  let partnerUser: TestUser;

  const as = (user: TestUser) => ({
    get: (path: string): Test => t.http().get(path).set('Authorization', user.auth),
    put: (path: string, body: object): Test => t.http().put(path).set('Authorization', user.auth).send(body),
    post: (path: string, body: object = {}): Test => t.http().post(path).set('Authorization', user.auth).send(body),
  });
  const uploadLogo = (user: TestUser, data: Buffer, contentType = 'image/png'): Test =>
    t.http().put('/api/v1/brand-kit/logo').set('Authorization', user.auth).attach('file', data, { filename: 'logo.png', contentType });
  const getKit = async (user: TestUser = marketer) => (await as(user).get('/api/v1/brand-kit').expect(200)).body as KitBody;
  const kitRows = () => t.db.getRepository(BrandKitEntity).find({ order: { version: 'ASC' } });
  const latestVersion = async () => (await kitRows()).at(-1)?.version ?? 0;
  const templateCount = async (key: string) =>
    Number((await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM templates WHERE key = $1`, [key]))[0]!.n);
  /** The request path of a public URL the app handed out. */
  const pathOf = (url: string) => {
    expect(url.startsWith(`${t.config.publicUrl}/`)).toBe(true);
    return url.slice(t.config.publicUrl.length);
  };

  beforeAll(async () => {
    t = await startTestApp();
    marketer = await makeUser(t, 'vendor_marketer');
    partner = await makePartner(t, { name: 'Northwind IT' });
    partnerUser = await makeUser(t, 'partner_user', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  describe('on a fresh database', () => {
    it('answers the neutral default kit, version 0, to vendors and partners, with nothing stored', async () => {
      expect(await kitRows()).toEqual([]);
      expect(await getKit(marketer)).toEqual(DEFAULT_KIT);
      expect(await getKit(partnerUser)).toEqual(DEFAULT_KIT);
    });

    it("holds editable colour fields to the default kit's palette until a kit is saved", async () => {
      const refused = tintedEmail(ACME.colours.primary);
      const res = await as(marketer).post('/api/v1/templates', refused).expect(422);
      expect(res.body).toMatchObject({ code: 'MANIFEST_INVALID' });
      expect(namedFields(res)).toEqual(['manifest.fields[0].default']);
      expect(res.body.details.fields[0].problems).toEqual([`tint: must be one of the brand palette colours: ${Object.values(DEFAULT_KIT.colours).join(', ')}`]);
      expect(await templateCount(refused.key)).toBe(0);
      await as(marketer).post('/api/v1/templates', tintedEmail(DEFAULT_KIT.colours.primary)).expect(201);
    });
  });

  describe('saving', () => {
    it('saves version 1, then version 2, each a new row; GET answers the latest', async () => {
      const v1 = await as(marketer).put('/api/v1/brand-kit', ACME).expect(200);
      expect(v1.body).toEqual({ version: 1, ...ACME, logoUrl: null });
      expect(await getKit(partnerUser)).toEqual({ version: 1, ...ACME, logoUrl: null });

      const v2 = await as(marketer).put('/api/v1/brand-kit', ACME_PURPLE).expect(200);
      expect(v2.body).toEqual({ version: 2, ...ACME_PURPLE, logoUrl: null });
      expect(await getKit()).toEqual({ version: 2, ...ACME_PURPLE, logoUrl: null });

      const rows = await kitRows();
      expect(rows.map((r) => [r.version, r.name, r.colours.primary, r.createdBy])).toEqual([
        [1, ACME.name, ACME.colours.primary, marketer.user.id],
        [2, ACME_PURPLE.name, ACME_PURPLE.colours.primary, marketer.user.id],
      ]);
      expect(rows[0]!.createdAt.toISOString()).toBe(t.clock.now().toISOString());
    });

    it.each([
      ['a colour name as primary', { colours: { ...ACME.colours, primary: 'blue' } }, ['colours.primary']],
      ['a short hex accent', { colours: { ...ACME.colours, accent: '#FB0' } }, ['colours.accent']],
      ['a missing text colour', { colours: { primary: '#0B5FFF', secondary: '#00C2A8', accent: '#FFB020', background: '#FFFFFF' } }, ['colours.text']],
      ['an unknown colour', { colours: { ...ACME.colours, link: '#0000EE' } }, ['colours.link']],
      ['CSS in a heading font name', { fonts: { heading: 'Inter; } body { display: none', body: 'Inter' } }, ['fonts.heading']],
      ['quotes in a body font name', { fonts: { heading: 'Inter', body: '"Comic Sans"' } }, ['fonts.body']],
      ['an empty name', { name: '' }, ['name']],
      ['a logo key (set only by uploading)', { logoKey: 'partners/secret.png' }, ['logoKey']],
      ['several bad fields at once', { colours: { ...ACME.colours, primary: 'red', background: 'white' }, fonts: { heading: '<b>', body: 'Inter' } }, ['colours.primary', 'colours.background', 'fonts.heading']],
    ])('refuses %s with 400 VALIDATION_FAILED naming it, and saves nothing', async (_case, patch, fields) => {
      const before = await latestVersion();
      const res = await as(marketer).put('/api/v1/brand-kit', { ...ACME, ...patch }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      expect(namedFields(res).sort()).toEqual([...fields].sort());
      expect(await latestVersion()).toBe(before);
    });
  });

  describe('logo', () => {
    it('stores an uploaded PNG as a new version under /media/brand/…, served publicly as an immutable PNG', async () => {
      await as(marketer).put('/api/v1/brand-kit', ACME).expect(200);
      const before = await latestVersion();
      const res = await uploadLogo(marketer, await pngOf({ r: 11, g: 95, b: 255 })).expect(200);
      const kit = res.body as KitBody;
      expect(kit).toMatchObject({ version: before + 1, name: ACME.name, colours: ACME.colours, fonts: ACME.fonts, legalFooter: ACME.legalFooter });
      expect(kit.logoUrl).toMatch(/\/media\/brand\/logo-[0-9a-f]{16}\.png$/);
      expect(await getKit(partnerUser)).toEqual(kit);

      // Public: mail clients fetch it without credentials.
      const served = await t.http().get(pathOf(kit.logoUrl!)).expect(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      const image = await sharp(served.body as Buffer).metadata();
      expect(image.format).toBe('png');
      expect(image.width).toBeGreaterThan(0);

      // A later save of colours keeps the logo.
      const resaved = await as(marketer).put('/api/v1/brand-kit', ACME_PURPLE).expect(200);
      expect(resaved.body).toMatchObject({ version: before + 2, colours: ACME_PURPLE.colours, logoUrl: kit.logoUrl });
    });

    it('refuses a file that is not an image, naming the file, and keeps the kit', async () => {
      const before = await getKit();
      const res = await uploadLogo(marketer, Buffer.from('%PDF-1.7 not a logo'), 'application/pdf').expect(415);
      expect(res.body).toMatchObject({ code: 'IMAGE_UNSUPPORTED_TYPE', details: { fields: [expect.objectContaining({ field: 'file' })] } });
      expect(await getKit()).toEqual(before);
    });

    it('refuses an upload without a file field: 400, kit unchanged', async () => {
      const before = await latestVersion();
      const res = await t.http().put('/api/v1/brand-kit/logo').set('Authorization', marketer.auth).attach('image', await pngOf({ r: 1, g: 2, b: 3 }), 'logo.png').expect(400);
      expect(res.body).toMatchObject({ code: 'UPLOAD_MISSING_FILE' });
      expect(await latestVersion()).toBe(before);
    });
  });

  describe('/media', () => {
    beforeAll(async () => {
      // Objects that exist in storage but are not public images.
      const storage = t.get(StorageService);
      await storage.put('secret', Buffer.from('top secret'), 'text/plain');
      await storage.put('renditions/x.png', await pngOf({ r: 0, g: 0, b: 0 }, 16, 16), 'image/png');
      await storage.put(`renditions/${partner.id}/0123456789abcdef.png`, await pngOf({ r: 0, g: 0, b: 0 }, 16, 16), 'image/png');
      await storage.put('brand/logo-0123456789abcdef.png.bak', Buffer.from('backup'), 'application/octet-stream');
    });

    it.each([
      ['a path climbing out of partners/', '/media/partners/../secret'],
      ['an encoded path climbing out of partners/', '/media/partners/%2E%2E/secret'],
      ['a stored object outside the public keys', '/media/secret'],
      ['a stored rendition', '/media/renditions/x.png'],
      ['a stored partner rendition', () => `/media/renditions/${partner.id}/0123456789abcdef.png`],
      ['a brand logo key with a suffix', '/media/brand/logo-0123456789abcdef.png.bak'],
      ['a brand logo key that was never stored', '/media/brand/logo-fedcba9876543210.png'],
      ['a partner logo key that was never stored', () => `/media/partners/${randomUUID()}/logo-0123456789abcdef.png`],
      ['the bare prefix', '/media/'],
    ])('answers 404 for %s', async (_case, path) => {
      const res = await t.http().get(typeof path === 'string' ? path : path());
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('top secret');
      expect(res.text).not.toContain('backup');
      expect(res.headers['content-type']).not.toBe('image/png');
    });
  });

  describe('in templates', () => {
    it('refuses an editable colour default outside the saved palette at creation, and accepts the kit colours', async () => {
      await as(marketer).put('/api/v1/brand-kit', ACME).expect(200);
      const refused = tintedEmail('#123456');
      const res = await as(marketer).post('/api/v1/templates', refused).expect(422);
      expect(res.body).toMatchObject({ code: 'MANIFEST_INVALID' });
      expect(res.body.details.fields).toEqual([
        { field: 'manifest.fields[0].default', problems: [`tint: must be one of the brand palette colours: ${Object.values(ACME.colours).join(', ')}`] },
      ]);
      expect(await templateCount(refused.key)).toBe(0);
      // The old default kit's primary is no longer in the palette.
      await as(marketer).post('/api/v1/templates', tintedEmail(DEFAULT_KIT.colours.primary)).expect(422);
      // Kit colours are accepted in either case; a locked colour is the vendor's own choice.
      await as(marketer).post('/api/v1/templates', tintedEmail(ACME.colours.primary.toLowerCase())).expect(201);
      const locked = { ...tintedEmail('#123456'), manifest: { fields: [{ key: 'tint', source: 'locked', type: 'colour', value: '#123456' }] } };
      await as(marketer).post('/api/v1/templates', locked).expect(201);
    });

    it('refuses to publish a draft whose colour default left the palette when the kit changed', async () => {
      await as(marketer).put('/api/v1/brand-kit', ACME).expect(200);
      const created = (await as(marketer).post('/api/v1/templates', tintedEmail(ACME.colours.primary)).expect(201)).body as { id: string };
      await as(marketer).put('/api/v1/brand-kit', ACME_PURPLE).expect(200);
      const res = await as(marketer).post(`/api/v1/templates/${created.id}/publish`).expect(422);
      expect(res.body).toMatchObject({ code: 'TEMPLATE_INVALID' });
      expect(res.body.details.problems).toEqual([
        { path: 'manifest.fields[0].default', message: `tint: must be one of the brand palette colours: ${Object.values(ACME_PURPLE.colours).join(', ')}` },
      ]);
      const published = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM template_versions WHERE template_id = $1 AND status = 'published'`, [created.id]);
      expect(Number(published[0]!.n)).toBe(0);
    });

    it("renders brand.* from the current kit in a preview, and the new colours once the kit changes", async () => {
      await as(marketer).put('/api/v1/brand-kit', ACME).expect(200);
      const logo = ((await uploadLogo(marketer, await pngOf({ r: 200, g: 30, b: 30 })).expect(200)).body as KitBody).logoUrl!;
      const body = [
        '<mjml>',
        '  <mj-body>',
        '    <mj-section background-color="{{brand.primary}}">',
        '      <mj-column>',
        '        <mj-image src="{{brand.logoUrl}}" alt="{{brand.name}}" />',
        '        <mj-text color="{{brand.text}}" font-family="{{brand.fontBody}}">Hello {{recipient.firstName}} from {{partnerName}}</mj-text>',
        '        <mj-text>{{brand.legalFooter}}</mj-text>',
        '      </mj-column>',
        '    </mj-section>',
        '  </mj-body>',
        '</mjml>',
      ].join('\n');
      const input = { key: `branded-${marker()}`, name: 'Branded', kind: 'email', subject: 'From {{brand.name}}', preheader: 'Inside', body, manifest: { fields: [{ key: 'partnerName', source: 'partner', profile: 'name' }] } };
      const created = (await as(marketer).post('/api/v1/templates', input).expect(201)).body as { id: string };
      await as(marketer).post(`/api/v1/templates/${created.id}/publish`).expect(200);

      const preview = async () => (await as(marketer).post(`/api/v1/templates/${created.id}/preview`, { partnerId: partner.id }).expect(200)).body as { subject: string; html: string };
      const first = await preview();
      expect(first.subject).toBe('From Acme Cloud');
      expect(first.html).toContain(ACME.colours.primary);
      expect(first.html).toContain(`src="${logo}"`);
      expect(first.html).toContain('alt="Acme Cloud"');
      expect(first.html).toContain('Source Sans 3, Helvetica, Arial, sans-serif');
      expect(first.html).toContain('© 2026 Acme Cloud, Inc. All rights reserved.');
      expect(first.html).toContain('Hello Alex from Northwind IT');
      expect(first.html).not.toContain('{{');

      await as(marketer).put('/api/v1/brand-kit', ACME_PURPLE).expect(200);
      const second = await preview();
      expect(second.subject).toBe(`From ${ACME_PURPLE.name}`);
      expect(second.html).toContain(ACME_PURPLE.colours.primary);
      expect(second.html).not.toContain(ACME.colours.primary);
    });

    it('asks a vendor which partner to render for: 422 naming partnerId', async () => {
      const created = (await as(marketer).post('/api/v1/templates', tintedEmail((await getKit()).colours.primary)).expect(201)).body as { id: string };
      const res = await as(marketer).post(`/api/v1/templates/${created.id}/preview`, { version: 'draft' }).expect(422);
      expect(namedFields(res)).toEqual(['partnerId']);
    });
  });

  describe('access', () => {
    const users = {} as Record<Role, TestUser>;
    let logoPng: Buffer;

    interface RouteCase {
      route: string;
      method: Method;
      path: string;
      allowed: readonly Role[];
      /** Whether an allowed call saves a new kit version. */
      writes: boolean;
      body?: (mark: string) => object;
      file?: true;
    }

    const AUTHORS = ['vendor_admin', 'vendor_marketer'] as const;
    const routes: RouteCase[] = [
      { route: 'GET /api/v1/brand-kit', method: 'get', path: '/api/v1/brand-kit', allowed: ROLES, writes: false },
      { route: 'PUT /api/v1/brand-kit', method: 'put', path: '/api/v1/brand-kit', allowed: AUTHORS, writes: true, body: (m) => ({ ...ACME, name: `Kit ${m}` }) },
      { route: 'PUT /api/v1/brand-kit/logo', method: 'put', path: '/api/v1/brand-kit/logo', allowed: AUTHORS, writes: true, file: true },
    ];

    const run = (c: RouteCase, auth: string | null, mark: string): Test => {
      let request = t.http()[c.method](c.path);
      if (auth) request = request.set('Authorization', auth);
      if (c.file) return request.attach('file', logoPng, { filename: 'logo.png', contentType: 'image/png' });
      return c.body ? request.send(c.body(mark)) : request;
    };

    beforeAll(async () => {
      for (const role of VENDOR_ROLES) users[role] = await makeUser(t, role);
      for (const role of PARTNER_ROLES) users[role] = await makeUser(t, role, { partnerId: partner.id });
      logoPng = await pngOf({ r: 20, g: 160, b: 90 });
    });

    const matrix = routes.flatMap((c) => ROLES.map((role) => ({ c, role, allowed: c.allowed.includes(role) })));

    describe.each(routes.map((c) => [c.route, c] as const))('%s', (_route, c) => {
      it.each(matrix.filter((m) => m.c === c).map((m) => [m.role, m.allowed ? 'answers 200' : 'is refused with 403 FORBIDDEN', m.allowed] as const))(
        'as %s %s',
        async (role, _outcome, allowed) => {
          const before = await latestVersion();
          const res = await run(c, users[role].auth, marker());
          if (allowed) {
            expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 200 });
            expect(await latestVersion()).toBe(c.writes ? before + 1 : before);
            if (c.writes) expect((await kitRows()).at(-1)!.createdBy).toBe(users[role].user.id);
          } else {
            expect(res.status).toBe(403);
            expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', requestId: expect.any(String) });
            expect(await latestVersion()).toBe(before);
          }
        },
      );

      it('without a token answers 401 UNAUTHENTICATED and saves nothing', async () => {
        const before = await latestVersion();
        const res = await run(c, null, marker());
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
        expect(await latestVersion()).toBe(before);
      });
    });
  });
});
