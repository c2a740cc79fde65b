import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Response, Test } from 'supertest';
import { TemplateVersionEntity } from '@app/brand';
import { PARTNER_ROLES, Role, ROLES, VENDOR_ROLES } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { expectRoleOutcome, expectUnauthenticated, makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * Template authoring through the API: drafts, publishing (every rule a publish enforces, with the
 * line or path of each problem), immutable published versions, manifest shape errors, and who may
 * author or read templates. A fresh database has no brand kit, so the default palette applies.
 */

type Method = 'get' | 'post' | 'patch' | 'put';

interface VersionBody {
  id: string;
  version: number;
  status: 'draft' | 'published';
  subject: string | null;
  preheader: string | null;
  body?: string;
  manifest: { fields: Record<string, unknown>[] };
  banner: Record<string, unknown> | null;
  publishedAt: string | null;
}
interface TemplateBody {
  id: string;
  key: string;
  name: string;
  kind: string;
  versions?: VersionBody[];
}
interface Problem {
  line?: number;
  path?: string;
  message: string;
}

const AUTHORS = ['vendor_admin', 'vendor_marketer'] as const;
const marker = () => randomBytes(4).toString('hex');

/** The default brand kit's palette (no kit saved in this file). */
const DEFAULT_PRIMARY = '#1F6FEB';

// Every document below is built so that the first line passed to `doc` is line 5 of the source.
const HEAD = ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>'];
const TAIL = ['      </mj-column>', '    </mj-section>', '  </mj-body>', '</mjml>'];
const doc = (...lines: string[]) => [...HEAD, ...lines.map((l) => `        ${l}`), ...TAIL].join('\n');

const VALID_BODY = doc(
  '<mj-text color="{{brand.primary}}">{{headline}}</mj-text>',
  '<mj-text>Hi {{recipient.firstName}},</mj-text>',
  '<mj-text>{{paragraphs intro}}</mj-text>',
  '<mj-button href="{{ctaUrl}}" background-color="{{buttonColour}}">Start your trial</mj-button>',
  '<mj-text>{{#if partnerPhone}}Call {{partnerPhone}}{{else}}Write to us{{/if}} · {{partnerName}}</mj-text>',
  '<mj-text><a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>',
);
const VALID_MANIFEST = {
  fields: [
    { key: 'headline', source: 'editable', type: 'text', label: 'Headline', required: true, maxLength: 80, default: 'Back up everything in five minutes' },
    { key: 'preheader', source: 'editable', type: 'text', maxLength: 110, default: 'Set up in minutes, restore in seconds' },
    { key: 'intro', source: 'editable', type: 'multiline', default: 'Hello.\n\nOur new release is here.' },
    { key: 'ctaUrl', source: 'locked', type: 'url', value: 'https://acme.example/trial' },
    { key: 'buttonColour', source: 'editable', type: 'colour', default: DEFAULT_PRIMARY },
    { key: 'partnerName', source: 'partner', profile: 'name' },
    { key: 'partnerPhone', source: 'partner', profile: 'phone' },
  ],
};

/** One editable field, used only in the subject: the smallest manifest a publish accepts. */
const HEADLINE_ONLY = { fields: [{ key: 'headline', source: 'editable', type: 'text', default: 'Hello there' }] };

const BANNER_MANIFEST = {
  fields: [
    { key: 'partnerLogo', source: 'partner', profile: 'logo' },
    { key: 'headline', source: 'editable', type: 'text', maxLength: 48, default: 'Recover in minutes' },
  ],
};
const logoZone = { type: 'logo', field: 'partnerLogo', x: 16, y: 16, width: 132, height: 48, padding: 6, plate: '#FFFFFF' };
const textZone = { type: 'text', field: 'headline', x: 16, y: 80, width: 268, height: 104, font: 'heading', fontSize: 26, minFontSize: 17, colour: '#FFFFFF' };
const BANNER = { width: 300, height: 250, format: 'png', zones: [logoZone, textZone] };

const problemsOf = (res: Response): Problem[] => (res.body as { details?: { problems?: Problem[] } }).details?.problems ?? [];
const namedFields = (res: Response): string[] => ((res.body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);

describe('templates: authoring, publishing and access', () => {
  let t: TestApp;
  let author: TestUser;
  let png: Buffer;
  let partner: PartnerEntity;

  const as = (user: TestUser) => ({
    get: (path: string): Test => t.http().get(path).set('Authorization', user.auth),
    post: (path: string, body: object = {}): Test => t.http().post(path).set('Authorization', user.auth).send(body),
    patch: (path: string, body: object): Test => t.http().patch(path).set('Authorization', user.auth).send(body),
  });
  const versionRows = (templateId: string) => t.db.getRepository(TemplateVersionEntity).find({ where: { templateId }, order: { version: 'ASC' } });
  const publishedCount = async (templateId: string) => (await versionRows(templateId)).filter((v) => v.status === 'published').length;
  const templateCount = async (column: 'key' | 'name', value: string) =>
    Number((await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM templates WHERE ${column} = $1`, [value]))[0]!.n);

  const emailInput = (overrides: object = {}) => ({
    key: `email-${marker()}`,
    name: 'Product launch',
    kind: 'email',
    subject: '{{headline}}',
    preheader: '{{preheader}}',
    body: VALID_BODY,
    manifest: VALID_MANIFEST,
    ...overrides,
  });

  async function create(input: object): Promise<TemplateBody> {
    const res = await as(author).post('/api/v1/templates', input);
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
    return res.body as TemplateBody;
  }

  /** An email whose only field is used in the subject, with `lines` as its body from line 5. */
  const minimalEmail = (...lines: string[]) => create(emailInput({ preheader: 'Inside: our news', body: doc(...lines), manifest: HEADLINE_ONLY }));

  async function createBanner(options: { banner?: object; manifest?: object; background?: boolean } = {}): Promise<TemplateBody> {
    const template = await create({ key: `banner-${marker()}`, name: 'Display banner', kind: 'banner', banner: options.banner ?? BANNER, manifest: options.manifest ?? BANNER_MANIFEST });
    if (options.background ?? true) await uploadBackground(author, template.id).expect(200);
    return template;
  }

  const uploadBackground = (user: TestUser, id: string, data: Buffer = png): Test =>
    t.http().put(`/api/v1/templates/${id}/background`).set('Authorization', user.auth).attach('file', data, { filename: 'background.png', contentType: 'image/png' });

  const publish = (id: string, user: TestUser = author) => as(user).post(`/api/v1/templates/${id}/publish`);

  /** A refused publish: 422 TEMPLATE_INVALID with exactly these problems, and nothing published. */
  async function expectRefused(id: string, problems: Problem[]): Promise<Response> {
    const res = await publish(id);
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: 422, code: 'TEMPLATE_INVALID' });
    expect(res.body).toMatchObject({ statusCode: 422, requestId: expect.any(String) });
    expect(problemsOf(res)).toEqual(problems);
    expect(await publishedCount(id)).toBe(0);
    return res;
  }

  beforeAll(async () => {
    t = await startTestApp();
    author = await makeUser(t, 'vendor_marketer');
    png = await sharp({ create: { width: 300, height: 250, channels: 3, background: { r: 11, g: 95, b: 255 } } }).png().toBuffer();
    partner = await makePartner(t, { name: 'Northwind IT', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());

  describe('draft, publish, new draft', () => {
    it('creates an email as draft v1, publishes it, and starts draft v2 on the next edit while v1 stays as published', async () => {
      const input = emailInput();
      const created = await create(input);
      expect(created).toMatchObject({ key: input.key, name: 'Product launch', kind: 'email' });
      expect(created.versions).toEqual([
        expect.objectContaining({ version: 1, status: 'draft', subject: '{{headline}}', preheader: '{{preheader}}', body: VALID_BODY, manifest: VALID_MANIFEST, publishedAt: null }),
      ]);
      expect((await versionRows(created.id)).map((v) => [v.version, v.status])).toEqual([[1, 'draft']]);

      const published = await publish(created.id).expect(200);
      expect(published.body).toMatchObject({ version: 1, status: 'published', body: VALID_BODY, publishedAt: t.clock.now().toISOString() });
      const [v1] = await versionRows(created.id);
      expect(v1).toMatchObject({ version: 1, status: 'published', publishedBy: author.user.id });
      // The MJML is compiled once, at publish, with the Handlebars expressions kept for rendering.
      const compiled = await t.db.query<{ compiled_html: string }[]>('SELECT compiled_html FROM template_versions WHERE id = $1', [v1!.id]);
      expect(compiled[0]!.compiled_html).toContain('{{headline}}');
      expect(compiled[0]!.compiled_html).toContain('<!doctype html>');
      expect(compiled[0]!.compiled_html).not.toContain('<mj-');

      const afterPublish = (await as(author).get(`/api/v1/templates/${created.id}`).expect(200)).body as TemplateBody;
      expect(afterPublish.versions!.map((v) => [v.version, v.status])).toEqual([[1, 'published']]);

      const newSubject = 'New: {{headline}}';
      const draft = await as(author).patch(`/api/v1/templates/${created.id}`, { subject: newSubject }).expect(200);
      // The new draft starts from the published version and takes the edit.
      expect(draft.body).toMatchObject({ version: 2, status: 'draft', subject: newSubject, preheader: '{{preheader}}', body: VALID_BODY, manifest: VALID_MANIFEST, publishedAt: null });

      const newBody = VALID_BODY.replace('Start your trial', 'Try it free');
      const newManifest = { fields: VALID_MANIFEST.fields.map((f) => (f.key === 'headline' ? { ...f, maxLength: 60 } : f)) };
      const edited = await as(author).patch(`/api/v1/templates/${created.id}`, { body: newBody, manifest: newManifest }).expect(200);
      expect(edited.body).toMatchObject({ id: (draft.body as VersionBody).id, version: 2, status: 'draft', subject: newSubject, body: newBody, manifest: newManifest });

      const listed = (await as(author).get(`/api/v1/templates/${created.id}`).expect(200)).body as TemplateBody;
      expect(listed.versions!.map((v) => [v.version, v.status])).toEqual([
        [2, 'draft'],
        [1, 'published'],
      ]);
      expect(listed.versions![1]).toMatchObject({ subject: '{{headline}}', body: VALID_BODY, manifest: VALID_MANIFEST, publishedAt: t.clock.now().toISOString() });
      const rows = await versionRows(created.id);
      expect(rows.map((r) => [r.version, r.status])).toEqual([
        [1, 'published'],
        [2, 'draft'],
      ]);
      expect(rows[0]).toMatchObject({ subject: '{{headline}}', body: VALID_BODY, manifest: VALID_MANIFEST });

      t.clock.advanceMinutes(5);
      await publish(created.id).expect(200);
      const both = await versionRows(created.id);
      expect(both.map((r) => [r.version, r.status, r.body])).toEqual([
        [1, 'published', VALID_BODY],
        [2, 'published', newBody],
      ]);
    });

    it('lets the database refuse any UPDATE or DELETE of a published version, leaving it as it was', async () => {
      const created = await create(emailInput());
      await publish(created.id).expect(200);
      const [before] = await versionRows(created.id);
      await expect(t.db.query(`UPDATE template_versions SET body = 'tampered' WHERE id = $1`, [before!.id])).rejects.toThrow(/published template versions are immutable/);
      await expect(t.db.query(`UPDATE template_versions SET status = 'draft' WHERE id = $1`, [before!.id])).rejects.toThrow(/immutable/);
      await expect(t.db.query('DELETE FROM template_versions WHERE id = $1', [before!.id])).rejects.toThrow(/immutable/);
      const [after] = await versionRows(created.id);
      expect(after).toMatchObject({ status: 'published', body: VALID_BODY, manifest: VALID_MANIFEST, subject: '{{headline}}' });
    });

    it('lets the database change a draft (the trigger guards published versions only)', async () => {
      const created = await create(emailInput());
      const [draft] = await versionRows(created.id);
      await t.db.query(`UPDATE template_versions SET subject = 'Changed {{headline}}' WHERE id = $1`, [draft!.id]);
      expect((await versionRows(created.id))[0]).toMatchObject({ status: 'draft', subject: 'Changed {{headline}}' });
    });

    it('answers 409 NOTHING_TO_PUBLISH when there is no draft, and keeps the published version', async () => {
      const created = await create(emailInput());
      await publish(created.id).expect(200);
      const res = await publish(created.id).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'NOTHING_TO_PUBLISH', requestId: expect.any(String) });
      expect((await versionRows(created.id)).map((v) => [v.version, v.status])).toEqual([[1, 'published']]);
    });

    it('publishes a draft once when two publishes arrive together: one 200, the other 409 NOTHING_TO_PUBLISH', async () => {
      for (let round = 0; round < 5; round++) {
        const created = await create(emailInput());
        const results = await Promise.all([publish(created.id), publish(created.id)]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'NOTHING_TO_PUBLISH' });
        expect((await versionRows(created.id)).map((v) => [v.version, v.status])).toEqual([[1, 'published']]);
      }
    });

    it('never publishes an edit that arrives while the draft is being checked', async () => {
      const broken = VALID_BODY.replace('{{headline}}', '{{undeclared}}');
      for (let round = 0; round < 5; round++) {
        const created = await create(emailInput());
        const [published, edited] = await Promise.all([publish(created.id), as(author).patch(`/api/v1/templates/${created.id}`, { body: broken })]);
        expect(edited.status).toBe(200);
        // Whatever the order: the valid draft went out, or the broken one was refused, or the publish saw the draft change.
        expect([200, 409, 422]).toContain(published.status);
        if (published.status === 409) expect(published.body).toMatchObject({ code: 'TEMPLATE_DRAFT_CHANGED' });
        const rows = await versionRows(created.id);
        for (const row of rows.filter((r) => r.status === 'published')) expect(row.body).toBe(VALID_BODY);
        expect(rows.some((r) => r.status === 'draft' && r.body === broken)).toBe(true);
      }
    });

    it('answers 404 for publishing or editing a template that does not exist', async () => {
      await publish(randomUUID()).expect(404);
      const res = await as(author).patch(`/api/v1/templates/${randomUUID()}`, { subject: 'x' }).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('publish refusals', () => {
    it('refuses an unknown MJML element with its line', async () => {
      const body = ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-colum>', '        <mj-text>Hello</mj-text>', '      </mj-colum>', '    </mj-section>', '  </mj-body>', '</mjml>'].join('\n');
      const created = await create(emailInput({ preheader: 'Inside: our news', body, manifest: HEADLINE_ONLY }));
      const res = await expectRefused(created.id, [{ line: 4, message: "Element mj-colum doesn't exist or is not registered" }]);
      expect(res.body.message).toContain('line 4');
    });

    it('refuses an unknown MJML attribute with its line', async () => {
      const created = await minimalEmail('<mj-text>Fine</mj-text>', '<mj-text shoe-size="44">Hello</mj-text>');
      await expectRefused(created.id, [{ line: 6, message: 'Attribute shoe-size is illegal' }]);
    });

    it('names a variable that is used but not declared, with its line', async () => {
      const created = await minimalEmail('<mj-text>Fine</mj-text>', '<mj-text>Save {{discount}} today</mj-text>');
      await expectRefused(created.id, [{ line: 6, message: '"discount" is used but not declared in the manifest' }]);
    });

    it('refuses forbidden syntax in the subject, naming subject as the path', async () => {
      const created = await create(emailInput({ subject: '{{headline}} {{{raw}}}', preheader: 'Inside', body: doc('<mj-text>Fine</mj-text>'), manifest: HEADLINE_ONLY }));
      await expectRefused(created.id, [{ path: 'subject', message: 'triple braces {{{…}}} are not allowed; values are always escaped' }]);
    });

    it('names a declared field that nothing uses', async () => {
      const manifest = { fields: [...HEADLINE_ONLY.fields, { key: 'footnote', source: 'editable', type: 'text', default: 'Terms apply' }] };
      const created = await create(emailInput({ preheader: 'Inside', body: doc('<mj-text>Fine</mj-text>'), manifest }));
      const res = await expectRefused(created.id, [expect.objectContaining({ message: 'field "footnote" is declared but never used' }) as Problem]);
      expect(res.body.message).toContain('footnote');
    });

    it('counts a field used only in the subject or only in the preheader as used', async () => {
      const manifest = { fields: [...HEADLINE_ONLY.fields, { key: 'teaser', source: 'editable', type: 'text', default: 'Read on' }] };
      const created = await create(emailInput({ subject: 'News: {{headline}}', preheader: '{{teaser}}', body: doc('<mj-text>No variables in the body</mj-text>'), manifest }));
      await publish(created.id).expect(200);
      expect(await publishedCount(created.id)).toBe(1);
    });

    it.each([
      ['triple braces', '<mj-text>{{{headline}}}</mj-text>', 'triple braces {{{…}}} are not allowed; values are always escaped'],
      ['a partial', '<mj-text>{{> footer}}</mj-text>', 'partial is not allowed in templates'],
      ['{{this}}', '<mj-text>{{this}}</mj-text>', '"this" is not allowed: use a declared field name'],
      ['a parent path', '<mj-text>{{../headline}}</mj-text>', '"../headline" is not allowed: use a declared field name'],
      ['@root data', '<mj-text>{{@root.headline}}</mj-text>', '"@root.headline" is not allowed: use a declared field name'],
      ['an unknown helper', '<mj-text>{{lookup headline other}}</mj-text>', 'helper "lookup" is not available (use paragraphs, formatDate)'],
      ['an #each block', '<mj-text>{{#each headline}}x{{/each}}</mj-text>', 'block "{{#each}}" is not allowed (use {{#if field}} or {{#unless field}})'],
      ['a literal', '<mj-text>{{paragraphs "text"}}</mj-text>', 'only field names may be used here (no literals or sub-expressions)'],
    ])('refuses %s with its line', async (_case, line, message) => {
      const created = await minimalEmail('<mj-text>Fine</mj-text>', line);
      await expectRefused(created.id, [{ line: 6, message }]);
    });

    it('refuses a Handlebars syntax error with its line', async () => {
      const created = await minimalEmail('<mj-text>Fine</mj-text>', '<mj-text>{{headline}</mj-text>');
      const res = await publish(created.id).expect(422);
      expect(problemsOf(res)).toEqual([{ line: 6, message: expect.stringContaining('Handlebars syntax: Parse error on line 6') as string }]);
      expect(await publishedCount(created.id)).toBe(0);
    });

    // Escaping keeps a value from breaking out of text, not from being a `javascript:` link, CSS or script.
    const ANYWHERE = '(variables may stand in text, href, src, action, alt, title and colour attributes)';
    it.each([
      ['a text field starting an href', '<mj-button href="{{headline}}">Go</mj-button>', '"headline" is not a url or image field and cannot start the "href" attribute'],
      ['a text field as an image src', '<mj-image src="{{headline}}" />', '"headline" is not a url or image field and cannot start the "src" attribute'],
      ['a text field after a scheme the template does not fix', '<mj-button href="java{{headline}}">Go</mj-button>', '"headline" is not a url or image field and cannot start the "href" attribute'],
      ['a field in an event handler', '<mj-raw><a href="https://acme.example" onclick="{{headline}}">Go</a></mj-raw>', `"headline" cannot be used in the "onclick" attribute ${ANYWHERE}`],
      ['a field in css-class', '<mj-text css-class="{{headline}}">Hello</mj-text>', `"headline" cannot be used in the "css-class" attribute ${ANYWHERE}`],
      ['a field in a style attribute', '<mj-raw><p style="color: red; {{headline}}">Hello</p></mj-raw>', `"headline" cannot be used in the "style" attribute ${ANYWHERE}`],
      ['a field in a script', '<mj-raw><script>var x = "{{headline}}";</script></mj-raw>', '"headline" cannot be used inside <mj-style>, <style> or <script>'],
    ])('refuses %s, naming the field and its line', async (_case, line, message) => {
      const created = await minimalEmail('<mj-text>Fine</mj-text>', line);
      await expectRefused(created.id, [{ line: 6, message }]);
    });

    it('refuses a field inside <mj-style> with its line', async () => {
      const body = [
        '<mjml>',
        '  <mj-head>',
        '    <mj-style>',
        '      .hero { background: {{headline}}; }',
        '    </mj-style>',
        '  </mj-head>',
        '  <mj-body><mj-section><mj-column><mj-text>Hello</mj-text></mj-column></mj-section></mj-body>',
        '</mjml>',
      ].join('\n');
      const created = await create(emailInput({ preheader: 'Inside', body, manifest: HEADLINE_ONLY }));
      await expectRefused(created.id, [{ line: 4, message: '"headline" cannot be used inside <mj-style>, <style> or <script>' }]);
    });

    it('accepts fields where the README allows them: text, alt, title, url and image fields in links and sources, text after a fixed https host', async () => {
      const manifest = {
        fields: [
          ...HEADLINE_ONLY.fields,
          { key: 'ctaUrl', source: 'editable', type: 'url', default: 'https://acme.example/trial' },
          { key: 'hero', source: 'editable', type: 'image', default: 'https://acme.example/hero.png' },
          { key: 'partnerName', source: 'partner', profile: 'name' },
          { key: 'partnerWebsite', source: 'partner', profile: 'website' },
        ],
      };
      const body = [
        '<mjml>',
        '  <mj-head><mj-attributes><mj-all font-family="{{brand.fontBody}}" /></mj-attributes></mj-head>',
        '  <mj-body>',
        '    <mj-section>',
        '      <mj-column>',
        '        <mj-image src="{{hero}}" alt="{{headline}}" title="{{partnerName}}" href="{{ctaUrl}}" />',
        '        <mj-text font-family="{{brand.fontHeading}}">{{headline}} <a href="{{partnerWebsite}}">{{partnerName}}</a></mj-text>',
        '        <mj-button href="https://acme.example/trial?ref={{partnerName}}">Start</mj-button>',
        '        <mj-text><a href="mailto:sales@acme.example?subject={{headline}}">Write</a> · <a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>',
        '      </mj-column>',
        '    </mj-section>',
        '  </mj-body>',
        '</mjml>',
      ].join('\n');
      const created = await create(emailInput({ preheader: 'Inside', body, manifest }));
      const res = await publish(created.id);
      expect({ status: res.status, problems: problemsOf(res) }).toEqual({ status: 200, problems: [] });
    });

    it('refuses a non-colour field in a colour attribute, and accepts a colour field there', async () => {
      const refused = await minimalEmail('<mj-text>Fine</mj-text>', '<mj-text color="{{headline}}">Hello</mj-text>');
      await expectRefused(refused.id, [{ line: 6, message: '"headline" is not a colour field and cannot be used in a colour attribute' }]);

      const manifest = { fields: [...HEADLINE_ONLY.fields, { key: 'tint', source: 'editable', type: 'colour', default: DEFAULT_PRIMARY }] };
      const accepted = await create(emailInput({ preheader: 'Inside', body: doc('<mj-text color="{{tint}}">Hello</mj-text>'), manifest }));
      await publish(accepted.id).expect(200);
    });

    it('refuses recipient.* in a landing page, where there is no recipient', async () => {
      const body = doc('<mj-text>{{headline}}</mj-text>', '<mj-text>Hi {{recipient.firstName}}</mj-text>');
      const created = await create({ key: `landing-${marker()}`, name: 'Trial page', kind: 'landing_page', body, manifest: HEADLINE_ONLY });
      await expectRefused(created.id, [{ line: 6, message: '"recipient.firstName" is used but not declared (recipient.* values here are: none)' }]);
    });

    it('refuses an email without a subject, and publishes once one is added', async () => {
      const created = await create(emailInput({ subject: undefined, preheader: 'Inside', body: doc('<mj-text>{{headline}}</mj-text>'), manifest: HEADLINE_ONLY }));
      const res = await expectRefused(created.id, [{ path: 'subject', message: 'is required for emails' }]);
      expect(res.body.message).toContain('subject: is required for emails');
      await as(author).patch(`/api/v1/templates/${created.id}`, { subject: '   ' }).expect(200);
      await expectRefused(created.id, [{ path: 'subject', message: 'is required for emails' }]);
      await as(author).patch(`/api/v1/templates/${created.id}`, { subject: 'Our news' }).expect(200);
      await publish(created.id).expect(200);
    });

    it('lists every problem of a template at once', async () => {
      const created = await minimalEmail('<mj-text>{{a}}</mj-text>', '<mj-text>{{b}}</mj-text>');
      await expectRefused(created.id, [
        { line: 5, message: '"a" is used but not declared in the manifest' },
        { line: 6, message: '"b" is used but not declared in the manifest' },
      ]);
    });

    it('refuses a banner without a background, and publishes it once one is uploaded', async () => {
      const created = await createBanner({ background: false });
      await expectRefused(created.id, [{ path: 'banner.background', message: 'upload the background image first' }]);
      const uploaded = await uploadBackground(author, created.id).expect(200);
      expect(uploaded.body).toMatchObject({ version: 1, status: 'draft' });
      const [draft] = await versionRows(created.id);
      expect(draft!.backgroundKey).toMatch(new RegExp(`^templates/${created.id}/background-[0-9a-f]{16}\\.png$`));
      await publish(created.id).expect(200);
      // The stored background is the uploaded image, sized as sent.
      const served = await t.http().get(`/media/${draft!.backgroundKey}`).expect(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(await sharp(served.body as Buffer).metadata()).toMatchObject({ width: 300, height: 250, format: 'png' });
    });

    it('refuses a banner zone outside the canvas, naming the zone', async () => {
      const created = await createBanner({ banner: { ...BANNER, zones: [logoZone, { ...textZone, x: 100 }] } });
      await expectRefused(created.id, [{ path: 'banner.zones[1]', message: 'must lie inside the banner' }]);
    });

    it('refuses a text zone on a field that is not text', async () => {
      const manifest = { fields: [BANNER_MANIFEST.fields[0]!, { key: 'headline', source: 'editable', type: 'url', default: 'https://acme.example' }] };
      const created = await createBanner({ manifest });
      await expectRefused(created.id, [{ path: 'banner.zones[1].field', message: 'a text zone needs a text field' }]);
    });

    it('refuses a logo zone on a field that is not the partner logo', async () => {
      const manifest = { fields: [{ key: 'partnerLogo', source: 'editable', type: 'image', default: 'https://acme.example/logo.png' }, BANNER_MANIFEST.fields[1]!] };
      const created = await createBanner({ manifest });
      await expectRefused(created.id, [{ path: 'banner.zones[0].field', message: 'a logo zone needs a partner logo field (source partner, profile logo)' }]);
    });

    it('refuses a background on a template that is not a banner: 409 TEMPLATE_NOT_BANNER', async () => {
      const created = await create(emailInput());
      const res = await uploadBackground(author, created.id).expect(409);
      expect(res.body).toMatchObject({ code: 'TEMPLATE_NOT_BANNER' });
      expect((await versionRows(created.id))[0]!.backgroundKey).toBeNull();
    });

    it('refuses a background that is not an image, naming the file field', async () => {
      const created = await createBanner({ background: false });
      const res = await uploadBackground(author, created.id, Buffer.from('<html>not an image</html>')).expect(415);
      expect(res.body).toMatchObject({ code: 'IMAGE_UNSUPPORTED_TYPE', details: { fields: [{ field: 'file' }] } });
      expect((await versionRows(created.id))[0]!.backgroundKey).toBeNull();
    });
  });

  describe('manifest shape', () => {
    const withFields = (...fields: object[]) => ({ fields });
    const headline = HEADLINE_ONLY.fields[0]!;

    it.each([
      ['a bad key', withFields(headline, { key: 'Bad Key', source: 'editable', type: 'text' }), 'manifest.fields[1].key', 'must start with a lower-case letter and use letters, digits or _ (at most 40)'],
      ['a duplicate key', withFields(headline, { ...headline }), 'manifest.fields[1].key', '"headline" is declared twice'],
      ['an unknown type', withFields({ ...headline, type: 'number' }), 'manifest.fields[0].type', 'must be one of text, multiline, url, image, choice, colour, date'],
      ['an unknown source', withFields({ key: 'headline', source: 'vendor', type: 'text' }), 'manifest.fields[0].source', 'must be locked, partner or editable'],
      ['an unknown profile field', withFields({ key: 'fax', source: 'partner', profile: 'fax' }), 'manifest.fields[0].profile', 'must be one of logo, name, phone, address, website, disclaimer, colour'],
      ['a choice without options', withFields({ key: 'plan', source: 'editable', type: 'choice' }), 'manifest.fields[0].options', 'a choice field needs a list of options'],
      ['a bad regular expression', withFields({ ...headline, pattern: '([a-z' }), 'manifest.fields[0].pattern', 'must be a valid regular expression of at most 200 characters'],
      ['mustChange without a default', withFields({ key: 'headline', source: 'editable', type: 'text', mustChange: true }), 'manifest.fields[0].default', 'a mustChange field needs the placeholder as its default'],
      ['a locked field without a value', withFields({ key: 'legal', source: 'locked', type: 'text' }), 'manifest.fields[0].value', 'a locked field needs its value'],
      ['a locked url that is not http(s)', withFields({ key: 'cta', source: 'locked', type: 'url', value: 'javascript:alert(1)' }), 'manifest.fields[0].value', 'cta: must be an http(s) URL (not javascript:)'],
      ['a default longer than its maxLength', withFields({ ...headline, maxLength: 5, default: 'Far too long' }), 'manifest.fields[0].default', 'headline: must be at most 5 characters (is 12)'],
      ['a default that breaks its pattern', withFields({ ...headline, pattern: '[A-Z]+', patternMessage: 'capitals only', default: 'lower' }), 'manifest.fields[0].default', 'headline: capitals only'],
      ['a default that is not one of its choices', withFields({ key: 'plan', source: 'editable', type: 'choice', options: ['Basic', 'Pro'], default: 'Gold' }), 'manifest.fields[0].default', 'plan: must be one of: Basic, Pro'],
      ['a colour default outside the palette', withFields({ key: 'tint', source: 'editable', type: 'colour', default: '#123456' }), 'manifest.fields[0].default', expect.stringContaining('must be one of the brand palette colours')],
      ['no field list', { field: [] }, 'manifest.fields', 'must be a list of fields'],
    ])('refuses %s on create: 422 MANIFEST_INVALID naming the path, nothing created', async (_case, manifest, field, problem) => {
      const input = emailInput({ manifest });
      const res = await as(author).post('/api/v1/templates', input).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'MANIFEST_INVALID', requestId: expect.any(String) });
      expect((res.body as { details: { fields: unknown[] } }).details.fields).toEqual([{ field, problems: [problem] }]);
      expect(await templateCount('key', input.key)).toBe(0);
    });

    it('lets a mustChange placeholder break the rules it will be held to', async () => {
      const manifest = withFields({ ...headline, maxLength: 5, mustChange: true, default: 'Your headline here' });
      const created = await create(emailInput({ manifest, subject: '{{headline}}', preheader: 'Inside', body: doc('<mj-text>Fine</mj-text>') }));
      expect(created.versions![0]!.manifest).toEqual(manifest);
    });

    it('refuses a bad manifest on PATCH and leaves the draft as it was', async () => {
      const created = await create(emailInput());
      const res = await as(author).patch(`/api/v1/templates/${created.id}`, { body: 'changed', manifest: withFields(headline, { ...headline }) }).expect(422);
      expect(res.body).toMatchObject({ code: 'MANIFEST_INVALID' });
      expect(namedFields(res)).toEqual(['manifest.fields[1].key']);
      const [draft] = await versionRows(created.id);
      expect(draft).toMatchObject({ version: 1, status: 'draft', body: VALID_BODY, manifest: VALID_MANIFEST });
    });

    it('refuses a bad manifest on PATCH after publish without starting a new draft', async () => {
      const created = await create(emailInput());
      await publish(created.id).expect(200);
      await as(author).patch(`/api/v1/templates/${created.id}`, { manifest: withFields({ key: 'x', source: 'editable', type: 'choice' }) }).expect(422);
      expect((await versionRows(created.id)).map((v) => [v.version, v.status])).toEqual([[1, 'published']]);
    });

    it.each([
      ['create', 'status'],
      ['create', 'layout'],
      ['update', 'version'],
    ] as const)('refuses an unknown top-level property on %s (%s) with 400 naming it', async (action, property) => {
      if (action === 'create') {
        const input = emailInput({ [property]: 'published' });
        const res = await as(author).post('/api/v1/templates', input).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(namedFields(res)).toEqual([property]);
        expect(await templateCount('key', input.key)).toBe(0);
      } else {
        const created = await create(emailInput());
        const res = await as(author).patch(`/api/v1/templates/${created.id}`, { [property]: 7, body: 'changed' }).expect(400);
        expect(namedFields(res)).toEqual([property]);
        expect((await versionRows(created.id))[0]).toMatchObject({ version: 1, body: VALID_BODY });
      }
    });

    it('refuses a key another template uses: 409 TEMPLATE_KEY_TAKEN naming key', async () => {
      const first = await create(emailInput());
      const res = await as(author).post('/api/v1/templates', emailInput({ key: first.key, name: 'Copycat' })).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'TEMPLATE_KEY_TAKEN', details: { field: 'key' } });
      expect(await templateCount('key', first.key)).toBe(1);
      expect(await templateCount('name', 'Copycat')).toBe(0);
    });

    it.each([
      ['key', { key: 'Not A Key' }],
      ['kind', { kind: 'poster' }],
      ['manifest', { manifest: 'none' }],
    ])('refuses a bad %s with 400 naming it', async (field, patch) => {
      const res = await as(author).post('/api/v1/templates', emailInput(patch)).expect(400);
      expect(namedFields(res)).toEqual([field]);
    });
  });

  describe('access', () => {
    const users = {} as Record<Role, TestUser>;
    let published: TemplateBody;
    let editable: TemplateBody;
    let banner: TemplateBody;

    interface RouteCase {
      route: string;
      method: Method;
      allowed: readonly Role[];
      success: number;
      /** The path for one call; may create what the call acts on. */
      path: (mark: string) => Promise<string> | string;
      body?: (mark: string) => object;
      file?: true;
      /** State the call left for its marker: 1 when it took effect, 0 when it did not. */
      traces?: (mark: string) => Promise<number>;
    }

    /** Templates made for one call, by marker. */
    const madeFor = new Map<string, string>();
    const freshDraft = async (mark: string) => {
      const created = await create(emailInput({ key: `draft-${mark}` }));
      madeFor.set(mark, created.id);
      return `/api/v1/templates/${created.id}`;
    };
    const freshBanner = async (mark: string) => {
      const created = await createBanner({ background: false });
      madeFor.set(mark, created.id);
      return `/api/v1/templates/${created.id}`;
    };

    const routes: RouteCase[] = [
      { route: 'GET /api/v1/templates', method: 'get', allowed: ROLES, success: 200, path: () => '/api/v1/templates' },
      {
        route: 'POST /api/v1/templates',
        method: 'post',
        allowed: AUTHORS,
        success: 201,
        path: () => '/api/v1/templates',
        body: (m) => emailInput({ key: `made-${m}` }),
        traces: (m) => templateCount('key', `made-${m}`),
      },
      { route: 'GET /api/v1/templates/:id', method: 'get', allowed: ROLES, success: 200, path: () => `/api/v1/templates/${published.id}` },
      {
        route: 'PATCH /api/v1/templates/:id',
        method: 'patch',
        allowed: AUTHORS,
        success: 200,
        path: () => `/api/v1/templates/${editable.id}`,
        body: (m) => ({ subject: `Edited ${m} {{headline}}` }),
        traces: async (m) => (await versionRows(editable.id)).filter((v) => v.subject === `Edited ${m} {{headline}}`).length,
      },
      {
        route: 'POST /api/v1/templates/:id/publish',
        method: 'post',
        allowed: AUTHORS,
        success: 200,
        path: async (m) => `${await freshDraft(m)}/publish`,
        traces: (m) => publishedCount(madeFor.get(m)!),
      },
      {
        route: 'PUT /api/v1/templates/:id/background',
        method: 'put',
        allowed: AUTHORS,
        success: 200,
        file: true,
        path: async (m) => `${await freshBanner(m)}/background`,
        traces: async (m) => (await versionRows(madeFor.get(m)!)).filter((v) => v.backgroundKey !== null).length,
      },
      { route: 'POST /api/v1/templates/:id/preview', method: 'post', allowed: ROLES, success: 200, path: () => `/api/v1/templates/${published.id}/preview`, body: () => ({ partnerId: partner.id }) },
      { route: 'POST /api/v1/templates/:id/validate', method: 'post', allowed: ROLES, success: 200, path: () => `/api/v1/templates/${published.id}/validate`, body: () => ({ partnerId: partner.id }) },
      { route: 'POST /api/v1/templates/:id/test-send', method: 'post', allowed: ROLES, success: 202, path: () => `/api/v1/templates/${published.id}/test-send`, body: () => ({ partnerId: partner.id }) },
      { route: 'POST /api/v1/templates/:id/renditions', method: 'post', allowed: ROLES, success: 200, path: () => `/api/v1/templates/${banner.id}/renditions`, body: () => ({ partnerId: partner.id }) },
    ];

    const run = async (c: RouteCase, auth: string | null, mark: string): Promise<Response> => {
      const path = await c.path(mark);
      let request = t.http()[c.method](path);
      if (auth) request = request.set('Authorization', auth);
      if (c.file) return request.attach('file', png, { filename: 'background.png', contentType: 'image/png' });
      return c.body ? request.send(c.body(mark)) : request;
    };

    beforeAll(async () => {
      for (const role of VENDOR_ROLES) users[role] = await makeUser(t, role);
      for (const role of PARTNER_ROLES) users[role] = await makeUser(t, role, { partnerId: partner.id });
      published = await create(emailInput({ key: `access-published-${marker()}` }));
      await publish(published.id).expect(200);
      editable = await create(emailInput({ key: `access-editable-${marker()}` }));
      banner = await createBanner();
      await publish(banner.id).expect(200);
    });

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
    });

    async function listAll(user: TestUser): Promise<TemplateBody[]> {
      const items: TemplateBody[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
        const page = (await as(user).get(`/api/v1/templates${query}`).expect(200)).body as { items: TemplateBody[]; nextCursor: string | null };
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    }

    it('shows partner users only templates with a published version, never a draft or its source', async () => {
      const draftOnly = await create(emailInput({ key: `zz-draft-only-${marker()}` }));
      const live = await create(emailInput({ key: `zz-live-${marker()}` }));
      await publish(live.id).expect(200);
      // A newer draft exists: partners still see only v1.
      await as(author).patch(`/api/v1/templates/${live.id}`, { body: VALID_BODY.replace('Start your trial', 'Secret draft copy') }).expect(200);

      for (const role of PARTNER_ROLES) {
        const keys = (await listAll(users[role])).map((x) => x.key);
        expect(keys).toContain(live.key);
        expect(keys).not.toContain(draftOnly.key);
        const res = await as(users[role]).get(`/api/v1/templates/${draftOnly.id}`).expect(404);
        expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
        const seen = (await as(users[role]).get(`/api/v1/templates/${live.id}`).expect(200)).body as TemplateBody;
        expect(seen.versions!.map((v) => [v.version, v.status])).toEqual([[1, 'published']]);
        for (const v of seen.versions!) expect(v).not.toHaveProperty('body');
        expect(JSON.stringify(seen)).not.toContain('Secret draft copy');
        // A draft cannot be previewed by a partner either.
        await as(users[role]).post(`/api/v1/templates/${draftOnly.id}/preview`, {}).expect(404);
      }
      for (const role of VENDOR_ROLES) {
        const keys = (await listAll(users[role])).map((x) => x.key);
        expect(keys).toEqual(expect.arrayContaining([live.key, draftOnly.key]));
        const seen = (await as(users[role]).get(`/api/v1/templates/${live.id}`).expect(200)).body as TemplateBody;
        expect(seen.versions!.map((v) => [v.version, v.status])).toEqual([
          [2, 'draft'],
          [1, 'published'],
        ]);
        expect(seen.versions![0]!.body).toContain('Secret draft copy');
      }
    });

    it('does not list template bodies or versions in the list', async () => {
      const items = await listAll(users.partner_user);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item).not.toHaveProperty('versions');
    });
  });
});
