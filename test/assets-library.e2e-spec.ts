import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { AuthService, Role, ROLES, StorageService } from '@app/core';
import { PartnerEntity, TierEntity } from '@app/partners';
import { expectRoleOutcome, makePartner, makeTier, makeUser, solidPng, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * The asset library through its API: vendors create assets and upload files (type read from the
 * content, size limits, nothing stored on refusal), partners find and download only what they are
 * eligible for while it is published and not expired, and the reports count their downloads.
 */

const MIB = 1024 * 1024;
// Above the 8 MiB first part of a multipart upload, so the refusal happens mid-upload.
const IMAGE_LIMIT = 9 * MIB;
const DAY = 86_400_000;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[]; successorId?: string };
}

interface AssetBody {
  id: string;
  type: string;
  status: string;
  currentVersionId: string | null;
  thumbnailUrl: string | null;
  successor: { id: string } | null;
  versions: VersionBody[];
}

interface VersionBody {
  id: string;
  version: number;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnailUrl: string | null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const fieldsOf = (body: unknown) => ((body as ErrorBody).details?.fields ?? []).map((f) => f.field);

/** An uncompressed PNG of noise: about side×side×3 bytes. */
async function noisePng(side: number): Promise<Buffer> {
  const pixels = randomBytes(side * side * 3);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** The start of an MP4 (an `ftyp` box) followed by `bytes` of payload: what the library reads of a video. */
function fakeMp4(bytes: number): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'), randomBytes(bytes)]);
}

async function fetchBytes(url: string): Promise<{ status: number; contentType: string | null; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('asset library', () => {
  let t: TestApp;
  let storage: StorageService;
  let marketer: TestUser;
  let gold: TierEntity;
  let goldPartner: PartnerEntity;
  let silverPartner: PartnerEntity;
  let goldUser: TestUser;
  let silverUser: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { ASSET_MAX_BYTES_IMAGE: String(IMAGE_LIMIT) } });
    storage = t.get(StorageService);
    marketer = await makeUser(t, 'vendor_marketer');
    gold = await makeTier(t);
    goldPartner = await makePartner(t, { tierId: gold.id, region: 'EMEA' });
    silverPartner = await makePartner(t, { region: 'EMEA' });
    goldUser = await makeUser(t, 'partner_user', { partnerId: goldPartner.id });
    silverUser = await makeUser(t, 'partner_admin', { partnerId: silverPartner.id });
  });
  afterAll(() => t.close());

  /** Moves the clock; sessions are re-issued, as people sign in again after a day. */
  const advance = async (ms: number): Promise<void> => {
    t.clock.advance(ms);
    for (const user of [marketer, goldUser, silverUser]) {
      const session = await t.get(AuthService).issueSession(user.user.id);
      user.token = session.token;
      user.auth = `Bearer ${session.token}`;
    }
  };
  const createAsset = async (body: Record<string, unknown>, as: TestUser = marketer): Promise<AssetBody> => {
    const res = await t.http().post('/api/v1/assets').set('Authorization', as.auth).send({ title: `Asset ${randomBytes(3).toString('hex')}`, type: 'image', ...body });
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
    return res.body as AssetBody;
  };
  const upload = (assetId: string, file: Buffer, fileName: string, as: TestUser = marketer) =>
    t.http().post(`/api/v1/assets/${assetId}/versions`).set('Authorization', as.auth).attach('file', file, { filename: fileName, contentType: 'application/octet-stream' });
  const uploaded = async (assetId: string, file: Buffer, fileName: string): Promise<VersionBody> => {
    const res = await upload(assetId, file, fileName);
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
    return res.body as VersionBody;
  };
  const libraryIds = async (user: TestUser, query = ''): Promise<string[]> => {
    const res = await t.http().get(`/api/v1/library${query}`).set('Authorization', user.auth).expect(200);
    return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
  };
  const download = (assetId: string, user: TestUser) => t.http().post(`/api/v1/library/${assetId}/download`).set('Authorization', user.auth);
  const storedUnder = async (assetId: string) => (await storage.list(`assets/${assetId}/`)).map((o) => o.key);

  it('stores an uploaded image with its SHA-256 and a thumbnail, and a partner downloads the same bytes', async () => {
    const asset = await createAsset({ title: 'Hero banner', tags: ['Launch', 'hero'], eligibility: { tierIds: [gold.id] } });
    expect(asset).toMatchObject({ type: 'image', status: 'live', currentVersionId: null, versions: [] });
    const png = await solidPng('#0b5fff', 1200, 628);

    const version = await uploaded(asset.id, png, 'hero banner.png');
    expect(version).toMatchObject({ version: 1, fileName: 'hero_banner.png', contentType: 'image/png', bytes: png.length, sha256: sha256(png), width: 1200, height: 628 });
    const thumbnail = await fetchBytes(version.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    const meta = await sharp(thumbnail.body).metadata();
    expect({ format: meta.format, width: meta.width }).toEqual({ format: 'webp', width: 320 });

    const detail = await t.http().get(`/api/v1/assets/${asset.id}`).set('Authorization', marketer.auth).expect(200);
    expect(detail.body).toMatchObject({ currentVersionId: version.id, thumbnailUrl: expect.any(String), versions: [{ id: version.id, version: 1 }] });

    const link = await download(asset.id, goldUser).expect(200);
    expect(link.body).toMatchObject({ fileName: 'hero_banner.png', expiresInSeconds: t.config.storage.presignTtlSeconds });
    const file = await fetchBytes((link.body as { url: string }).url);
    expect(file.status).toBe(200);
    expect(sha256(file.body)).toBe(sha256(png));

    const preview = await t.http().get(`/api/v1/library/${asset.id}/preview`).set('Authorization', goldUser.auth).expect(200);
    expect(preview.headers['content-type']).toBe('image/webp');

    // A second file becomes the current one.
    const second = await uploaded(asset.id, await solidPng('#ff5f0b', 800, 400), 'hero-v2.png');
    expect(second.version).toBe(2);
    const versions = await t.http().get(`/api/v1/assets/${asset.id}/versions`).set('Authorization', marketer.auth).expect(200);
    expect((versions.body as VersionBody[]).map((v) => v.version)).toEqual([2, 1]);
    const again = await fetchBytes((await download(asset.id, goldUser).expect(200)).body.url as string);
    expect(sha256(again.body)).toBe(second.sha256);

    const audit = await t.db.query<{ action: string; actor_user_id: string }[]>(`SELECT action, actor_user_id FROM audit_events WHERE entity_type = 'asset' AND entity_id = $1 ORDER BY id`, [asset.id]);
    expect(audit).toEqual(['asset.created', 'asset.version.uploaded', 'asset.version.uploaded'].map((action) => ({ action, actor_user_id: marketer.user.id })));
  });

  it('refuses a file whose name lies about its content, or whose content the asset type does not take, and stores nothing', async () => {
    const datasheet = await createAsset({ type: 'datasheet' });
    const png = await solidPng('#00c2a8', 200, 200);

    const lying = await upload(datasheet.id, png, 'datasheet.pdf').expect(415);
    expect(lying.body).toMatchObject({ code: 'ASSET_FILE_MISMATCH' });
    expect(fieldsOf(lying.body)).toEqual(['file']);
    expect((lying.body as ErrorBody).message).toMatch(/PNG image/);

    const wrongType = await upload(datasheet.id, png, 'photo.png').expect(415);
    expect(wrongType.body).toMatchObject({ code: 'ASSET_FILE_TYPE' });
    expect(fieldsOf(wrongType.body)).toEqual(['file']);

    expect(await storedUnder(datasheet.id)).toEqual([]);
    const detail = await t.http().get(`/api/v1/assets/${datasheet.id}`).set('Authorization', marketer.auth).expect(200);
    expect(detail.body).toMatchObject({ currentVersionId: null, versions: [] });

    // The same asset takes a real PDF, shown with the PDF icon.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const version = await uploaded(datasheet.id, pdf, 'Backup 5 datasheet.pdf');
    expect(version).toMatchObject({ contentType: 'application/pdf', fileName: 'Backup_5_datasheet.pdf', width: null });
    const icon = await fetchBytes(version.thumbnailUrl!);
    expect((await sharp(icon.body).metadata()).format).toBe('png');
    expect(await storage.head('assets/icons/pdf.png')).not.toBeNull();
  });

  it('refuses a file over the limit of its type with 413 and leaves no object in storage', async () => {
    const asset = await createAsset({});
    const big = await noisePng(1900); // about 10.3 MiB: past the first multipart part and the 9 MiB limit
    expect(big.length).toBeGreaterThan(IMAGE_LIMIT);

    const res = await upload(asset.id, big, 'huge.png').expect(413);
    expect(res.body).toMatchObject({ code: 'ASSET_FILE_TOO_LARGE' });
    expect(fieldsOf(res.body)).toEqual(['file']);
    expect(await storedUnder(asset.id)).toEqual([]);
    const versions = await t.http().get(`/api/v1/assets/${asset.id}/versions`).set('Authorization', marketer.auth).expect(200);
    expect(versions.body).toEqual([]);
  });

  it('streams a large file through a multipart upload intact', async () => {
    const video = await createAsset({ type: 'video' });
    const mp4 = fakeMp4(12 * MIB);
    const version = await uploaded(video.id, mp4, 'teaser.mp4');
    expect(version).toMatchObject({ contentType: 'video/mp4', bytes: mp4.length, sha256: sha256(mp4) });
    expect(await storedUnder(video.id)).toEqual([`assets/${video.id}/${version.id}/teaser.mp4`]);
    const file = await fetchBytes((await download(video.id, marketer).expect(200)).body.url as string);
    expect(sha256(file.body)).toBe(sha256(mp4));
  });

  it('shows partners only the assets they are eligible for', async () => {
    const goldOnly = await createAsset({ title: 'Gold playbook', eligibility: { tierIds: [gold.id] } });
    await uploaded(goldOnly.id, await solidPng('#222222', 300, 200), 'playbook.png');
    const named = await createAsset({ title: 'For one partner', eligibility: { partnerIds: [silverPartner.id] } });
    await uploaded(named.id, await solidPng('#333333', 300, 200), 'named.png');

    expect(await libraryIds(goldUser, '?q=playbook')).toEqual([goldOnly.id]);
    expect(await libraryIds(silverUser, '?q=playbook')).toEqual([]);
    expect(await libraryIds(silverUser)).toContain(named.id);
    expect(await libraryIds(goldUser)).not.toContain(named.id);

    await t.http().get(`/api/v1/library/${goldOnly.id}`).set('Authorization', goldUser.auth).expect(200);
    for (const path of [`/api/v1/library/${goldOnly.id}`, `/api/v1/library/${goldOnly.id}/preview`]) {
      const res = await t.http().get(path).set('Authorization', silverUser.auth).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    }
    await download(goldOnly.id, silverUser).expect(404);
    // The answer for an asset that is not there at all is the same.
    const unknown = await download('00000000-0000-4000-8000-000000000000', silverUser).expect(404);
    expect((unknown.body as ErrorBody).message).toBe(((await download(goldOnly.id, silverUser)).body as ErrorBody).message);
  });

  it('keeps a scheduled asset out of the library until it is published', async () => {
    const publishAt = new Date(t.clock.now().getTime() + DAY);
    const asset = await createAsset({ title: 'Scheduled launch kit image', publishAt: publishAt.toISOString() });
    expect(asset.status).toBe('scheduled');
    await uploaded(asset.id, await solidPng('#444444', 300, 200), 'soon.png');

    expect(await libraryIds(goldUser)).not.toContain(asset.id);
    await download(asset.id, goldUser).expect(404);
    const vendorView = await t.http().get('/api/v1/assets?status=scheduled&q=LAUNCH KIT').set('Authorization', marketer.auth).expect(200);
    expect((vendorView.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([asset.id]);

    await advance(DAY + 60_000);
    expect(await libraryIds(goldUser)).toContain(asset.id);
    await download(asset.id, goldUser).expect(200);
  });

  it('answers 410 ASSET_EXPIRED once the clock passes the expiry, naming a usable successor', async () => {
    const now = t.clock.now();
    const old = await createAsset({ title: 'Old price list', expiresAt: new Date(now.getTime() + 2 * DAY).toISOString() });
    await uploaded(old.id, await solidPng('#555555', 300, 200), 'old.png');
    const replacement = await createAsset({ title: 'New price list' });
    await uploaded(replacement.id, await solidPng('#666666', 300, 200), 'new.png');
    await t.http().patch(`/api/v1/assets/${old.id}`).set('Authorization', marketer.auth).send({ successorId: replacement.id }).expect(200);

    await download(old.id, goldUser).expect(200);
    const expiring = await t.http().get('/api/v1/assets/expiring?days=3').set('Authorization', marketer.auth).expect(200);
    expect(expiring.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: old.id, successor: expect.objectContaining({ id: replacement.id }), liveLaunches: 0, owner: expect.objectContaining({ id: marketer.user.id }) })]));

    // No sweep runs: the clock alone decides.
    await advance(2 * DAY + 1000);
    const gone = await download(old.id, goldUser).expect(410);
    expect(gone.body).toMatchObject({ code: 'ASSET_EXPIRED', details: { successorId: replacement.id } });
    await t.http().get(`/api/v1/library/${old.id}`).set('Authorization', goldUser.auth).expect(410);
    expect(await libraryIds(goldUser)).not.toContain(old.id);
    expect(await libraryIds(goldUser)).toContain(replacement.id);

    // An archived asset is gone the same way.
    await t.http().post(`/api/v1/assets/${replacement.id}/archive`).set('Authorization', marketer.auth).expect(200);
    const archived = await download(replacement.id, goldUser).expect(410);
    expect(archived.body).toMatchObject({ code: 'ASSET_EXPIRED' });
    expect((archived.body as ErrorBody).details?.successorId).toBeUndefined();
  });

  it('refuses a successor that would close a cycle, is the asset itself or another type', async () => {
    const [a, b, c] = [await createAsset({}), await createAsset({}), await createAsset({})];
    await t.http().patch(`/api/v1/assets/${a.id}`).set('Authorization', marketer.auth).send({ successorId: b.id }).expect(200);
    await t.http().patch(`/api/v1/assets/${b.id}`).set('Authorization', marketer.auth).send({ successorId: c.id }).expect(200);

    const cycle = await t.http().patch(`/api/v1/assets/${c.id}`).set('Authorization', marketer.auth).send({ successorId: a.id }).expect(422);
    expect(fieldsOf(cycle.body)).toEqual(['successorId']);
    const self = await t.http().patch(`/api/v1/assets/${a.id}`).set('Authorization', marketer.auth).send({ successorId: a.id }).expect(422);
    expect(fieldsOf(self.body)).toEqual(['successorId']);
    const deck = await createAsset({ type: 'deck' });
    const otherType = await t.http().patch(`/api/v1/assets/${a.id}`).set('Authorization', marketer.auth).send({ successorId: deck.id }).expect(422);
    expect(fieldsOf(otherType.body)).toEqual(['successorId']);

    const usage = await t.http().get(`/api/v1/assets/${a.id}/usage`).set('Authorization', marketer.auth).expect(200);
    expect(usage.body).toMatchObject({ assetId: a.id, liveLaunches: 0, usages: [] });

    const unchanged = await t.http().get(`/api/v1/assets/${c.id}`).set('Authorization', marketer.auth).expect(200);
    expect((unchanged.body as AssetBody).successor).toBeNull();
  });

  it('extends many assets at once and reports each', async () => {
    const now = t.clock.now();
    const soon = await createAsset({ expiresAt: new Date(now.getTime() + 5 * DAY).toISOString() });
    const never = await createAsset({});
    const res = await t.http()
      .post('/api/v1/assets/bulk-extend')
      .set('Authorization', marketer.auth)
      .send({ assetIds: [soon.id, never.id, '00000000-0000-4000-8000-000000000000'], expiresAt: new Date(now.getTime() + 90 * DAY).toISOString() })
      .expect(200);
    expect(res.body).toMatchObject({
      extended: 1,
      results: [
        { assetId: soon.id, outcome: 'extended' },
        { assetId: never.id, outcome: 'not_later' },
        { assetId: '00000000-0000-4000-8000-000000000000', outcome: 'not_found' },
      ],
    });
    const expiring = await t.http().get('/api/v1/assets/expiring').set('Authorization', marketer.auth).expect(200);
    expect((expiring.body as { id: string }[]).map((a) => a.id)).not.toContain(soon.id);
  });

  it('counts downloads per asset and partner', async () => {
    const from = t.clock.now();
    const asset = await createAsset({ title: '=Formula title' });
    await uploaded(asset.id, await solidPng('#777777', 300, 200), 'counted.png');
    await download(asset.id, goldUser).expect(200);
    await download(asset.id, goldUser).expect(200);
    await download(asset.id, silverUser).expect(200);
    await advance(60_000);
    const to = t.clock.now();

    const finance = await makeUser(t, 'finance');
    const report = await t.http().get(`/api/v1/assets/reports/downloads?from=${from.toISOString()}&to=${to.toISOString()}`).set('Authorization', finance.auth).expect(200);
    const rows = (report.body as { rows: { assetId: string; partnerId: string | null; downloads: number }[] }).rows.filter((r) => r.assetId === asset.id);
    expect(rows).toHaveLength(2);
    expect(Object.fromEntries(rows.map((r) => [r.partnerId, r.downloads]))).toEqual({ [goldPartner.id]: 2, [silverPartner.id]: 1 });

    const csv = await t.http().get(`/api/v1/assets/reports/downloads?from=${from.toISOString()}&to=${to.toISOString()}&format=csv`).set('Authorization', finance.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(`${asset.id},'=Formula title,${goldPartner.id},${goldPartner.name},2,`);
  });

  it('lets only vendor editors create assets', async () => {
    const partner = await makePartner(t);
    const traces = (title: string) => async () => Number((await t.db.query<[{ n: string }]>(`SELECT count(*) AS n FROM assets WHERE title = $1`, [title]))[0].n);
    const editors: Role[] = ['vendor_admin', 'vendor_marketer', 'channel_manager'];
    for (const role of ROLES) {
      const user = await makeUser(t, role, role.startsWith('partner') ? { partnerId: partner.id } : {});
      const title = `By ${role} ${randomBytes(3).toString('hex')}`;
      const res = await t.http().post('/api/v1/assets').set('Authorization', user.auth).send({ title, type: 'image' });
      await expectRoleOutcome(res, editors.includes(role), 201, traces(title));
    }
    const partnerUser = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    const asset = await createAsset({});
    await upload(asset.id, await solidPng('#888888', 100, 100), 'x.png', partnerUser).expect(403);
    await t.http().get('/api/v1/assets').set('Authorization', partnerUser.auth).expect(403);
  });

  it('describes every library route in the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys((doc.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/assets',
        '/api/v1/assets/{id}',
        '/api/v1/assets/{id}/archive',
        '/api/v1/assets/{id}/versions',
        '/api/v1/assets/{id}/usage',
        '/api/v1/assets/bulk-extend',
        '/api/v1/assets/expiring',
        '/api/v1/assets/reports/downloads',
        '/api/v1/assets/reports/expiring',
        '/api/v1/library',
        '/api/v1/library/{id}',
        '/api/v1/library/{id}/preview',
        '/api/v1/library/{id}/download',
      ]),
    );
  });
});
