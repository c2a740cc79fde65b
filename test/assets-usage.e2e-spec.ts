import sharp from 'sharp';
import { AssetHooks, AssetResolver, AssetUsageService } from '@app/assets';
import { CoBrandService, TemplateVersionEntity } from '@app/brand';
import { PartnerEntity } from '@app/partners';
import { FakeClock, libraryAsset, loadBrandAndTemplates, makePartner, makeTier, makeUser, solidPng, startTestApp, TestApp, TestUser } from '@app/testing';

const HOUR = 3_600_000;
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/** An email whose hero image and "read the datasheet" button are library assets. */
const EMAIL_BODY = [
  '<mjml>',
  '  <mj-body>',
  '    <mj-section>',
  '      <mj-column>',
  '        <mj-image src="{{heroImage}}" alt="Hero" />',
  '        <mj-text>{{headline}}</mj-text>',
  '        <mj-button href="{{datasheetUrl}}">Read the datasheet</mj-button>',
  '        <mj-text><a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>',
  '      </mj-column>',
  '    </mj-section>',
  '  </mj-body>',
  '</mjml>',
].join('\n');

const emailManifest = (heroAsset: string, datasheetAsset: string) => ({
  fields: [
    { key: 'heroImage', source: 'locked', type: 'image', value: `asset:${heroAsset}` },
    { key: 'headline', source: 'editable', type: 'text', default: 'Meet Backup 5' },
    { key: 'datasheetUrl', source: 'locked', type: 'url', value: `asset:${datasheetAsset}` },
  ],
});

/** A 1200x628 banner drawn on a library image; nothing is drawn in its right third. */
const bannerSpec = (backgroundAsset: string) => ({
  width: 1200,
  height: 628,
  background: `asset:${backgroundAsset}`,
  format: 'png',
  zones: [
    { type: 'logo', field: 'partnerLogo', x: 60, y: 48, width: 300, height: 110, padding: 14, plate: '#FFFFFF' },
    { type: 'text', field: 'headline', x: 60, y: 214, width: 640, height: 210, font: 'heading', fontSize: 58, minFontSize: 38, colour: '#FFFFFF' },
  ],
});
const BANNER_MANIFEST = {
  fields: [
    { key: 'partnerLogo', source: 'partner', profile: 'logo' },
    { key: 'headline', source: 'editable', type: 'text', maxLength: 48, default: 'Recover in minutes' },
  ],
};

describe('assets: references in templates, kits, launches and links, and the usage graph', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let marketer: TestUser;
  let partnerAdmin: TestUser;
  let partner: PartnerEntity;
  let tierId: string;
  const templateIds: Record<string, string> = {};

  beforeAll(async () => {
    // Sessions outlive the hours this suite moves the clock by.
    t = await startTestApp({ clock, env: { SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    tierId = (await makeTier(t, { name: 'Gold' })).id;
    partner = await makePartner(t, { tierId, region: 'EMEA', website: 'https://partner.example/' });
    partnerAdmin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    Object.assign(templateIds, await loadBrandAndTemplates(t, marketer));
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({
    get: (path: string) => t.http().get(path).set('authorization', user.auth),
    post: (path: string, body: object = {}) => t.http().post(path).set('authorization', user.auth).send(body),
  });

  async function publishedTemplate(input: Record<string, unknown>): Promise<string> {
    const created = await as(marketer).post('/api/v1/templates', input).expect(201);
    const id = (created.body as { id: string }).id;
    await as(marketer).post(`/api/v1/templates/${id}/publish`).expect(200);
    return id;
  }

  const emailTemplate = (key: string, heroAsset: string, datasheetAsset: string) =>
    publishedTemplate({ key, name: `Email ${key}`, kind: 'email', subject: '{{headline}}', preheader: 'Inside', body: EMAIL_BODY, manifest: emailManifest(heroAsset, datasheetAsset) });

  async function publishedKit(slug: string, body: Record<string, unknown>): Promise<string> {
    const created = await as(marketer)
      .post('/api/v1/kits', { slug, category: 'assets', name: `Kit ${slug}`, eligibility: { tierIds: [tierId] }, ...body })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await as(marketer).post(`/api/v1/kits/${id}/publish`).expect(200);
    return id;
  }

  /** Moves past an expiry; the resolver forgets what it resolved before (as the expiry sweep makes it). */
  function advance(ms: number): void {
    clock.advance(ms);
    t.get(AssetResolver).invalidate();
  }

  async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
    const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (y * info.width + x) * info.channels;
    return [data[at]!, data[at + 1]!, data[at + 2]!];
  }

  async function fetchBytes(url: string): Promise<Buffer> {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  it('publishes a template whose locked image and URL are library assets, and renders them from the library', async () => {
    const hero = await libraryAsset(t, marketer, { title: 'Backup 5 hero' });
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet', title: 'Backup 5 datasheet' });
    const id = await emailTemplate('asset-email', hero.id, datasheet.id);

    const preview = await as(marketer).post(`/api/v1/templates/${id}/preview`, { partnerId: partner.id }).expect(200);
    const html = (preview.body as { html: string }).html;
    expect(html).toContain(`${t.config.publicUrl}/media/assets/${hero.id}/${hero.versionId}`);
    expect(html).toContain(`${t.config.publicUrl}/api/v1/library/${datasheet.id}`);
    expect(html).not.toContain('asset:');

    // The sending path renders the same files.
    const version = await t.db.getRepository(TemplateVersionEntity).findOneByOrFail({ templateId: id, status: 'published' });
    const email = (await t.get(CoBrandService).prepareEmail(version, partner, {})).render(
      { firstName: 'Ada', lastName: 'L', email: 'ada@example.com', company: 'X' },
      { unsubscribe: 'https://u.example/x', viewInBrowser: 'https://v.example/x' },
    );
    expect(email.html).toContain(`/media/assets/${hero.id}/${hero.versionId}`);

    const uses = await t.get(AssetUsageService).whoUses(hero.id);
    expect(uses.usages).toEqual([expect.objectContaining({ kind: 'template', refId: version.id, templateVersionId: version.id, assetVersionId: hero.versionId, active: true })]);
  });

  it('refuses to publish references to missing assets, withdrawn assets and non-images in image slots, naming the path', async () => {
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet' });
    const gone = await libraryAsset(t, marketer, { expiresAt: new Date(clock.now().getTime() + HOUR) });
    advance(2 * HOUR);
    const missing = '00000000-0000-4000-8000-000000000001';
    const created = await as(marketer)
      .post('/api/v1/templates', { key: 'broken-asset-email', name: 'Broken', kind: 'email', subject: '{{headline}}', preheader: 'Inside', body: EMAIL_BODY, manifest: emailManifest(datasheet.id, missing) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const refused = await as(marketer).post(`/api/v1/templates/${id}/publish`).expect(422);
    expect(refused.body).toMatchObject({ code: 'TEMPLATE_INVALID' });
    const problems = (refused.body as { details: { problems: { path: string; message: string }[] } }).details.problems;
    expect(problems).toEqual([
      { path: 'manifest.fields[0].value', message: expect.stringContaining('must be an image asset') },
      { path: 'manifest.fields[2].value', message: expect.stringContaining('does not exist') },
    ]);

    const banner = await as(marketer).post('/api/v1/templates', { key: 'withdrawn-banner', name: 'Withdrawn banner', kind: 'banner', manifest: BANNER_MANIFEST, banner: bannerSpec(gone.id) }).expect(201);
    const withdrawn = await as(marketer).post(`/api/v1/templates/${(banner.body as { id: string }).id}/publish`).expect(422);
    expect((withdrawn.body as { details: { problems: { path: string; message: string }[] } }).details.problems).toEqual([
      { path: 'banner.background', message: expect.stringContaining('withdrawn') },
    ]);
  });

  it('records the kit and the launch with its partner in the usage graph, and ending the launch deactivates them', async () => {
    const hero = await libraryAsset(t, marketer, { title: 'Graph hero' });
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet', title: 'Graph datasheet' });
    const emailId = await emailTemplate('graph-email', hero.id, datasheet.id);
    const kitId = await publishedKit('graph-kit', {
      templateIds: [emailId],
      assetIds: [datasheet.id],
      destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }],
    });
    const detail = await as(partnerAdmin).get(`/api/v1/kits/${kitId}`).expect(200);
    expect(detail.body).toMatchObject({ version: { assetIds: [datasheet.id] }, assets: [{ id: datasheet.id, title: 'Graph datasheet', type: 'datasheet', state: 'live' }], assetIssues: [] });

    const launched = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(201);
    const launchId = (launched.body as { id: string }).id;
    const usage = t.get(AssetUsageService);
    const heroUses = await usage.whoUses(hero.id);
    expect(heroUses.byKind).toEqual({ template: 1, kit: 1, email: 1 });
    expect(heroUses.usages).toContainEqual(expect.objectContaining({ kind: 'kit', kitId, kitName: `Kit graph-kit` }));
    expect(heroUses.usages).toContainEqual(expect.objectContaining({ kind: 'email', refId: `${launchId}:${emailId}`, launchId, partnerId: partner.id, assetVersionId: hero.versionId }));
    expect(heroUses.partners).toEqual([{ id: partner.id, name: partner.name, liveLaunches: 1 }]);
    expect(heroUses.liveLaunches).toBe(1);
    const datasheetUses = await usage.whoUses(datasheet.id);
    expect(datasheetUses.byKind).toMatchObject({ kit: 1, launch: 1, email: 1, link: 1 });

    // The launch gave the email's datasheet button its own trackable link to the asset.
    const launch = await as(partnerAdmin).get(`/api/v1/launches/${launchId}`).expect(200);
    const links = (launch.body as { links: { assetKey: string; assetId: string | null; url: string }[] }).links;
    expect(links).toContainEqual(expect.objectContaining({ assetKey: 'graph-email.datasheetUrl', assetId: datasheet.id }));

    await as(partnerAdmin).post(`/api/v1/launches/${launchId}/end`).expect(200);
    const after = await usage.whoUses(hero.id);
    expect(after.liveLaunches).toBe(0);
    expect(after.partners).toEqual([]);
    expect(after.usages.filter((u) => u.launchId === launchId)).toEqual([expect.objectContaining({ active: false })]);
    expect(after.usages.filter((u) => u.kind === 'template')).toEqual([expect.objectContaining({ active: true })]);
  });

  it('refuses to launch a kit whose asset expired without a successor, and the kit says why', async () => {
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet', title: 'Expiring datasheet', expiresAt: new Date(clock.now().getTime() + HOUR) });
    const kitId = await publishedKit('expiring-kit', {
      templateIds: [templateIds['product-launch']],
      assetIds: [datasheet.id],
      destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }],
    });
    advance(2 * HOUR);
    const refused = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(409);
    expect(refused.body).toMatchObject({ code: 'KIT_ASSET_WITHDRAWN', details: { assetId: datasheet.id, field: 'assetIds[0]' } });
    expect(await t.db.query('SELECT 1 FROM launches WHERE kit_id = $1', [kitId])).toHaveLength(0);
    const kit = await as(marketer).get(`/api/v1/kits/${kitId}`).expect(200);
    expect(kit.body).toMatchObject({
      assets: [{ id: datasheet.id, state: 'withdrawn' }],
      assetIssues: [{ assetId: datasheet.id, title: 'Expiring datasheet', state: 'withdrawn', blocking: true, successor: null, fields: ['assetIds[0]'] }],
    });
  });

  it("swaps an expired asset for its successor: previews show the successor and the launch's banner is re-rendered with it", async () => {
    const red = await libraryAsset(t, marketer, { title: 'Red background', file: await solidPng('#ff0000') });
    const blue = await libraryAsset(t, marketer, { title: 'Blue background', file: await solidPng('#0000ff'), expiresAt: new Date(clock.now().getTime() + HOUR), successorId: red.id });
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet' });
    const bannerId = await publishedTemplate({ key: 'asset-banner', name: 'Asset banner', kind: 'banner', manifest: BANNER_MANIFEST, banner: bannerSpec(blue.id) });
    const emailId = await emailTemplate('successor-email', blue.id, datasheet.id);
    const kitId = await publishedKit('successor-kit', { templateIds: [bannerId, emailId], destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }] });
    const launched = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(201);
    const launchId = (launched.body as { id: string }).id;

    type Renditions = { renditions: { templateId: string; url?: string; width?: number; withdrawn?: boolean }[] };
    const before = (await as(partnerAdmin).get(`/api/v1/launches/${launchId}`).expect(200)).body as Renditions;
    expect(before.renditions).toEqual([expect.objectContaining({ templateId: bannerId, width: 1200, url: expect.any(String) })]);
    const [r1, , b1] = await pixel(await fetchBytes(before.renditions[0]!.url!), 1100, 600);
    expect(b1).toBeGreaterThan(200);
    expect(r1).toBeLessThan(60);

    advance(2 * HOUR);
    // What the expiry sweep reports: the blue background is replaced by its successor.
    await t.get(AssetHooks).changed({ withdrawn: [], replaced: [blue.id], restored: [] });
    const renditions = await t.db.query<{ storage_key: string }[]>('SELECT storage_key FROM renditions WHERE partner_id = $1 AND template_version_id IN (SELECT id FROM template_versions WHERE template_id = $2) ORDER BY created_at', [partner.id, bannerId]);
    expect(renditions).toHaveLength(2);
    const rendition = await t.db.query<{ asset_version_id: string; active: boolean }[]>("SELECT asset_version_id, active FROM asset_usages WHERE asset_id = $1 AND kind = 'rendition' AND ref_id = $2", [blue.id, `${launchId}:${bannerId}`]);
    expect(rendition).toEqual([{ asset_version_id: red.versionId, active: true }]);

    const after = (await as(partnerAdmin).get(`/api/v1/launches/${launchId}`).expect(200)).body as Renditions;
    const [r2, , b2] = await pixel(await fetchBytes(after.renditions[0]!.url!), 1100, 600);
    expect(r2).toBeGreaterThan(200);
    expect(b2).toBeLessThan(60);

    const preview = await as(marketer).post(`/api/v1/templates/${emailId}/preview`, { partnerId: partner.id }).expect(200);
    expect((preview.body as { html: string }).html).toContain(`/media/assets/${red.id}/${red.versionId}`);
    const kit = await as(marketer).get(`/api/v1/kits/${kitId}`).expect(200);
    expect((kit.body as { assetIssues: unknown[] }).assetIssues).toEqual([
      expect.objectContaining({ assetId: blue.id, state: 'replaced', blocking: false, successor: { id: red.id, title: 'Red background' } }),
    ]);
  });

  it('shows a banner whose background was withdrawn as withdrawn, and refuses its preview with ASSET_WITHDRAWN', async () => {
    const green = await libraryAsset(t, marketer, { title: 'Green background', file: await solidPng('#00ff00'), expiresAt: new Date(clock.now().getTime() + HOUR) });
    const bannerId = await publishedTemplate({ key: 'withdrawn-later-banner', name: 'Banner withdrawn later', kind: 'banner', manifest: BANNER_MANIFEST, banner: bannerSpec(green.id) });
    const kitId = await publishedKit('withdrawn-banner-kit', { templateIds: [bannerId], destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }] });
    const launched = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(201);
    advance(2 * HOUR);
    const detail = await as(partnerAdmin).get(`/api/v1/launches/${(launched.body as { id: string }).id}`).expect(200);
    expect((detail.body as { renditions: unknown[] }).renditions).toEqual([{ templateId: bannerId, templateName: 'Banner withdrawn later', withdrawn: true }]);
    const preview = await as(partnerAdmin).post(`/api/v1/templates/${bannerId}/preview`, {}).expect(409);
    expect(preview.body).toMatchObject({ code: 'ASSET_WITHDRAWN', details: { assetId: green.id } });
  });

  it('serves an asset link as a short-lived download of the file, recorded per partner, and the fallback once withdrawn', async () => {
    const file = Buffer.from('%PDF-1.4\n% Backup 5 datasheet\n');
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet', title: 'Link datasheet', file, fileName: 'backup-5.pdf', expiresAt: new Date(clock.now().getTime() + HOUR) });
    const kitId = await publishedKit('asset-link-kit', {
      templateIds: [templateIds['product-launch']],
      destinations: [
        { key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' },
        { key: 'datasheet', assetId: datasheet.id, label: 'Datasheet' },
      ],
    });
    const launched = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(201);
    const launchId = (launched.body as { id: string }).id;
    const detail = await as(partnerAdmin).get(`/api/v1/launches/${launchId}`).expect(200);
    const link = (detail.body as { links: { id?: string; assetKey: string; assetId: string | null; url: string }[] }).links.find((l) => l.assetKey === 'product-launch.datasheet')!;
    expect(link.assetId).toBe(datasheet.id);
    const code = new URL(link.url).pathname.split('/').pop()!;

    const redirect = await t.http().get(`/l/${code}`).set('user-agent', BROWSER).expect(302);
    const location = redirect.headers.location as string;
    expect(location).toContain('X-Amz-Signature');
    expect(await fetchBytes(location)).toEqual(file);
    const downloads = await t.db.query<{ asset_version_id: string; partner_id: string; via: string; link_id: string }[]>('SELECT asset_version_id, partner_id, via, link_id FROM asset_downloads WHERE asset_id = $1', [datasheet.id]);
    const linkRow = await t.db.query<{ id: string }[]>('SELECT id FROM trackable_links WHERE code = $1', [code]);
    expect(downloads).toEqual([{ asset_version_id: datasheet.versionId, partner_id: partner.id, via: 'link', link_id: linkRow[0]!.id }]);
    expect((await t.get(AssetUsageService).whoUses(datasheet.id)).usages).toContainEqual(expect.objectContaining({ kind: 'link', refId: linkRow[0]!.id, launchId, partnerId: partner.id }));

    advance(2 * HOUR);
    const fallback = await t.http().get(`/l/${code}`).set('user-agent', BROWSER).expect(302);
    expect(fallback.headers.location).toBe('https://www.acme-cloud.example/backup-5');
    expect(await t.db.query('SELECT 1 FROM asset_downloads WHERE asset_id = $1', [datasheet.id])).toHaveLength(1);
  });

  it("renders a launch's landing page with the asset image and the launch's link to the asset, and shows the image as withdrawn later", async () => {
    const hero = await libraryAsset(t, marketer, { title: 'Landing hero', expiresAt: new Date(clock.now().getTime() + HOUR) });
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet' });
    const body = EMAIL_BODY.replace('        <mj-text><a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>\n', '');
    const landingId = await publishedTemplate({ key: 'asset-landing', name: 'Asset landing', kind: 'landing_page', body, manifest: emailManifest(hero.id, datasheet.id) });
    const kitId = await publishedKit('asset-landing-kit', { templateIds: [landingId], destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }] });
    const launched = await as(partnerAdmin).post(`/api/v1/kits/${kitId}/launches`).expect(201);
    const detail = await as(partnerAdmin).get(`/api/v1/launches/${(launched.body as { id: string }).id}`).expect(200);
    const link = (detail.body as { links: { assetKey: string; url: string }[] }).links.find((l) => l.assetKey === 'asset-landing.datasheetUrl')!;

    const page = await t.http().get(`/p/${partner.slug}/asset-landing-kit`).expect(200);
    expect(page.text).toContain(`/media/assets/${hero.id}/${hero.versionId}`);
    expect(page.text).toContain(`href="${link.url}"`);

    advance(2 * HOUR);
    const withdrawn = await t.http().get(`/p/${partner.slug}/asset-landing-kit`).expect(200);
    expect(withdrawn.text).toContain(`/media/assets/${hero.id}/withdrawn`);
    expect(withdrawn.text).not.toContain(`/media/assets/${hero.id}/${hero.versionId}`);
  });

  it("records each email step of a published sequence as a user of its template's assets", async () => {
    const hero = await libraryAsset(t, marketer, { title: 'Nurture hero' });
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet' });
    const emailId = await emailTemplate('nurture-asset-email', hero.id, datasheet.id);
    const kitId = await publishedKit('nurture-asset-kit', { templateIds: [emailId], destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }] });
    const created = await as(marketer)
      .post('/api/v1/sequences', { name: 'Asset nurture', kitId, steps: [{ type: 'wait', minutes: 60 }, { type: 'email', templateId: emailId }] })
      .expect(201);
    const sequenceId = (created.body as { id: string }).id;
    await as(marketer).post(`/api/v1/sequences/${sequenceId}/publish`).expect(200);
    const [version] = await t.db.query<{ id: string }[]>('SELECT id FROM sequence_versions WHERE sequence_id = $1', [sequenceId]);
    const templateVersion = await t.db.getRepository(TemplateVersionEntity).findOneByOrFail({ templateId: emailId, status: 'published' });
    const uses = await t.get(AssetUsageService).whoUses(hero.id);
    expect(uses.usages).toContainEqual(expect.objectContaining({ kind: 'nurture_step', refId: `${version!.id}:1`, templateVersionId: templateVersion.id, assetVersionId: hero.versionId }));
  });

  it('refuses a destination with both or neither of url and assetId, naming it', async () => {
    const res = await as(marketer)
      .post('/api/v1/kits', {
        slug: 'bad-destination-kit',
        category: 'assets',
        name: 'Bad destination',
        templateIds: [templateIds['product-launch']],
        destinations: [{ key: 'both', url: 'https://www.acme-cloud.example/', assetId: '00000000-0000-4000-8000-000000000001', label: 'Both' }],
      })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'destinations[0].assetId' }] } });
  });
});
