import { randomBytes } from 'node:crypto';
import { ImageService, StorageService } from '@app/core';
import { PartnerEntity } from '@app/partners';
import { costlySvg, HostileImage, hostileImages, makePartner, makeUser, startTestApp, TestApp, TestUser, validLogo } from '@app/testing';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
  requestId: string;
}

/**
 * Every upload in the hostile corpus is refused with a 4xx naming the field, changes nothing and
 * stores nothing, and leaves no image work running: the sandbox has no job in flight or waiting,
 * killed no process (each was refused before anything was drawn), and a valid upload succeeds next.
 */
describe('hostile image uploads', () => {
  let t: TestApp;
  let storage: StorageService;
  let images: ImageService;
  let corpus: HostileImage[];
  let partner: PartnerEntity;
  let admin: TestUser;
  let marketer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    storage = t.get(StorageService);
    images = t.get(ImageService);
    corpus = await hostileImages();
    partner = await makePartner(t);
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    marketer = await makeUser(t, 'vendor_marketer');
  });
  afterAll(() => t.close());

  const uploadLogo = (data: Buffer, filename: string) =>
    t.http().put(`/api/v1/partners/${partner.id}/logo`).set('Authorization', admin.auth).attach('file', data, { filename, contentType: 'application/octet-stream' });
  const stored = () => t.db.getRepository(PartnerEntity).findOneByOrFail({ id: partner.id });
  const partnerObjects = async () => (await storage.list(`partners/${partner.id}/`)).map((o) => o.key).sort();

  function expectIdle(): void {
    expect(images.sandboxStats()).toMatchObject({ inFlight: 0, queued: 0, killed: 0 });
  }

  it('refuses each as a partner logo with a 4xx naming the file, and keeps the current logo', async () => {
    const first = await uploadLogo(await validLogo(), 'logo.png').expect(200);
    const before = await stored();
    const objects = await partnerObjects();
    expect(objects).toEqual([before.logoKey]);

    const answers: { name: string; status: number; code: string; fields: string[] | undefined; message: string }[] = [];
    for (const hostile of corpus) {
      const res = await uploadLogo(hostile.data, hostile.filename);
      const body = res.body as ErrorBody;
      answers.push({ name: hostile.name, status: res.status, code: body.code, fields: body.details?.fields?.map((f) => f.field), message: body.message });
    }
    expect(answers).toEqual(
      corpus.map((hostile) => ({ name: hostile.name, ...hostile.logo, fields: ['file'], message: expect.stringMatching(/^The uploaded image /) })),
    );

    const after = await stored();
    expect(after).toMatchObject({ logoKey: before.logoKey, logoWidth: before.logoWidth, logoHeight: before.logoHeight, profileVersion: before.profileVersion });
    expect(await partnerObjects()).toEqual(objects);
    const served = await t.http().get(`/api/v1/partners/${partner.id}/logo`).set('Authorization', admin.auth).expect(200);
    expect(served.body).toMatchObject({ width: (first.body as PartnerEntity & { logo: { width: number } }).logo.width });
    expectIdle();
  });

  it('tells a partner in plain words why an SVG with a filter is refused', async () => {
    const morphology = corpus.find((h) => h.name.includes('feMorphology'))!;
    const res = await uploadLogo(morphology.data, morphology.filename).expect(422);
    const body = res.body as ErrorBody;
    expect(body.message).toContain('filter');
    expect(body.message).toContain('PNG');
    expect(body.details?.fields).toEqual([{ field: 'file', problems: [expect.stringContaining('filter')] }]);
  });

  it('refuses each as a library image with a 4xx naming the file, storing no object and no version', async () => {
    const created = await t.http().post('/api/v1/assets').set('Authorization', marketer.auth).send({ title: `Hostile ${randomBytes(3).toString('hex')}`, type: 'image' }).expect(201);
    const assetId = (created.body as { id: string }).id;
    const answers: { name: string; status: number; fields: string[] | undefined }[] = [];
    for (const hostile of corpus) {
      const res = await t.http().post(`/api/v1/assets/${assetId}/versions`).set('Authorization', marketer.auth).attach('file', hostile.data, { filename: hostile.filename, contentType: 'application/octet-stream' });
      answers.push({ name: hostile.name, status: res.status >= 400 && res.status < 500 ? 400 : res.status, fields: (res.body as ErrorBody).details?.fields?.map((f) => f.field) });
    }
    expect(answers).toEqual(corpus.map((hostile) => ({ name: hostile.name, status: 400, fields: ['file'] })));
    expect(await storage.list(`assets/${assetId}/`)).toEqual([]);
    const asset = await t.http().get(`/api/v1/assets/${assetId}`).set('Authorization', marketer.auth).expect(200);
    expect(asset.body).toMatchObject({ currentVersionId: null, versions: [] });
    expectIdle();

    // The same pipeline still works for a real picture right after.
    const ok = await t.http().post(`/api/v1/assets/${assetId}/versions`).set('Authorization', marketer.auth).attach('file', await validLogo(), { filename: 'logo.png', contentType: 'image/png' });
    expect({ status: ok.status, width: (ok.body as { width: number }).width }).toEqual({ status: 201, width: 800 });
  });

  it('accepts a valid logo right after the corpus, and the sandbox is idle again', async () => {
    const before = await stored();
    const res = await uploadLogo(await validLogo(), 'after.png');
    expect(res.status).toBe(200);
    // 800×240 with a white margin: trimmed to the 600×160 bar.
    expect((res.body as { logo: unknown; profileVersion: number }).logo).toEqual({ width: 600, height: 160 });
    expect((await stored()).profileVersion).toBe(before.profileVersion + 1);
    expectIdle();
  });
});

describe('an allowed image that costs too much to draw', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOAD_IMAGE_DEADLINE_MS: '2000' } });
    partner = await makePartner(t);
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  const uploadLogo = (data: Buffer, filename: string) =>
    t.http().put(`/api/v1/partners/${partner.id}/logo`).set('Authorization', admin.auth).attach('file', data, { filename, contentType: 'application/octet-stream' });

  it('is stopped at the deadline with its process: 422 naming the file, nothing changed, and the next upload works', async () => {
    await uploadLogo(await validLogo(), 'logo.png').expect(200);
    const before = await t.db.getRepository(PartnerEntity).findOneByOrFail({ id: partner.id });
    const images = t.get(ImageService);
    const [pid] = images.sandboxPids();

    const res = await uploadLogo(costlySvg(), 'logo.svg');
    const body = res.body as ErrorBody;
    expect({ status: res.status, code: body.code, fields: body.details?.fields?.map((f) => f.field) }).toEqual({ status: 422, code: 'IMAGE_TOO_COSTLY', fields: ['file'] });
    expect(body.message).toContain('was stopped');
    expect(images.sandboxStats()).toMatchObject({ inFlight: 0, queued: 0, killed: 1 });
    // The process that was drawing is gone (killed, not left burning a core).
    await expect(exited(pid!)).resolves.toBe(true);

    expect(await t.db.getRepository(PartnerEntity).findOneByOrFail({ id: partner.id })).toMatchObject({ logoKey: before.logoKey, profileVersion: before.profileVersion });
    const next = await uploadLogo(await validLogo(), 'again.png');
    expect(next.status).toBe(200);
    expect(images.sandboxPids()).not.toContain(pid);
  });
});

/** Resolves true once no process has this id (signalled and reaped). */
async function exited(pid: number): Promise<boolean> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
