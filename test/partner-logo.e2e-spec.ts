import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, PNG_SIGNATURE, pngBomb, startTestApp, TestApp, TestUser } from '@app/testing';

const ASSETS = path.resolve(__dirname, '..', 'assets', 'partners');
const asset = (name: string) => fs.readFileSync(path.join(ASSETS, name));
// Above Fastify's 1 MiB body limit on purpose: uploads stream past it, up to this limit only.
const LOGO_MAX_BYTES = 1_500_000;
const MIB = 1024 * 1024;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
  requestId: string;
}

interface PartnerBody {
  id: string;
  logo: { width: number; height: number } | null;
  profileVersion: number;
}

/** An uncompressed PNG of noise: about side×side×3 bytes, and nothing for trim to remove. */
async function noisePng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + ((i * i) >>> 7)) & 0xff;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

const svg = (inner: string, attributes = '') =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="100"${attributes}>${inner}</svg>`);

const CLEAN_SVG = svg(
  '<defs><linearGradient id="g"><stop offset="0" stop-color="#0b5fff"/><stop offset="1" stop-color="#00c2a8"/></linearGradient></defs>' +
    '<rect x="50" y="10" width="300" height="80" fill="url(#g)"/>',
);

describe('partner logo upload', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGO_MAX_BYTES: String(LOGO_MAX_BYTES) } });
    partner = await makePartner(t);
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  const upload = (partnerId: string, user: TestUser, data: Buffer, filename: string, contentType: string) =>
    t.http().put(`/api/v1/partners/${partnerId}/logo`).set('Authorization', user.auth).attach('file', data, { filename, contentType });

  const stored = (id: string) => t.db.getRepository(PartnerEntity).findOneByOrFail({ id });

  async function download(partnerId: string, user: TestUser): Promise<{ body: { url: string; width: number; height: number; profileVersion: number }; file: Buffer }> {
    const res = await t.http().get(`/api/v1/partners/${partnerId}/logo`).set('Authorization', user.auth).expect(200);
    const body = res.body as { url: string; width: number; height: number; profileVersion: number };
    const fetched = await fetch(body.url);
    expect(fetched.status).toBe(200);
    return { body, file: Buffer.from(await fetched.arrayBuffer()) };
  }

  function expectRejected(res: { status: number; body: unknown }, status: number, code: string): void {
    const body = res.body as ErrorBody;
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    expect(body.details?.fields?.map((f) => f.field)).toEqual(['file']);
    expect(body.requestId).toEqual(expect.any(String));
  }

  it('trims, fits and stores a PNG as PNG, bumps profileVersion, and serves it through a download URL', async () => {
    const fresh = await makePartner(t);
    const freshAdmin = await makeUser(t, 'partner_admin', { partnerId: fresh.id });
    await t.http().get(`/api/v1/partners/${fresh.id}/logo`).set('Authorization', freshAdmin.auth).expect(404);

    const original = asset('bluepeak-systems.png');
    const source = await sharp(original).metadata();
    expect([source.width, source.height]).toEqual([800, 200]);

    const res = await upload(fresh.id, freshAdmin, original, 'bluepeak-systems.png', 'image/png').expect(200);
    const view = res.body as PartnerBody;
    expect(view.profileVersion).toBe(fresh.profileVersion + 1);
    expect(view.logo).not.toBeNull();
    const { width, height } = view.logo!;
    // The white margins are gone: both sides shrink, and nothing exceeds the 1024 box.
    expect(width).toBeLessThan(800);
    expect(height).toBeLessThan(200);
    expect(Math.max(width, height)).toBeLessThanOrEqual(1024);

    const { body, file } = await download(fresh.id, freshAdmin);
    expect(body).toMatchObject({ width, height, profileVersion: view.profileVersion });
    expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const served = await sharp(file).metadata();
    expect(served).toMatchObject({ format: 'png', width, height });

    const row = await stored(fresh.id);
    expect(row).toMatchObject({ logoWidth: width, logoHeight: height, profileVersion: view.profileVersion });
    expect(row.logoKey).toMatch(new RegExp(`^partners/${fresh.id}/logo-[0-9a-f]{16}\\.png$`));
  });

  it('accepts JPEG and WebP (sniffed by content, whatever the name says) and stores them as PNG', async () => {
    const original = asset('nordlys-consulting.png');
    for (const [format, data] of [
      ['jpeg', await sharp(original).jpeg({ quality: 95 }).toBuffer()],
      ['webp', await sharp(original).webp({ lossless: true }).toBuffer()],
    ] as const) {
      const before = await stored(partner.id);
      const res = await upload(partner.id, admin, data, 'logo.bin', 'application/octet-stream');
      expect({ format, status: res.status }).toEqual({ format, status: 200 });
      const view = res.body as PartnerBody;
      expect(view.profileVersion).toBe(before.profileVersion + 1);
      // 640×240 with white margins: trimmed on both axes.
      expect(view.logo!.width).toBeLessThan(640);
      expect(view.logo!.height).toBeLessThan(240);
      const { file } = await download(partner.id, admin);
      expect(await sharp(file).metadata()).toMatchObject({ format: 'png', width: view.logo!.width, height: view.logo!.height });
    }
  });

  it('fits a large logo inside 1024×1024 without distorting it', async () => {
    // A 3000×1000 bar on a white 3200×1200 canvas: trimmed to the bar, then scaled down.
    const big = await sharp({ create: { width: 3200, height: 1200, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 3000, height: 1000, channels: 3, background: '#0b5fff' } }, left: 100, top: 100 }])
      .png()
      .toBuffer();
    const res = await upload(partner.id, admin, big, 'big.png', 'image/png').expect(200);
    expect((res.body as PartnerBody).logo).toEqual({ width: 1024, height: 341 });
  });

  it('accepts a file over 1 MiB that is within LOGO_MAX_BYTES', async () => {
    const large = await noisePng(660);
    expect(large.length).toBeGreaterThan(MIB);
    expect(large.length).toBeLessThan(LOGO_MAX_BYTES);
    const res = await upload(partner.id, admin, large, 'logo.png', 'image/png');
    expect(res.status).toBe(200);
    expect((res.body as PartnerBody).logo).toEqual({ width: 660, height: 660 });
  });

  it('rasterises a clean SVG (gradient via url(#id)) to a trimmed PNG', async () => {
    const res = await upload(partner.id, admin, CLEAN_SVG, 'logo.svg', 'image/svg+xml').expect(200);
    const { logo } = res.body as PartnerBody;
    // 400×100 at 144 dpi is 800×200; the transparent margin around the 300×80 bar is trimmed away.
    expect(logo!.width).toBeGreaterThanOrEqual(598);
    expect(logo!.width).toBeLessThanOrEqual(602);
    expect(logo!.height).toBeGreaterThanOrEqual(158);
    expect(logo!.height).toBeLessThanOrEqual(162);
    const { file } = await download(partner.id, admin);
    expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file.toString('latin1')).not.toContain('<svg');
  });

  it('applies the EXIF orientation of a JPEG before storing it', async () => {
    // Landscape pixels (a 400×100 bar on white) tagged "rotate 90° clockwise to display".
    const landscape = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 400, height: 100, channels: 3, background: '#000000' } }, left: 50, top: 50 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(landscape).metadata()).orientation).toBe(6);
    const res = await upload(partner.id, admin, landscape, 'photo.jpg', 'image/jpeg').expect(200);
    const { logo } = res.body as PartnerBody;
    expect(logo!.height).toBeGreaterThan(logo!.width);
    expect(logo!.width).toBeGreaterThanOrEqual(98);
    expect(logo!.width).toBeLessThanOrEqual(104);
    expect(logo!.height).toBeGreaterThanOrEqual(398);
    expect(logo!.height).toBeLessThanOrEqual(404);
  });

  describe('rejections leave the current logo in place', () => {
    let current: PartnerEntity;

    beforeAll(async () => {
      await upload(partner.id, admin, asset('northwind-it.png'), 'northwind-it.png', 'image/png').expect(200);
      current = await stored(partner.id);
      expect(current.logoKey).not.toBeNull();
    });

    afterEach(async () => {
      const after = await stored(partner.id);
      expect(after).toMatchObject({
        logoKey: current.logoKey,
        logoWidth: current.logoWidth,
        logoHeight: current.logoHeight,
        profileVersion: current.profileVersion,
      });
      const { body, file } = await download(partner.id, admin);
      expect(body).toMatchObject({ width: current.logoWidth, height: current.logoHeight, profileVersion: current.profileVersion });
      expect(await sharp(file).metadata()).toMatchObject({ width: current.logoWidth, height: current.logoHeight });
    });

    it('refuses a text file named logo.png: 415 IMAGE_UNSUPPORTED_TYPE', async () => {
      const res = await upload(partner.id, admin, Buffer.from('definitely not a picture\n'), 'logo.png', 'image/png');
      expectRejected(res, 415, 'IMAGE_UNSUPPORTED_TYPE');
    });

    it('refuses an image format that is not on the list (GIF): 415 IMAGE_UNSUPPORTED_TYPE', async () => {
      const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ff0000' } })
        .gif()
        .toBuffer();
      const res = await upload(partner.id, admin, gif, 'logo.png', 'image/png');
      expectRejected(res, 415, 'IMAGE_UNSUPPORTED_TYPE');
    });

    it('refuses a file larger than LOGO_MAX_BYTES: 413 UPLOAD_TOO_LARGE', async () => {
      // A real, readable PNG: only its size is wrong.
      const big = await noisePng(760);
      expect(big.length).toBeGreaterThan(LOGO_MAX_BYTES);
      const res = await upload(partner.id, admin, big, 'big.png', 'image/png');
      expectRejected(res, 413, 'UPLOAD_TOO_LARGE');
      expect((res.body as ErrorBody).message).toContain(String(LOGO_MAX_BYTES));
    });

    it('refuses a decompression bomb (20000×20000 in a few KB): 422 IMAGE_TOO_MANY_PIXELS', async () => {
      const bomb = pngBomb(20_000);
      expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES);
      expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ format: 'png', width: 20_000, height: 20_000 });
      const res = await upload(partner.id, admin, bomb, 'logo.png', 'image/png');
      expectRejected(res, 422, 'IMAGE_TOO_MANY_PIXELS');
      expect((res.body as ErrorBody).details?.fields?.[0]?.problems.join(' ')).toContain('25,000,000');
    });

    it('refuses an image just over UPLOAD_MAX_INPUT_PIXELS (default 25 000 000): 422 IMAGE_TOO_MANY_PIXELS', async () => {
      const justOver = await sharp({ create: { width: 5001, height: 5000, channels: 3, background: '#ffffff' } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      const res = await upload(partner.id, admin, justOver, 'logo.png', 'image/png');
      expectRejected(res, 422, 'IMAGE_TOO_MANY_PIXELS');
    });

    it('refuses an SVG with a script: 422 IMAGE_UNSAFE_SVG', async () => {
      const res = await upload(partner.id, admin, svg('<script>alert(document.cookie)</script><rect width="10" height="10"/>'), 'logo.svg', 'image/svg+xml');
      expectRejected(res, 422, 'IMAGE_UNSAFE_SVG');
    });

    it.each([
      ['an onload handler', svg('<rect width="10" height="10"/>', ' onload="alert(1)"')],
      ['an external xlink:href', svg('<image xlink:href="http://169.254.169.254/latest/meta-data/" width="10" height="10"/>')],
      ['an external href', svg('<image href="https://evil.example/track.png" width="10" height="10"/>')],
      ['a file: href', svg('<image href="file:///etc/passwd" width="10" height="10"/>')],
      ['an entity declaration', Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')],
    ])('refuses an SVG with %s: 422 IMAGE_UNSAFE_SVG', async (_label, data) => {
      const res = await upload(partner.id, admin, data, 'logo.svg', 'image/svg+xml');
      expectRejected(res, 422, 'IMAGE_UNSAFE_SVG');
    });

    it('refuses a PNG signature followed by garbage: 422 IMAGE_UNREADABLE', async () => {
      const corrupt = Buffer.concat([PNG_SIGNATURE, Buffer.from('this is not a chunk stream at all, just garbage bytes '.repeat(20))]);
      const res = await upload(partner.id, admin, corrupt, 'logo.png', 'image/png');
      expectRejected(res, 422, 'IMAGE_UNREADABLE');
    });

    it('refuses a truncated PNG (valid header, missing pixel data): 422 IMAGE_UNREADABLE', async () => {
      const whole = asset('harbor-digital.png');
      const res = await upload(partner.id, admin, whole.subarray(0, Math.floor(whole.length / 2)), 'logo.png', 'image/png');
      expectRejected(res, 422, 'IMAGE_UNREADABLE');
    });

    it('refuses a request that is not multipart: 415 naming file', async () => {
      const res = await t.http().put(`/api/v1/partners/${partner.id}/logo`).set('Authorization', admin.auth).send({ file: 'logo.png' });
      expectRejected(res, 415, 'UPLOAD_NOT_MULTIPART');
    });

    it('refuses a raw image body (not multipart) with 415 and the usual error shape', async () => {
      const res = await t
        .http()
        .put(`/api/v1/partners/${partner.id}/logo`)
        .set('Authorization', admin.auth)
        .set('content-type', 'image/png')
        .send(asset('bluepeak-systems.png'));
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
    });

    it('refuses multipart without a "file" field: 400 UPLOAD_MISSING_FILE', async () => {
      const res = await t
        .http()
        .put(`/api/v1/partners/${partner.id}/logo`)
        .set('Authorization', admin.auth)
        .attach('logo', asset('bluepeak-systems.png'), { filename: 'logo.png', contentType: 'image/png' });
      expectRejected(res, 400, 'UPLOAD_MISSING_FILE');
    });

    it("answers 404 to a partner admin uploading another partner's logo, and 403 to a partner user", async () => {
      const other = await makePartner(t);
      const otherAdmin = await makeUser(t, 'partner_admin', { partnerId: other.id });
      const res = await upload(partner.id, otherAdmin, asset('bluepeak-systems.png'), 'logo.png', 'image/png');
      expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 404, code: 'NOT_FOUND' });

      const member = await makeUser(t, 'partner_user', { partnerId: partner.id });
      const forbidden = await upload(partner.id, member, asset('bluepeak-systems.png'), 'logo.png', 'image/png');
      expect({ status: forbidden.status, code: (forbidden.body as ErrorBody).code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    });
  });
});
