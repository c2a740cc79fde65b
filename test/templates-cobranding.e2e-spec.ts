import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Response, Test } from 'supertest';
import { BrandKitService, RenditionEntity, TemplateLoaderService, TemplateService } from '@app/brand';
import { ACTIVE_QUEUES, Principal, QueueService } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * Co-branding: a shipped template rendered for one partner through the API (preview, validate,
 * test send, banner renditions). The manifest's rules, escaping of whatever a partner types, the
 * partner profile filling partner fields, isolation between partners, and previews that write
 * nothing.
 */

const REPO = path.resolve(__dirname, '..');
const ASSETS = path.join(REPO, 'assets');

interface FieldRule {
  field: string;
  rule: string;
  message: string;
}
interface EmailPreview {
  kind: 'email';
  subject: string;
  preheader: string;
  html: string;
  text: string;
  launchBlockers: FieldRule[];
}
interface LandingPreview {
  kind: 'landing_page';
  html: string;
  launchBlockers: FieldRule[];
}
interface SocialPreview {
  kind: 'social_post';
  text: string;
  lengths: Record<string, { length: number; limit: number }>;
  launchBlockers: FieldRule[];
}
interface Validation {
  valid: boolean;
  problems: FieldRule[];
  launchBlockers: FieldRule[];
}
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; rule?: string; problems: string[] }[] };
  requestId: string;
}
interface RenditionBody {
  url: string;
  width: number;
  height: number;
  contentType: string;
  cached: boolean;
}

/** Banner previews: the image bytes as a Buffer; error answers (JSON) parsed as usual. */
function binary(response: Response, done: (error: Error | null, body: unknown) => void): void {
  // In Node, superagent hands parsers the raw message stream.
  const res = response as unknown as IncomingMessage;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => {
    const data = Buffer.concat(chunks);
    if (!String(res.headers['content-type']).includes('json')) return done(null, data);
    try {
      done(null, JSON.parse(data.toString('utf8')));
    } catch (error) {
      done(error as Error, data);
    }
  });
}

/** The one problem a 422 EDIT_INVALID names, with a message that says which field and why. */
function expectEditInvalid(res: Response, field: string, rule: string, says: string | RegExp): void {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status: 422, code: 'EDIT_INVALID' });
  expect(body.details?.fields).toEqual([{ field, rule, problems: [expect.stringContaining(`${field}: `)] }]);
  expect(body.message).toMatch(says);
  expect(body.message.startsWith(`${field}: `)).toBe(true);
  expect(body.requestId).toEqual(expect.any(String));
}

describe('templates: co-branding for a partner', () => {
  let t: TestApp;
  let vendor: TestUser;
  let northwind: PartnerEntity;
  let bluepeak: PartnerEntity;
  let nwAdmin: TestUser;
  let nwUser: TestUser;
  let bpAdmin: TestUser;
  /** Template id by key. */
  const ids: Record<string, string> = {};
  let s3: S3Client;

  const call = (action: 'preview' | 'validate' | 'test-send' | 'renditions', user: TestUser, key: string, body: object): Test =>
    t.http().post(`/api/v1/templates/${ids[key]}/${action}`).set('Authorization', user.auth).send(body);
  const preview = (user: TestUser, key: string, body: object = { edits: {} }) => call('preview', user, key, body);
  const email = async (user: TestUser, key: string, edits: Record<string, unknown> = {}, extra: object = {}): Promise<EmailPreview> => {
    const res = await preview(user, key, { edits, ...extra });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return res.body as EmailPreview;
  };
  const validate = async (user: TestUser, key: string, edits: Record<string, unknown>): Promise<Validation> =>
    (await call('validate', user, key, { edits }).expect(200)).body as Validation;
  const bannerPreview = (user: TestUser, key: string, edits: Record<string, unknown> = {}) => preview(user, key, { edits }).buffer(true).parse(binary);
  const uploadLogo = (partner: PartnerEntity, user: TestUser, file: string) =>
    t
      .http()
      .put(`/api/v1/partners/${partner.id}/logo`)
      .set('Authorization', user.auth)
      .attach('file', fs.readFileSync(path.join(ASSETS, 'partners', file)), { filename: file, contentType: 'image/png' })
      .expect(200);

  /** Everything a preview could leave behind: rows, queued jobs (the worker's heartbeat aside) and stored objects. */
  async function footprint() {
    const count = async (table: string) => Number((await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const jobs: string[] = [];
    for (const name of ACTIVE_QUEUES) {
      const queue = t.get(QueueService).queue(name);
      const all = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'waiting-children']);
      // Sweeps (heartbeat, dispatch, ticks) run on their own schedule; a preview must queue nothing else.
      jobs.push(...all.filter((job) => job.name !== 'heartbeat' && !String(job.id).startsWith('repeat:')).map((job) => `${name}:${job.name}:${job.id}`));
    }
    const objects: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: t.config.storage.bucket, ContinuationToken: token }));
      objects.push(...(page.Contents ?? []).map((o) => `${o.Key}:${o.ETag}`));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return {
      templateVersions: await count('template_versions'),
      templates: await count('templates'),
      renditions: await count('renditions'),
      auditEvents: await count('audit_events'),
      partners: (await t.db.query<{ v: string }[]>('SELECT string_agg(id || \':\' || profile_version, \',\' ORDER BY id) AS v FROM partners'))[0]!.v,
      jobs: jobs.sort(),
      objects: objects.sort(),
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    s3 = new S3Client({
      endpoint: t.config.storage.endpoint!,
      region: t.config.storage.region,
      forcePathStyle: t.config.storage.forcePathStyle,
      credentials: { accessKeyId: t.config.storage.accessKeyId, secretAccessKey: t.config.storage.secretAccessKey },
    });
    vendor = await makeUser(t, 'vendor_admin');
    const principal: Principal = { userId: vendor.user.id, email: vendor.user.email, name: vendor.user.name, role: 'vendor_admin', partnerId: null, tokenId: 'test', tokenKind: 'session' };

    // The brand kit and templates as the demo seed loads them.
    const kit = JSON.parse(fs.readFileSync(path.join(ASSETS, 'vendor', 'brand-kit.json'), 'utf8')) as { name: string; colours: Record<'primary' | 'secondary' | 'accent' | 'text' | 'background', string>; fonts: { heading: string; body: string }; legalFooter: string; logo: string };
    await t.get(BrandKitService).update(principal, { name: kit.name, colours: kit.colours, fonts: kit.fonts, legalFooter: kit.legalFooter });
    await t.get(BrandKitService).setLogo(principal, fs.readFileSync(path.join(ASSETS, kit.logo)));
    await t.get(TemplateLoaderService).loadDirectory(path.join(REPO, 'templates'), principal);
    for (const key of ['product-launch', 'webinar-invitation', 'follow-up', 'backup-5-trial', 'social-banner-1200x628', 'display-300x250', 'backup-5-announcement']) {
      ids[key] = (await t.get(TemplateService).findByKey(key))!.id;
    }

    // A vendor template of our own: an editable colour (held to the brand palette) and a required field with no default.
    const created = await t
      .http()
      .post('/api/v1/templates')
      .set('Authorization', vendor.auth)
      .send({
        key: 'partner-offer-strip',
        name: 'Partner offer strip',
        kind: 'landing_page',
        body: '<mjml><mj-body><mj-section background-color="{{bandColour}}"><mj-column><mj-text color="{{brand.text}}">{{offer}}, from {{partnerName}}</mj-text></mj-column></mj-section></mj-body></mjml>',
        manifest: {
          fields: [
            { key: 'partnerName', source: 'partner', profile: 'name' },
            { key: 'bandColour', source: 'editable', type: 'colour', label: 'Band colour', default: '#0B5FFF' },
            { key: 'offer', source: 'editable', type: 'text', label: 'Offer', required: true, maxLength: 60 },
          ],
        },
      })
      .expect(201);
    ids['partner-offer-strip'] = (created.body as { id: string }).id;
    await t.http().post(`/api/v1/templates/${ids['partner-offer-strip']}/publish`).set('Authorization', vendor.auth).expect(200);

    northwind = await makePartner(t, {
      name: 'Northwind IT',
      phone: '+1 312 555 0142',
      address: '200 W Madison St\nChicago, IL 60606, USA',
      website: 'https://northwind-it.example',
      legalDisclaimer: 'Northwind IT is an authorised Acme Cloud partner. Offers are subject to local terms.',
    });
    bluepeak = await makePartner(t, { name: 'BluePeak Systems', website: 'https://bluepeak-systems.example', address: '1700 Lincoln St, Denver' });
    nwAdmin = await makeUser(t, 'partner_admin', { partnerId: northwind.id });
    nwUser = await makeUser(t, 'partner_user', { partnerId: northwind.id });
    bpAdmin = await makeUser(t, 'partner_admin', { partnerId: bluepeak.id });
    await uploadLogo(northwind, nwAdmin, 'northwind-it.png');
    await uploadLogo(bluepeak, bpAdmin, 'bluepeak-systems.png');
  });
  afterAll(async () => {
    s3?.destroy();
    await t?.close();
  });

  describe('the manifest rules', () => {
    it.each([
      ['editing a locked field', 'product-launch', { benefitImmutable: 'Backups anyone can delete.' }, 'benefitImmutable', 'locked', /locked by the vendor/],
      ['editing a field the template does not declare', 'product-launch', { discountCode: 'FREE100' }, 'discountCode', 'undeclared', /no such field/],
      ['editing a partner-profile field', 'product-launch', { partnerName: 'Somebody Else Ltd' }, 'partnerName', 'partner', /partner profile/],
      ['a headline over its 80 characters', 'product-launch', { headline: 'h'.repeat(81) }, 'headline', 'maxLength', /at most 80 characters \(is 81\)/],
      ['a line break in a one-line field', 'product-launch', { headline: 'Two\nlines' }, 'headline', 'type', /single line/],
      ['a start time that is not HH:MM', 'webinar-invitation', { webinarTime: '3pm' }, 'webinarTime', 'pattern', /Enter the start time as HH:MM on the 24-hour clock/],
      ['a start time past 23:59', 'webinar-invitation', { webinarTime: '24:00' }, 'webinarTime', 'pattern', /HH:MM/],
      ['a button label that is not one of the options', 'product-launch', { ctaLabel: 'Buy now' }, 'ctaLabel', 'choice', /one of: Book a demo, Start a free trial, Talk to us/],
      ['an editable colour outside the brand palette', 'partner-offer-strip', { bandColour: '#FF0000' }, 'bandColour', 'palette', /brand palette colours: #0B5FFF, #00C2A8, #FFB020, #1B1F24, #FFFFFF/],
      ['an editable colour that is no colour', 'partner-offer-strip', { bandColour: 'red' }, 'bandColour', 'type', /colour like/],
      ['a javascript: URL', 'webinar-invitation', { registrationUrl: 'javascript:alert(1)' }, 'registrationUrl', 'type', /http\(s\) URL \(not javascript:\)/],
      ['a URL that is not a URL', 'webinar-invitation', { registrationUrl: 'events.example/register' }, 'registrationUrl', 'type', /full http\(s\) URL/],
      ['a URL outside the allowed domains', 'product-launch', { ctaUrl: 'https://evil.example/backup-5' }, 'ctaUrl', 'domain', /must point to acme-cloud\.example/],
      ['a look-alike of an allowed domain', 'product-launch', { ctaUrl: 'https://acme-cloud.example.evil.test/backup-5' }, 'ctaUrl', 'domain', /acme-cloud\.example/],
      ['a date that does not exist', 'webinar-invitation', { webinarDate: '2026-02-30' }, 'webinarDate', 'type', /must be a date like 2026-12-01/],
      ['a date in words', 'webinar-invitation', { webinarDate: '1 December 2026' }, 'webinarDate', 'type', /must be a date/],
      ['a value that is not a string', 'product-launch', { headline: 42 }, 'headline', 'type', /must be a string/],
    ])('refuses %s: preview 422 EDIT_INVALID naming the field and the rule, and validate says the same', async (_case, key, edits, field, rule, says) => {
      expectEditInvalid(await preview(nwAdmin, key, { edits }), field, rule, says);
      const checked = await validate(nwAdmin, key, edits);
      expect(checked.valid).toBe(false);
      expect(checked.problems).toEqual([{ field, rule, message: expect.stringMatching(says) }]);
    });

    it('lists every problem when several edits break rules at once', async () => {
      const res = await preview(nwAdmin, 'product-launch', { edits: { headline: 'h'.repeat(90), ctaLabel: 'Buy now', heroImage: 'https://evil.example/x.png', ctaUrl: 'ftp://acme-cloud.example/x' } });
      expect(res.status).toBe(422);
      const fields = (res.body as ErrorBody).details!.fields!.map((f) => `${f.field}/${f.rule}`).sort();
      expect(fields).toEqual(['ctaLabel/choice', 'ctaUrl/type', 'headline/maxLength', 'heroImage/locked']);
    });

    it('accepts values within the rules, and renders them', async () => {
      const edits = { headline: 'Backups that survive ransomware', ctaLabel: 'Talk to us', ctaUrl: 'https://partners.acme-cloud.example/backup-5?src=nw' };
      const out = await email(nwAdmin, 'product-launch', edits);
      expect(out.subject).toBe('Backups that survive ransomware');
      expect(out.html).toMatch(/>\s*Talk to us\s*<\/a>/);
      expect(out.html).not.toMatch(/>\s*Book a demo\s*</);
      expect(out.html).toContain('href="https://partners.acme-cloud.example/backup-5?src&#x3D;nw"');
      expect((await validate(nwAdmin, 'product-launch', edits)).valid).toBe(true);
      const strip = await preview(nwAdmin, 'partner-offer-strip', { edits: { bandColour: '#00c2a8', offer: 'Free migration' } }).expect(200);
      expect((strip.body as LandingPreview).html).toMatch(/background(-color)?[:=]"?#00c2a8/i);
    });
  });

  describe('launch blockers (required, mustChange)', () => {
    it('does not block a preview, lists placeholders left unchanged, and clears them once replaced', async () => {
      const before = await email(nwAdmin, 'webinar-invitation');
      expect(before.launchBlockers).toEqual([
        { field: 'webinarDate', rule: 'mustChange', message: expect.stringContaining('webinarDate: replace the placeholder') },
        { field: 'speakerName', rule: 'mustChange', message: expect.stringContaining('speakerName: replace the placeholder') },
      ]);
      expect(before.html).toContain("Your speaker&#x27;s name");
      expect((await validate(nwAdmin, 'webinar-invitation', {})).launchBlockers.map((b) => `${b.field}/${b.rule}`)).toEqual(['webinarDate/mustChange', 'speakerName/mustChange']);

      const halfway = { webinarDate: '2026-12-08' };
      expect((await email(nwAdmin, 'webinar-invitation', halfway)).launchBlockers.map((b) => b.field)).toEqual(['speakerName']);

      const done = { webinarDate: '2026-12-08', speakerName: 'Dana Whitfield' };
      const after = await email(nwAdmin, 'webinar-invitation', done);
      expect(after.launchBlockers).toEqual([]);
      expect(after.html).toContain('8 December 2026, 15:00 CET');
      expect(after.html).toContain('Dana Whitfield');
      expect(await validate(nwAdmin, 'webinar-invitation', done)).toEqual({ valid: true, problems: [], launchBlockers: [] });
    });

    it('still blocks a placeholder typed in again as it was', async () => {
      const out = await email(nwAdmin, 'follow-up', { personalNote: 'Write a personal note to your contacts here' });
      expect(out.launchBlockers).toEqual([{ field: 'personalNote', rule: 'mustChange', message: expect.any(String) }]);
    });

    it('still blocks a placeholder disguised with an invisible direction mark (it renders as the placeholder)', async () => {
      const disguised = "Your speaker's name\u202E";
      const out = await email(nwAdmin, 'webinar-invitation', { webinarDate: '2026-12-08', speakerName: disguised });
      expect(out.html).toContain("Your speaker&#x27;s name");
      expect(out.launchBlockers.map((b) => `${b.field}/${b.rule}`)).toEqual(['speakerName/mustChange']);
    });

    it('treats an edit of invisible characters only as cleared: the default shows, as for an empty edit', async () => {
      const cleared = await email(nwAdmin, 'product-launch', { headline: '' });
      const invisible = await email(nwAdmin, 'product-launch', { headline: '\u202E\u2066' });
      expect(cleared.subject).toBe('Meet Acme Cloud Backup 5: immutable backups, restored in minutes');
      expect(invisible.subject).toBe(cleared.subject);
      expect(invisible.html).toBe(cleared.html);
    });

    it('lists a required field with no value (in preview and validate) until it is set', async () => {
      const empty = (await preview(nwAdmin, 'partner-offer-strip').expect(200)).body as LandingPreview;
      expect(empty.launchBlockers).toEqual([{ field: 'offer', rule: 'required', message: 'offer: is required' }]);
      expect(await validate(nwAdmin, 'partner-offer-strip', { offer: '' })).toEqual({ valid: true, problems: [], launchBlockers: [expect.objectContaining({ field: 'offer', rule: 'required' })] });
      // Only invisible characters render as nothing: still missing.
      const invisible = (await preview(nwAdmin, 'partner-offer-strip', { edits: { offer: '\u202E\u200F' } }).expect(200)).body as LandingPreview;
      expect(invisible.launchBlockers.map((b) => `${b.field}/${b.rule}`)).toEqual(['offer/required']);

      const set = (await preview(nwAdmin, 'partner-offer-strip', { edits: { offer: 'Free migration' } }).expect(200)).body as LandingPreview;
      expect(set.launchBlockers).toEqual([]);
      expect(set.html).toContain('Free migration, from Northwind IT');
      expect((await validate(nwAdmin, 'partner-offer-strip', { offer: 'Free migration' })).launchBlockers).toEqual([]);
    });
  });

  describe('whatever a partner types renders inert', () => {
    /** Handlebars and the paragraphs helper spell a few entities differently; both are escaped. */
    const entities = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;|&#39;/g, "'").replace(/&#x60;/g, '`');

    it.each([
      ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;', ['<script>alert', '</script>']],
      ['an attribute break-out', '"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;', ['<img src=x']],
      ['a Handlebars expression', '{{brand.name}}', '{{brand.name}}', []],
      ['a Handlebars block', '{{#each brand}}[{{this}}]{{/each}}', '{{#each brand}}[{{this}}]{{/each}}', ['[#0B5FFF]']],
      ['MJML tags', '<mj-text>Hi</mj-text></mj-column>', '&lt;mj-text&gt;Hi&lt;/mj-text&gt;&lt;/mj-column&gt;', ['<mj-text', '</mj-column>']],
    ])('%s in the headline, preheader and intro: escaped in the HTML, literal in the text part and subject', async (_case, payload, escaped, forbidden) => {
      const out = await email(nwAdmin, 'product-launch', { headline: payload, preheader: payload, intro: payload });
      // Subject and preheader are plain text: the value exactly as typed, never evaluated.
      expect(out.subject).toBe(payload);
      expect(out.preheader).toBe(payload);
      // Headline, hidden preheader and intro paragraph each show it escaped.
      const html = entities(out.html);
      expect(html.split(escaped).length - 1).toBe(3);
      expect(html).toContain(`<p>${escaped}</p>`);
      for (const raw of forbidden) expect(out.html).not.toContain(raw);
      // The text part is plain text: shown as typed, as often as the HTML shows it.
      expect(out.text.split(payload).length - 1).toBe(3);
      // A template expression is never evaluated: no value of the brand kit shows up in its place.
      expect(out.text).not.toContain('[#0B5FFF]');
    });

    it('shows javascript: in a text field as plain words, never as a link', async () => {
      const out = await email(nwAdmin, 'product-launch', { headline: 'javascript:alert(1)' });
      expect(out.html).toMatch(/>javascript:alert\(1\)<\/div>/);
      expect(out.html).not.toMatch(/(href|src|action)\s*=\s*["']?\s*javascript:/i);
      expect(out.subject).toBe('javascript:alert(1)');
    });

    it('strips a right-to-left override from the HTML, the text part and the subject', async () => {
      const out = await email(nwAdmin, 'product-launch', { headline: 'Invoice \u202Egpj.exe', intro: 'Open \u202Efdp.exe today' });
      expect(out.subject).toBe('Invoice gpj.exe');
      expect(out.html).toContain('Invoice gpj.exe');
      expect(out.html).toContain('<p>Open fdp.exe today</p>');
      for (const part of [out.html, out.text, out.subject]) expect(part).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    });

    it('renders a multi-line field as paragraphs: HTML escaped, line breaks as <br>, blank lines as new paragraphs', async () => {
      const intro = 'First <b>bold</b> line\nsecond line\n\nNew paragraph & "quotes"';
      const out = await email(nwAdmin, 'product-launch', { intro });
      expect(out.html).toContain('<p>First &lt;b&gt;bold&lt;/b&gt; line<br>second line</p><p>New paragraph &amp; &quot;quotes&quot;</p>');
      expect(out.html).not.toContain('<b>bold</b>');
      expect(out.text).toContain('First <b>bold</b> line\nsecond line\n\nNew paragraph & "quotes"');
    });

    it('escapes a partner profile that holds markup too', async () => {
      const odd = await makePartner(t, { name: 'Evil <b>Corp</b> "Ltd"', address: '<script>alert(1)</script>\nSecond line', legalDisclaimer: '{{brand.legalFooter}}' });
      const out = await email(vendor, 'product-launch', {}, { partnerId: odd.id });
      expect(out.html).toContain('alt="Evil &lt;b&gt;Corp&lt;/b&gt; &quot;Ltd&quot;"');
      expect(out.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line</p>');
      expect(out.html).toContain('<p>{{brand.legalFooter}}</p>');
      expect(out.html).not.toContain('<b>Corp</b>');
      expect(out.html).not.toContain('<script>alert');
    });
  });

  describe('the partner profile fills the partner fields', () => {
    it('places the logo (served under /media/partners/…), name, phone, website, address and disclaimer', async () => {
      const out = await email(nwAdmin, 'product-launch');
      const logoUrl = new RegExp(`src="(${t.config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/media/partners/${northwind.id}/logo-[0-9a-f]{16}\\.png)"`);
      const match = logoUrl.exec(out.html);
      expect(match).not.toBeNull();
      expect(out.html).toContain('alt="Northwind IT"');
      expect(out.html).toContain('<p>200 W Madison St<br>Chicago, IL 60606, USA</p>');
      expect(out.html).toContain('Phone: +1 312 555 0142');
      expect(out.html).toContain('<a href="https://northwind-it.example">https://northwind-it.example</a>');
      expect(out.html).toContain('<p>Northwind IT is an authorised Acme Cloud partner. Offers are subject to local terms.</p>');
      expect(out.html).toContain('The Northwind IT team');
      expect(out.text).toContain('200 W Madison St\nChicago, IL 60606, USA');
      // The logo URL in the email loads, without credentials, as the partner's image.
      const logo = await t.http().get(new URL(match![1]!).pathname).expect(200);
      expect(logo.headers['content-type']).toBe('image/png');
      expect(await sharp(logo.body as Buffer).metadata()).toMatchObject({ format: 'png' });
    });

    it('changes the next preview when the partner changes its profile', async () => {
      const partner = await makePartner(t, { name: 'Harbor Digital', phone: '+44 20 7946 0321', address: '12 Wharf Road\nLondon N1 7GR', legalDisclaimer: 'Harbor Digital Ltd, registered in England.' });
      const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
      const before = await email(admin, 'follow-up');
      expect(before.html).toContain('The Harbor Digital team');
      expect(before.html).toContain('Phone: +44 20 7946 0321');
      expect(before.html).not.toMatch(/src="[^"]*\/media\/partners\//);

      await t
        .http()
        .patch(`/api/v1/partners/${partner.id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Harbor Digital Group', phone: null, address: '1 Dock Street\nBristol BS1 4XX', legalDisclaimer: 'Harbor Digital Group plc.' })
        .expect(200);
      await uploadLogo(partner, admin, 'harbor-digital.png');

      const after = await email(admin, 'follow-up');
      expect(after.html).toContain('The Harbor Digital Group team');
      expect(after.html).toContain('<p>1 Dock Street<br>Bristol BS1 4XX</p>');
      expect(after.html).toContain('<p>Harbor Digital Group plc.</p>');
      expect(after.html).not.toContain('Phone:');
      expect(after.html).not.toContain('12 Wharf Road');
      expect(after.html).toMatch(new RegExp(`src="[^"]*/media/partners/${partner.id}/logo-[0-9a-f]{16}\\.png"`));
    });
  });

  it('previews write nothing: no version, rendition, audit event, queued job or stored object', async () => {
    // A stored rendition first, so the banner preview also takes the path that reads one.
    await call('renditions', nwAdmin, 'social-banner-1200x628', { edits: { headline: 'Stored before the previews' } }).expect(200);
    const before = await footprint();
    expect(before.templateVersions).toBeGreaterThan(0);
    expect(before.auditEvents).toBeGreaterThan(0);
    expect(before.objects.length).toBeGreaterThan(0);

    await email(nwAdmin, 'product-launch', { headline: 'Preview one' });
    await email(vendor, 'webinar-invitation', { speakerName: 'Dana' }, { partnerId: bluepeak.id });
    await preview(nwAdmin, 'backup-5-trial', { edits: { headline: 'A landing preview' } }).expect(200);
    await preview(nwAdmin, 'backup-5-announcement', { edits: { hook: 'A social preview' } }).expect(200);
    await bannerPreview(nwAdmin, 'social-banner-1200x628', { headline: 'A banner preview' }).expect(200);
    await bannerPreview(nwAdmin, 'social-banner-1200x628', { headline: 'Stored before the previews' }).expect(200);
    await bannerPreview(bpAdmin, 'display-300x250').expect(200);
    await preview(vendor, 'product-launch', { partnerId: northwind.id, version: 'draft', edits: {} }).expect(404);
    await validate(nwAdmin, 'social-banner-1200x628', { headline: 'Validated only' });
    await preview(nwAdmin, 'product-launch', { edits: { headline: 'h'.repeat(200) } }).expect(422);

    expect(await footprint()).toEqual(before);
  });

  describe('test send', () => {
    it('sends the preview to the requesting user only, marked [Test], with HTML and text parts', async () => {
      const headline = `Northwind test ${randomUUID().slice(0, 8)}`;
      const res = await call('test-send', nwAdmin, 'product-launch', { edits: { headline } }).expect(202);
      expect(res.body).toEqual({ to: nwAdmin.user.email });
      const mail = await t.mail.waitFor((m) => m.subject.includes(headline));
      expect(mail.to).toEqual([nwAdmin.user.email]);
      expect(mail.subject).toBe(`[Test] ${headline}`);
      expect(mail.html).toContain('<html');
      expect(mail.html).toContain('The Northwind IT team');
      expect(mail.html).toContain(headline);
      expect(mail.text).toContain('The Northwind IT team');
      expect(mail.text).toContain(headline);
      expect(mail.text).not.toMatch(/<(div|table|p)\b/);
    });

    it('lets a partner user send a test to themselves; a vendor gets the partner named in the request', async () => {
      const tag = randomUUID().slice(0, 8);
      await call('test-send', nwUser, 'follow-up', { edits: { subject: `From a partner user ${tag}` } }).expect(202);
      await call('test-send', vendor, 'follow-up', { partnerId: bluepeak.id, edits: { subject: `From the vendor ${tag}` } }).expect(202);
      const byUser = await t.mail.waitFor((m) => m.subject === `[Test] From a partner user ${tag}`);
      const byVendor = await t.mail.waitFor((m) => m.subject === `[Test] From the vendor ${tag}`);
      expect(byUser.to).toEqual([nwUser.user.email]);
      expect(byUser.html).toContain('The Northwind IT team');
      expect(byVendor.to).toEqual([vendor.user.email]);
      expect(byVendor.html).toContain('The BluePeak Systems team');
      expect(byVendor.html).not.toContain('Northwind');
    });

    it('sends nothing for invalid edits (422) or for a template that is not an email (409)', async () => {
      const before = await footprint();
      expectEditInvalid(await call('test-send', nwAdmin, 'product-launch', { edits: { ctaLabel: 'Buy now' } }), 'ctaLabel', 'choice', /one of/);
      const banner = await call('test-send', nwAdmin, 'social-banner-1200x628', { edits: {} }).expect(409);
      expect(banner.body).toMatchObject({ code: 'TEMPLATE_NOT_EMAIL' });
      expect((await footprint()).jobs).toEqual(before.jobs);
    });
  });

  describe('partner isolation', () => {
    it.each(['preview', 'validate', 'test-send', 'renditions'] as const)('refuses a partner admin %s for another partner: 404, nothing of theirs shown', async (action) => {
      const key = action === 'renditions' ? 'social-banner-1200x628' : 'product-launch';
      const before = await footprint();
      const res = await call(action, nwAdmin, key, { partnerId: bluepeak.id, edits: {} });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(JSON.stringify(res.body)).not.toContain('BluePeak');
      expect(await footprint()).toEqual(before);
    });

    it('renders for the partner user’s own partner without partnerId, and with its own partnerId', async () => {
      const own = await email(nwUser, 'product-launch');
      expect(own.html).toContain('The Northwind IT team');
      expect(own.html).not.toContain('BluePeak');
      const explicit = await email(nwAdmin, 'product-launch', {}, { partnerId: northwind.id });
      expect(explicit.html).toBe(own.html);
      const theirs = await email(bpAdmin, 'product-launch');
      expect(theirs.html).toContain('The BluePeak Systems team');
      expect(theirs.html).not.toContain('Northwind');
    });

    it('asks a vendor which partner to render for: 422 naming partnerId; 404 for a partner that does not exist', async () => {
      const res = await preview(vendor, 'product-launch', { edits: {} }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'VALIDATION_FAILED' });
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['partnerId']);
      await preview(vendor, 'product-launch', { partnerId: randomUUID(), edits: {} }).expect(404);
      const forBluepeak = await email(vendor, 'product-launch', {}, { partnerId: bluepeak.id });
      expect(forBluepeak.html).toContain('The BluePeak Systems team');
    });
  });

  describe('banners', () => {
    it('previews the social banner as a 1200×628 JPEG, and the display banner as a 300×250 PNG', async () => {
      const res = await bannerPreview(nwAdmin, 'social-banner-1200x628').expect(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-launch-blockers']).toBe('0');
      expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 628 });
      const display = await bannerPreview(nwAdmin, 'display-300x250').expect(200);
      expect(display.headers['content-type']).toBe('image/png');
      expect(await sharp(display.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 300, height: 250 });
    });

    it('draws the partner’s logo in its zone, and the headline the partner typed', async () => {
      const zone = { left: 60, top: 48, width: 300, height: 110 };
      const logoZone = async (user: TestUser, edits: Record<string, unknown> = {}) =>
        sharp((await bannerPreview(user, 'social-banner-1200x628', edits).expect(200)).body as Buffer).extract(zone).raw().toBuffer();
      const headlineZone = async (headline: string) =>
        sharp((await bannerPreview(nwAdmin, 'social-banner-1200x628', { headline }).expect(200)).body as Buffer).extract({ left: 60, top: 214, width: 640, height: 210 }).raw().toBuffer();
      const noLogo = await makePartner(t, { name: 'No Logo Yet' });
      const noLogoAdmin = await makeUser(t, 'partner_admin', { partnerId: noLogo.id });
      expect((await logoZone(nwAdmin)).equals(await logoZone(bpAdmin))).toBe(false);
      expect((await logoZone(nwAdmin)).equals(await logoZone(noLogoAdmin))).toBe(false);
      expect((await headlineZone('Backups that survive')).equals(await headlineZone('Restores in minutes'))).toBe(false);
    });

    it('refuses a headline too long to fit its zone: 422 rule fit naming headline (preview and validate)', async () => {
      const headline = 'WWWWWWWWWWWWWWWWWW WWWWWWWWWWWWWWWWWW WWWWWWWWWWWWWWWWWWWWW';
      expect(headline.length).toBeLessThanOrEqual(60); // within maxLength: refused for the fit alone
      expectEditInvalid(await bannerPreview(nwAdmin, 'social-banner-1200x628', { headline }), 'headline', 'fit', /does not fit in 640×210 px at 38 px/);
      const checked = await validate(nwAdmin, 'social-banner-1200x628', { headline });
      expect(checked).toMatchObject({ valid: false, problems: [{ field: 'headline', rule: 'fit' }] });
    });

    it('stores a rendition once per set of edits, and serves it through its URL', async () => {
      const renditionRows = () => t.db.getRepository(RenditionEntity).countBy({ partnerId: bluepeak.id });
      const rowsBefore = await renditionRows();
      const first = (await call('renditions', bpAdmin, 'social-banner-1200x628', { edits: { headline: 'BluePeak keeps your backups safe' } }).expect(200)).body as RenditionBody;
      expect(first).toMatchObject({ cached: false, width: 1200, height: 628, contentType: 'image/jpeg', url: expect.any(String) });
      const again = (await call('renditions', bpAdmin, 'social-banner-1200x628', { edits: { headline: 'BluePeak keeps your backups safe' } }).expect(200)).body as RenditionBody;
      expect(again).toMatchObject({ cached: true, width: 1200, height: 628, contentType: 'image/jpeg' });
      expect(await renditionRows()).toBe(rowsBefore + 1);

      const other = (await call('renditions', bpAdmin, 'social-banner-1200x628', { edits: { headline: 'Restores in minutes with BluePeak' } }).expect(200)).body as RenditionBody;
      expect(other.cached).toBe(false);
      expect(await renditionRows()).toBe(rowsBefore + 2);

      const downloaded = await fetch(again.url);
      expect(downloaded.status).toBe(200);
      const bytes = Buffer.from(await downloaded.arrayBuffer());
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 628 });
      // A preview of the same edits shows the stored image.
      const previewed = await bannerPreview(bpAdmin, 'social-banner-1200x628', { headline: 'BluePeak keeps your backups safe' }).expect(200);
      expect((previewed.body as Buffer).equals(bytes)).toBe(true);
      const otherBytes = Buffer.from(await (await fetch(other.url)).arrayBuffer());
      expect(otherBytes.equals(bytes)).toBe(false);
    });

    it('refuses a rendition whose headline does not fit, as the preview does, and stores nothing', async () => {
      const before = await footprint();
      const res = await call('renditions', bpAdmin, 'social-banner-1200x628', { edits: { headline: 'WWWWWWWWWWWWWWWWWW WWWWWWWWWWWWWWWWWW WWWWWWWWWWWWWWWWWWWWW' } });
      expectEditInvalid(res, 'headline', 'fit', /does not fit/);
      expect(await footprint()).toEqual(before);
    });

    it('refuses a rendition of a template that is not a banner: 409 TEMPLATE_NOT_BANNER', async () => {
      const res = await call('renditions', nwAdmin, 'product-launch', { edits: {} }).expect(409);
      expect(res.body).toMatchObject({ code: 'TEMPLATE_NOT_BANNER' });
    });
  });

  describe('social post', () => {
    const PRODUCT_URL = 'https://www.acme-cloud.example/backup-5';

    it('previews the post text with its length per network (X counts a link as 23)', async () => {
      const res = await preview(nwAdmin, 'backup-5-announcement', { edits: { hook: 'Is your recovery plan ready?' } }).expect(200);
      const post = res.body as SocialPreview;
      expect(post.kind).toBe('social_post');
      expect(post.text.startsWith('Is your recovery plan ready?\n\n')).toBe(true);
      expect(post.text).toContain('Ask Northwind IT about a free 30-day trial.');
      expect(post.text).toContain(PRODUCT_URL);
      const length = [...post.text].length;
      expect(post.lengths).toEqual({ linkedin: { length, limit: 3000 }, x: { length: length - PRODUCT_URL.length + 23, limit: 280 } });
      expect(post.launchBlockers).toEqual([]);
    });

    it('refuses a hook that pushes the post over X’s 280 characters: 422 rule length naming hook', async () => {
      // A long partner name leaves little room on X: the hook must fit in what is left.
      const name = 'Northwind Integrated Cloud Infrastructure and Managed Security Services';
      const longName = await makePartner(t, { name });
      const admin = await makeUser(t, 'partner_admin', { partnerId: longName.id });
      const base = (await preview(admin, 'backup-5-announcement', { edits: { hook: 'Ready?' } }).expect(200)).body as SocialPreview;
      const room = 280 - (base.lengths.x!.length - 'Ready?'.length);
      expect(room).toBeGreaterThan(0);
      expect(room).toBeLessThan(80); // the hook's own maxLength would allow more than X does

      const fits = 'R'.repeat(room - 1) + '?';
      const atLimit = (await preview(admin, 'backup-5-announcement', { edits: { hook: fits } }).expect(200)).body as SocialPreview;
      expect(atLimit.lengths.x).toEqual({ length: 280, limit: 280 });

      const over = `${fits}!`;
      expectEditInvalid(await preview(admin, 'backup-5-announcement', { edits: { hook: over } }), 'hook', 'length', /281 characters; x allows 280/);
      expect(await validate(admin, 'backup-5-announcement', { hook: over })).toMatchObject({ valid: false, problems: [{ field: 'hook', rule: 'length' }] });
    });
  });
});
