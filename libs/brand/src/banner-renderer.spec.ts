import path from 'node:path';
import sharp from 'sharp';
import { BannerRenderer, BannerRenderError, BannerTextTooLongError, escapePangoMarkup } from './banner-renderer';
import { BannerSpec, LogoZone, TextZone } from './manifest';

const FONTS_DIR = path.resolve(__dirname, '../../../assets/fonts');
const WIDTH = 1200;
const HEIGHT = 628;
const BG = [0x20, 0x30, 0x40] as const;
const COLOURS = { 'brand.primary': '#FFFF00', 'brand.background': '#FFFFFF' };

const LOGO_ZONE: LogoZone = { type: 'logo', field: 'partnerLogo', x: 60, y: 40, width: 300, height: 110, padding: 12 };
const TEXT_ZONE: TextZone = {
  type: 'text',
  field: 'headline',
  x: 60,
  y: 220,
  width: 700,
  height: 200,
  font: 'heading',
  fontSize: 56,
  minFontSize: 36,
  colour: 'brand.primary',
  align: 'left',
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

type Rgb = [number, number, number];

const isLogo = ([r, g, b]: Rgb) => r > 0x90 && b > 0x90 && g < 0x70;
const isText = ([r, g, b]: Rgb) => r > 0xc0 && g > 0xc0 && b < 0x60;
const isRed = ([r, g, b]: Rgb) => r > 0x90 && g < 0x70 && b < 0x70;
const isBackground = ([r, g, b]: Rgb) => r === BG[0] && g === BG[1] && b === BG[2];
const isPlate = ([r, g, b]: Rgb) => r === 255 && g === 255 && b === 255;

function spec(zones: BannerSpec['zones'], format: BannerSpec['format'] = 'png'): BannerSpec {
  return { width: WIDTH, height: HEIGHT, background: 'background.png', format, zones };
}

function solid(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
}

/** A transparent logo with an opaque magenta square in its middle. */
async function squareOnTransparent(): Promise<Buffer> {
  const square = await solid(100, 100, '#FF00FF');
  return sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: square, left: 150, top: 100 }])
    .png()
    .toBuffer();
}

async function decode(data: Buffer): Promise<Pixels> {
  const { data: raw, info } = await sharp(data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  return { data: raw, width: info.width, height: info.height };
}

function pixel(image: Pixels, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 3;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

function inside(box: Box, x: number, y: number, margin = 0): boolean {
  return x >= box.x - margin && x < box.x + box.width + margin && y >= box.y - margin && y < box.y + box.height + margin;
}

/** Count and bounding box of the pixels matching `test`, within `region` (the whole banner by default). */
function scan(image: Pixels, test: (rgb: Rgb) => boolean, region: (x: number, y: number) => boolean = () => true) {
  let count = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!region(x, y) || !test(pixel(image, x, y))) continue;
      count++;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { count, box: { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 } };
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('BannerRenderer', () => {
  const renderer = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 50_000_000 });
  let background: Buffer;
  const logos: Record<string, { data: Buffer; width: number; height: number }> = {};

  beforeAll(async () => {
    background = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: BG[0], g: BG[1], b: BG[2] } } })
      .png()
      .toBuffer();
    logos.wide = { data: await solid(2000, 100, '#FF00FF'), width: 2000, height: 100 };
    logos.tall = { data: await solid(100, 900, '#FF00FF'), width: 100, height: 900 };
    logos.tiny = { data: await solid(8, 8, '#FF00FF'), width: 8, height: 8 };
    logos.huge = { data: await solid(3000, 3000, '#FF00FF'), width: 3000, height: 3000 };
  });

  async function renderPixels(zones: BannerSpec['zones'], values: Record<string, string>, images: Record<string, Buffer | null>) {
    const banner = await renderer.render(spec(zones), { background, values, images, colours: COLOURS });
    expect([banner.width, banner.height, banner.contentType]).toEqual([WIDTH, HEIGHT, 'image/png']);
    return decode(banner.data);
  }

  describe('logo zones', () => {
    const inner: Box = { x: LOGO_ZONE.x + 12, y: LOGO_ZONE.y + 12, width: LOGO_ZONE.width - 24, height: LOGO_ZONE.height - 24 };

    it.each(['wide', 'tall', 'tiny', 'huge'])('fits a %s logo inside the zone minus padding, centred, aspect kept', async (name) => {
      const logo = logos[name]!;
      const image = await renderPixels([LOGO_ZONE, TEXT_ZONE], { headline: 'Back up everything' }, { partnerLogo: logo.data });

      const outsideZone = scan(image, isLogo, (x, y) => !inside(LOGO_ZONE, x, y));
      expect(outsideZone.count).toBe(0);
      const drawn = scan(image, isLogo);
      expect(drawn.count).toBeGreaterThan(0);
      expect(drawn.box.x).toBeGreaterThanOrEqual(inner.x);
      expect(drawn.box.y).toBeGreaterThanOrEqual(inner.y);
      expect(drawn.box.x + drawn.box.width).toBeLessThanOrEqual(inner.x + inner.width);
      expect(drawn.box.y + drawn.box.height).toBeLessThanOrEqual(inner.y + inner.height);
      expect(Math.abs(centre(drawn.box).x - centre(LOGO_ZONE).x)).toBeLessThanOrEqual(1);
      expect(Math.abs(centre(drawn.box).y - centre(LOGO_ZONE).y)).toBeLessThanOrEqual(1);

      // As large as the zone allows, but never more than twice its own size.
      const scale = Math.min(inner.width / logo.width, inner.height / logo.height, 2);
      expect(Math.abs(drawn.box.width - logo.width * scale)).toBeLessThanOrEqual(1);
      expect(Math.abs(drawn.box.height - logo.height * scale)).toBeLessThanOrEqual(1);
      // An opaque logo is a solid block: nothing of the background shows through it.
      expect(drawn.count).toBe(drawn.box.width * drawn.box.height);
    });

    it('upscales a tiny logo exactly 2×, not to the zone', async () => {
      const image = await renderPixels([LOGO_ZONE], {}, { partnerLogo: logos.tiny!.data });
      expect(scan(image, isLogo).box).toMatchObject({ width: 16, height: 16 });
    });

    it('keeps a transparent logo transparent: only its square is drawn, centred', async () => {
      const image = await renderPixels([LOGO_ZONE], {}, { partnerLogo: await squareOnTransparent() });
      const square = scan(image, isLogo);
      // 400×300 fitted in 276×86: scale 86/300, so the 100 px square becomes ~29 px.
      expect(Math.abs(square.box.width - (100 * 86) / 300)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(square.box.height - (100 * 86) / 300)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(centre(square.box).x - centre(LOGO_ZONE).x)).toBeLessThanOrEqual(1);
      expect(Math.abs(centre(square.box).y - centre(LOGO_ZONE).y)).toBeLessThanOrEqual(1);
      // Resampling softens the square's edge by a few pixels; everything else is the untouched background.
      expect(scan(image, (rgb) => !isBackground(rgb), (x, y) => !inside(square.box, x, y, 3)).count).toBe(0);
    });

    it('fills the zone with a square plate behind the logo', async () => {
      const zone: LogoZone = { ...LOGO_ZONE, plate: 'brand.background', plateRadius: 0 };
      const image = await renderPixels([zone], {}, { partnerLogo: logos.wide!.data });
      const right = zone.x + zone.width - 1;
      const bottom = zone.y + zone.height - 1;
      for (const [x, y] of [[zone.x, zone.y], [right, zone.y], [zone.x, bottom], [right, bottom], [zone.x + 6, zone.y + 55]] as const) {
        expect(pixel(image, x, y)).toEqual([255, 255, 255]);
      }
      expect(scan(image, isPlate, (x, y) => !inside(zone, x, y)).count).toBe(0);
      expect(scan(image, isLogo, (x, y) => !inside(zone, x, y)).count).toBe(0);
      const drawn = scan(image, isLogo);
      expect(drawn.box.x).toBeGreaterThanOrEqual(zone.x + 12);
      expect(drawn.box.x + drawn.box.width).toBeLessThanOrEqual(zone.x + zone.width - 12);
    });

    it('rounds the plate corners by plateRadius', async () => {
      const zone: LogoZone = { ...LOGO_ZONE, plate: '#FFFFFF', plateRadius: 16 };
      const image = await renderPixels([zone], {}, { partnerLogo: logos.tiny!.data });
      const right = zone.x + zone.width - 1;
      const bottom = zone.y + zone.height - 1;
      for (const [x, y] of [[zone.x, zone.y], [right, zone.y], [zone.x, bottom], [right, bottom]] as const) {
        expect(isBackground(pixel(image, x, y))).toBe(true);
      }
      for (const [x, y] of [[zone.x + 8, zone.y + 8], [right - 8, zone.y + 8], [zone.x + 8, bottom - 8], [right - 8, bottom - 8]] as const) {
        expect(pixel(image, x, y)).toEqual([255, 255, 255]);
      }
    });

    it('blends a semi-transparent logo over the background as sharp composite does', async () => {
      const half = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 255, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
      const image = await renderPixels([LOGO_ZONE], {}, { partnerLogo: half });
      const expected = await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: BG[0], g: BG[1], b: BG[2] } } })
        .composite([{ input: await sharp(half).extract({ left: 0, top: 0, width: 1, height: 1 }).toBuffer() }])
        .raw()
        .toBuffer();
      const drawn = pixel(image, Math.round(centre(LOGO_ZONE).x), Math.round(centre(LOGO_ZONE).y));
      drawn.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1));
    });

    it('blends a semi-transparent logo over a semi-transparent background as sharp composite does', async () => {
      const veil = { r: BG[0], g: BG[1], b: BG[2], alpha: 0.4 };
      const halfBackground = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 4, background: veil } }).png().toBuffer();
      const half = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 255, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
      const banner = await renderer.render(spec([LOGO_ZONE]), { background: halfBackground, values: {}, images: { partnerLogo: half }, colours: COLOURS });
      const { data } = await sharp(banner.data).raw().toBuffer({ resolveWithObject: true });
      const at = (Math.round(centre(LOGO_ZONE).y) * WIDTH + Math.round(centre(LOGO_ZONE).x)) * 4;
      const expected = await sharp({ create: { width: 1, height: 1, channels: 4, background: veil } })
        .composite([{ input: await sharp(half).extract({ left: 0, top: 0, width: 1, height: 1 }).toBuffer() }])
        .raw()
        .toBuffer();
      [...data.subarray(at, at + 4)].forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1));
    });

    it('keeps a transparent background transparent in PNG, and shows it on white in JPEG', async () => {
      const clear = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
      const zones = [LOGO_ZONE];
      const values = { background: clear, values: {}, images: { partnerLogo: await squareOnTransparent() }, colours: COLOURS };
      const png = await renderer.render(spec(zones), values);
      const { data, info } = await sharp(png.data).raw().toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(4);
      const alphaAt = (x: number, y: number) => data[(y * WIDTH + x) * 4 + 3];
      const [cx, cy] = [Math.round(centre(LOGO_ZONE).x), Math.round(centre(LOGO_ZONE).y)];
      expect(alphaAt(cx, cy)).toBe(255);
      expect([...data.subarray((cy * WIDTH + cx) * 4, (cy * WIDTH + cx) * 4 + 3)]).toEqual([255, 0, 255]);
      expect(alphaAt(LOGO_ZONE.x + 2, LOGO_ZONE.y + 2)).toBe(0);
      expect(alphaAt(WIDTH - 1, HEIGHT - 1)).toBe(0);

      const jpeg = await decode((await renderer.render(spec(zones), { ...values, format: 'jpeg' })).data);
      pixel(jpeg, WIDTH - 10, HEIGHT - 10).forEach((value) => expect(value).toBeGreaterThan(250));
      expect(isLogo(pixel(jpeg, cx, cy))).toBe(true);
    });

    it('leaves the zone empty, plate included, when the partner has no logo', async () => {
      const image = await renderPixels([{ ...LOGO_ZONE, plate: '#FFFFFF' }], {}, { partnerLogo: null });
      expect(scan(image, (rgb) => !isBackground(rgb)).count).toBe(0);
    });

    it('decodes logos within the pixel limit and names the field otherwise', async () => {
      const strict = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 1_000_000 });
      const attempt = strict.render(spec([LOGO_ZONE]), { background, values: {}, images: { partnerLogo: logos.huge!.data }, colours: COLOURS });
      await expect(attempt).rejects.toThrow(BannerRenderError);
      await expect(attempt).rejects.toMatchObject({ code: 'BRAND_BANNER_IMAGE_TOO_LARGE', message: expect.stringContaining('partnerLogo') });
    });
  });

  describe('text zones', () => {
    it('draws the text in the zone colour inside the zone, and nothing outside the zones', async () => {
      const image = await renderPixels([LOGO_ZONE, TEXT_ZONE], { headline: 'Back up every laptop in your company tonight' }, { partnerLogo: logos.wide!.data });
      const text = scan(image, isText, (x, y) => inside(TEXT_ZONE, x, y));
      expect(text.count).toBeGreaterThan(500);
      expect(text.box.x - TEXT_ZONE.x).toBeLessThanOrEqual(3);
      expect(scan(image, isText, (x, y) => !inside(TEXT_ZONE, x, y)).count).toBe(0);
      expect(scan(image, (rgb) => !isBackground(rgb), (x, y) => !inside(TEXT_ZONE, x, y) && !inside(LOGO_ZONE, x, y)).count).toBe(0);
    });

    it.each([
      ['right', (box: Box) => Math.abs(box.x + box.width - (TEXT_ZONE.x + TEXT_ZONE.width))],
      ['centre', (box: Box) => Math.abs(centre(box).x - centre(TEXT_ZONE).x)],
    ] as const)('aligns the text block %s in the zone', async (align, offset) => {
      const image = await renderPixels([{ ...TEXT_ZONE, align }], { headline: 'Short line' }, {});
      const text = scan(image, isText);
      expect(text.count).toBeGreaterThan(0);
      expect(offset(text.box)).toBeLessThanOrEqual(3);
      expect(scan(image, isText, (x, y) => !inside(TEXT_ZONE, x, y)).count).toBe(0);
    });

    it('refuses text that does not fit, naming the field', async () => {
      const long = 'Protect every endpoint, server and cloud workload with one console. '.repeat(6);
      const attempt = renderer.render(spec([TEXT_ZONE]), { background, values: { headline: long }, images: {}, colours: COLOURS });
      await expect(attempt).rejects.toThrow(BannerTextTooLongError);
      await expect(attempt).rejects.toThrow(/headline: does not fit in 700×200 px at 36 px; shorten it/);
      await expect(attempt).rejects.toMatchObject({ code: 'BRAND_BANNER_TEXT_TOO_LONG', details: { fields: [{ field: 'headline' }] } });
    });

    it('draws markup in partner text literally', async () => {
      const markup = '<b>x</b> & <span foreground="red">';
      const image = await renderPixels([TEXT_ZONE], { headline: markup }, {});
      expect(scan(image, isRed).count).toBe(0);
      const drawn = scan(image, isText);
      expect(drawn.count).toBeGreaterThan(0);
      // Drawn as the characters typed: far wider than the "x & " that interpreted markup would leave.
      const plain = scan(await renderPixels([TEXT_ZONE], { headline: 'x & ' }, {}), isText);
      expect(drawn.box.width).toBeGreaterThan(plain.box.width * 4);
    });

    it('refuses an unknown or malformed colour instead of drawing it', async () => {
      const attempt = renderer.render(spec([{ ...TEXT_ZONE, colour: 'brand.missing' }]), { background, values: { headline: 'Hi' }, images: {}, colours: COLOURS });
      await expect(attempt).rejects.toMatchObject({ code: 'BRAND_BANNER_COLOUR_INVALID', message: expect.stringContaining('headline') });
    });
  });

  describe('fitText', () => {
    it('keeps the largest size for short text and shrinks longer text, never under minFontSize', async () => {
      const sentence = 'Cloud backup that partners can sell in a week';
      const texts = ['Hi', sentence, `${sentence}, with onboarding`, `${sentence} and ${sentence.toLowerCase()}`];
      const sizes: number[] = [];
      for (const text of texts) {
        const fit = await renderer.fitText(TEXT_ZONE, text);
        if (!fit.ok) throw new Error(`${text}: ${fit.reason}`);
        expect(fit.fontSize).toBeGreaterThanOrEqual(36);
        expect(fit.fontSize).toBeLessThanOrEqual(56);
        sizes.push(fit.fontSize);
      }
      expect(sizes[0]).toBe(56);
      expect(sizes.at(-1)).toBeLessThan(56);
      for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    });

    it('picks the largest size that fits: one pixel more does not', async () => {
      const text = 'Cloud backup that partners can sell in a week, and a second clause to wrap';
      const fit = await renderer.fitText(TEXT_ZONE, text);
      if (!fit.ok) throw new Error(fit.reason);
      expect(fit.fontSize).toBeLessThan(56);
      expect(fit.lines).toBeGreaterThanOrEqual(2);
      const bigger = fit.fontSize + 1;
      expect(await renderer.fitText({ ...TEXT_ZONE, fontSize: bigger, minFontSize: bigger }, text)).toMatchObject({ ok: false });
    });

    it.each([
      'Backups ransomware can’t touch, for team 301',
      'Protect every endpoint and server with one console today',
      'Recover from ransomware in minutes, not days or weeks, with immutable backups',
      'Supercalifragilisticexpialidocious resilience',
      'One console for every endpoint, server, cloud workload and SaaS application you run, today and tomorrow',
    ])('finds the same size as trying every size from the largest down: %s', async (text) => {
      const zone: TextZone = { ...TEXT_ZONE, width: 640, height: 210, fontSize: 58, minFontSize: 30 };
      let expected: number | undefined;
      for (let size = 58; size >= 30 && expected === undefined; size--) {
        if ((await renderer.fitText({ ...zone, fontSize: size, minFontSize: size }, text)).ok) expected = size;
      }
      const fit = await new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 50_000_000 }).fitText(zone, text);
      expect(fit.ok ? fit.fontSize : undefined).toBe(expected);
    });

    it('fits text the same way when rendering a banner as when asked', async () => {
      const text = 'Recover from ransomware in minutes, not days or weeks';
      const rendering = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 50_000_000 });
      await rendering.render(spec([TEXT_ZONE]), { background, values: { headline: text }, images: {}, colours: COLOURS });
      const asked = await new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 50_000_000 }).fitText(TEXT_ZONE, text);
      expect(await rendering.fitText(TEXT_ZONE, text)).toEqual(asked);
      expect(asked).toMatchObject({ ok: true });
    });

    it('refuses text that does not fit at minFontSize, with a reason a partner can act on', async () => {
      const fit = await renderer.fitText(TEXT_ZONE, 'Protect every endpoint, server and cloud workload with one console. '.repeat(6));
      expect(fit).toEqual({ ok: false, reason: 'does not fit in 700×200 px at 36 px; shorten it' });
      // A single word wider than the zone cannot be wrapped either.
      expect(await renderer.fitText(TEXT_ZONE, 'W'.repeat(40))).toMatchObject({ ok: false });
    });

    it('counts lines, and uses fontSize when minFontSize is not set', async () => {
      expect(await renderer.fitText(TEXT_ZONE, 'One line')).toEqual({ ok: true, fontSize: 56, lines: 1 });
      expect(await renderer.fitText(TEXT_ZONE, 'Two\nlines')).toEqual({ ok: true, fontSize: 56, lines: 2 });
      const fixed: TextZone = { ...TEXT_ZONE, minFontSize: undefined };
      expect(await renderer.fitText(fixed, 'Cloud backup that partners can sell in a week, and a second clause to wrap')).toMatchObject({ ok: false, reason: expect.stringContaining('at 56 px') });
    });

    it('refuses huge or many-line text without laying it out, but not lines that fit', async () => {
      const fresh = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: 50_000_000 });
      const layouts = jest.spyOn(fresh as unknown as { measure: () => unknown }, 'measure');
      expect(await fresh.fitText(TEXT_ZONE, 'a'.repeat(1_000_000))).toMatchObject({ ok: false });
      expect(await fresh.fitText(TEXT_ZONE, `a${'\n'.repeat(1_000_000)}b`)).toMatchObject({ ok: false });
      expect(layouts).not.toHaveBeenCalled();
      const tall: TextZone = { ...TEXT_ZONE, height: 250, fontSize: 36, minFontSize: 36 };
      expect(await renderer.fitText(tall, 'Backup\r\nRestore\r\nArchive\r\nSync\r\nShare')).toEqual({ ok: true, fontSize: 36, lines: 5 });
      // Blank lines around the text are not drawn, so they take no room; blank lines inside it do.
      expect(await renderer.fitText(tall, '\n\n  Padded with blank lines \n\n')).toEqual({ ok: true, fontSize: 36, lines: 1 });
      expect(await renderer.fitText(tall, 'Paragraph\n\nParagraph')).toEqual({ ok: true, fontSize: 36, lines: 3 });
      // An unbreakable word too wide for any surface is refused like any text that does not fit.
      expect(await renderer.fitText({ ...TEXT_ZONE, width: 1200, height: 628, fontSize: 36 }, 'W'.repeat(1500))).toMatchObject({ ok: false });
    });

    it('answers the same question from its cache', async () => {
      const first = await renderer.fitText(TEXT_ZONE, 'Cached headline for the cache');
      expect(await renderer.fitText(TEXT_ZONE, 'Cached headline for the cache')).toBe(first);
      expect(await renderer.fitText({ ...TEXT_ZONE }, 'Cached headline for the cache')).toBe(first);
    });

    it('escapes every markup character', () => {
      expect(escapePangoMarkup(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
    });
  });

  describe('output', () => {
    it.each([
      ['jpeg', 'image/jpeg'],
      ['png', 'image/png'],
      ['webp', 'image/webp'],
    ] as const)('encodes %s at the spec size', async (format, contentType) => {
      const banner = await renderer.render(spec([LOGO_ZONE, TEXT_ZONE], 'jpeg'), {
        background,
        values: { headline: 'Back up everything' },
        images: { partnerLogo: logos.wide!.data },
        colours: COLOURS,
        format,
      });
      expect(banner.contentType).toBe(contentType);
      const metadata = await sharp(banner.data).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual([format, WIDTH, HEIGHT]);
      // Lossy formats too keep the logo where it belongs.
      const image = await decode(banner.data);
      expect(isLogo(pixel(image, Math.round(centre(LOGO_ZONE).x), Math.round(centre(LOGO_ZONE).y)))).toBe(true);
    });

    it('cover-crops a background of another size to the banner', async () => {
      // Top half red, bottom half blue, square: cover keeps the middle rows, so both colours remain, split in the middle.
      const square = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#0000FF' } })
        .composite([{ input: await solid(1000, 500, '#FF0000'), left: 0, top: 0 }])
        .png()
        .toBuffer();
      const banner = await renderer.render(spec([]), { background: square, values: {}, images: {}, colours: COLOURS });
      const image = await decode(banner.data);
      expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
      expect(pixel(image, 0, 0)).toEqual([255, 0, 0]);
      expect(pixel(image, WIDTH - 1, HEIGHT - 1)).toEqual([0, 0, 255]);
      expect(pixel(image, 600, HEIGHT / 2 - 4)).toEqual([255, 0, 0]);
      expect(pixel(image, 600, HEIGHT / 2 + 4)).toEqual([0, 0, 255]);
    });
  });
});
