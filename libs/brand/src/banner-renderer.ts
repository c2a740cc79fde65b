import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp, { CreateText } from 'sharp';
import { DomainError, Lru } from '@app/core';
import { BannerSpec, LogoZone, TextZone, ZoneBox } from './manifest';

export type BannerFormat = BannerSpec['format'];

export interface BannerRendererOptions {
  /** Folder holding DejaVuSans.ttf (body) and DejaVuSans-Bold.ttf (heading). */
  fontsDir: string;
  /** Pixel limit for every decoded input (background, logos). */
  maxInputPixels: number;
}

/** `fontSize` in pixels; `lines`: how many lines the wrapped text takes at that size. */
export type FitTextResult = Readonly<{ ok: true; fontSize: number; lines: number } | { ok: false; reason: string }>;

export interface BannerInput {
  background: Buffer;
  /** Text field key → value. */
  values: Record<string, string>;
  /** Image field key → a normalised PNG, or null when the partner has none (the zone stays empty). */
  images: Record<string, Buffer | null>;
  /** `brand.primary` (or `primary`) → #RRGGBB. */
  colours: Record<string, string>;
  /** Defaults to the spec's format. */
  format?: BannerFormat;
}

export interface RenderedBanner {
  data: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
}

/** A banner input the renderer cannot draw; `field` names the zone's field. */
export class BannerRenderError extends DomainError {
  constructor(code: string, field: string, problem: string, statusCode = 422) {
    super(code, `${field}: ${problem}`, statusCode, { fields: [{ field, problems: [problem] }] });
  }
}

export class BannerTextTooLongError extends BannerRenderError {
  constructor(field: string, reason: string) {
    super('BRAND_BANNER_TEXT_TOO_LONG', field, reason);
  }
}

const FONTS: Record<TextZone['font'], { family: string; file: string }> = {
  heading: { family: 'DejaVu Sans Bold', file: 'DejaVuSans-Bold.ttf' },
  body: { family: 'DejaVu Sans', file: 'DejaVuSans.ttf' },
};

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
/** A logo is never enlarged beyond this factor of its own size: a tiny logo upscaled further only shows its pixels. */
const MAX_LOGO_UPSCALE = 2;
/**
 * Bounds well under DejaVu's (its narrowest glyph takes 0.28 em × a 1.16 em line; a line break moves down 1.16 em):
 * text that breaks them cannot fit at any size we try, and is refused before Pango lays it out and libvips rasterises
 * it, whatever its length or number of lines.
 */
const MIN_GLYPH_AREA_EM2 = 0.2;
const MIN_LINE_ADVANCE_EM = 0.9;

function obviouslyTooLong(text: string, zone: ZoneBox, size: number): boolean {
  const breaks = text.match(/\r\n|[\n\r\u2028\u2029]/g)?.length ?? 0;
  const glyphs = text.match(/[^\n\r\u2028\u2029\p{M}]/gu)?.length ?? 0;
  // The last line needs no room below it, hence one line's height more than the zone.
  return breaks * MIN_LINE_ADVANCE_EM * size > zone.height || glyphs * MIN_GLYPH_AREA_EM2 * size * size > zone.width * (zone.height + 1.2 * size);
}

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

interface Size {
  width: number;
  height: number;
}

const TOO_BIG: Size = { width: Infinity, height: Infinity };

function measureKey(fontsDir: string, font: TextZone['font'], width: number, size: number, text: string): string {
  return `measure:${JSON.stringify([fontsDir, font, width, size, text])}`;
}

interface LineMetrics {
  /** Ink height of one line of tall glyphs. */
  oneLine: number;
  /** Distance between two baselines. */
  advance: number;
}

function lineCount(ink: Size, metrics: LineMetrics): number {
  return 1 + Math.max(0, Math.round((ink.height - metrics.oneLine) / metrics.advance));
}

/** Pango markup is always parsed by libvips: partner text is escaped so it can only ever be drawn, never interpreted. */
export function escapePangoMarkup(text: string): string {
  return (
    text
      // Characters XML forbids would make the markup parser refuse the whole text.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** Width and height from a PNG's IHDR, without decoding it; null for anything else. */
function pngSize(data: Buffer): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length < 24 || signature.some((byte, i) => data[i] !== byte) || data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function digest(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64url');
}

interface Placed {
  image: Raw;
  left: number;
  top: number;
}

/**
 * Draws `overlay` (RGBA, not premultiplied) over `canvas` (RGB or RGBA) in place, with the Porter-Duff "over" operator
 * in sRGB, as sharp's composite does. The overlay must lie inside the canvas (zones are checked to be).
 */
function blendOver(canvas: Raw, { image, left, top }: Placed): void {
  if (image.channels !== 4 || (canvas.channels !== 3 && canvas.channels !== 4)) {
    throw new Error(`cannot blend ${image.channels} channels over ${canvas.channels}`);
  }
  if (left < 0 || top < 0 || left + image.width > canvas.width || top + image.height > canvas.height) {
    throw new Error('overlay outside the canvas');
  }
  const src = image.data;
  const dst = canvas.data;
  const stride = canvas.channels;
  for (let y = 0; y < image.height; y++) {
    let s = y * image.width * 4;
    let d = ((top + y) * canvas.width + left) * stride;
    for (let x = 0; x < image.width; x++, s += 4, d += stride) {
      const a = src[s + 3]!;
      if (a === 0) continue;
      if (stride === 3) {
        const keep = 255 - a;
        // ((v + 128) × 257) >> 16 is round(v / 255) for every v up to 255², without a division.
        dst[d] = ((src[s]! * a + dst[d]! * keep + 128) * 257) >>> 16;
        dst[d + 1] = ((src[s + 1]! * a + dst[d + 1]! * keep + 128) * 257) >>> 16;
        dst[d + 2] = ((src[s + 2]! * a + dst[d + 2]! * keep + 128) * 257) >>> 16;
        continue;
      }
      // Weights in 0..255², so the canvas alpha needs no division until the end.
      const below = dst[d + 3]! * (255 - a);
      const total = a * 255 + below;
      dst[d] = Math.round((src[s]! * a * 255 + dst[d]! * below) / total);
      dst[d + 1] = Math.round((src[s + 1]! * a * 255 + dst[d + 1]! * below) / total);
      dst[d + 2] = Math.round((src[s + 2]! * a * 255 + dst[d + 2]! * below) / total);
      dst[d + 3] = Math.round(total / 255);
    }
  }
}

function rawSize(image: Raw): number {
  return image.data.length;
}

/**
 * Draws a co-branded banner: the background, each logo fitted in its zone (on an optional plate), each text wrapped
 * and shrunk to fit its zone. Everything that repeats between renders (the resized background, resized logos, plates,
 * text measurements and text overlays) is kept, already decoded, in bounded LRUs, so a render is usually a copy of the
 * cached background, the zones' pixels blended into it, and one sharp pipeline to encode.
 */
export class BannerRenderer {
  private readonly measurements = new Lru<Size>(4000);
  private readonly lineMetrics = new Lru<LineMetrics>(500);
  private readonly fits = new Lru<FitTextResult>(2000);
  private readonly backgrounds = new Lru<Raw>(16, 96 * 1024 * 1024, rawSize);
  private readonly logos = new Lru<Raw>(256, 32 * 1024 * 1024, rawSize);
  private readonly plates = new Lru<Raw>(64, 16 * 1024 * 1024, rawSize);
  private readonly texts = new Lru<Raw | null>(512, 64 * 1024 * 1024, (drawn) => (drawn ? rawSize(drawn) : 0));
  /** Work under way, so concurrent renders of the same banner compute each piece once. */
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(private readonly options: BannerRendererOptions) {}

  /**
   * The largest whole font size in [minFontSize, fontSize] at which `text`, wrapped at word boundaries to the zone's
   * width, fits inside the zone (measured on the drawn ink), and the number of lines it takes. Leading and trailing
   * whitespace is not drawn (libvips would draw a blank line for each line break there).
   */
  async fitText(zone: TextZone, value: string, fontsDir: string = this.options.fontsDir): Promise<FitTextResult> {
    const text = value.trim();
    return this.fit(zone, text, fontsDir, (size) => this.measure(zone.font, fontsDir, zone.width, text, size));
  }

  /**
   * fitText's search, with `probe` giving the ink size of the text at a size. Rendering probes with the drawing itself
   * means a new text that fits at its largest size costs one Pango rendering, as a bare composite would.
   */
  private async fit(zone: TextZone, text: string, fontsDir: string, probe: (size: number) => Promise<Size>): Promise<FitTextResult> {
    const max = Math.max(1, Math.floor(zone.fontSize));
    const min = Math.max(1, Math.min(max, Math.floor(zone.minFontSize ?? max)));
    const key = JSON.stringify([fontsDir, zone.font, zone.width, zone.height, min, max, text]);
    return this.memo(this.fits, `fit:${key}`, async () => {
      if (text === '') return { ok: true, fontSize: max, lines: 0 };
      const refusal: FitTextResult = { ok: false, reason: `does not fit in ${zone.width}×${zone.height} px at ${min} px; shorten it` };
      if (obviouslyTooLong(text, zone, min)) return refusal;

      const fits = async (size: number): Promise<boolean> => {
        const { width, height } = await probe(size);
        return width <= zone.width && height <= zone.height;
      };
      if (await fits(max)) return this.fitted(zone.font, fontsDir, max, await probe(max));
      // Most texts that overflow do so by a little: try the guess first, then bisect. Invariant: hi does not fit, and
      // lo fits (or is min - 1, nothing known to fit).
      const guess = this.guess(zone, max, await probe(max), await this.metrics(zone.font, fontsDir, max), min);
      let lo = min - 1;
      let hi = max;
      if (await fits(guess)) lo = guess;
      else hi = guess;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (await fits(mid)) lo = mid;
        else hi = mid;
      }
      if (lo < min) return refusal;
      return this.fitted(zone.font, fontsDir, lo, await probe(lo));
    });
  }

  /** How many lines `ink` (the text drawn at `fontSize`) takes. */
  private async fitted(font: TextZone['font'], fontsDir: string, fontSize: number, ink: Size): Promise<FitTextResult> {
    const metrics = await this.metrics(font, fontsDir, fontSize);
    return { ok: true, fontSize, lines: lineCount(ink, metrics) };
  }

  /**
   * The largest size under `size` at which the text could fit, were its lines at `size` full: its lines are one fewer
   * (and an unbreakable word narrower) in proportion to the size, and line height and advance scale with the size.
   */
  private guess(zone: TextZone, size: number, ink: Size, metrics: LineMetrics, min: number): number {
    const lines = lineCount(ink, metrics);
    const widest = ink.width > zone.width ? Math.floor((size * zone.width) / ink.width) : size - 1;
    for (let s = Math.min(size - 1, widest); s > min; s--) {
      const scale = s / size;
      const needed = Math.max(1, Math.ceil((lines - 1) * scale));
      const room = 1 + Math.floor((zone.height - metrics.oneLine * scale) / (metrics.advance * scale));
      if (needed <= room) return s;
    }
    return min;
  }

  async render(spec: BannerSpec, input: BannerInput): Promise<RenderedBanner> {
    const format = input.format ?? spec.format;
    const background = await this.background(spec, input.background);
    const overlays: Placed[] = [];
    for (const zone of spec.zones) {
      this.assertInside(spec, zone);
      switch (zone.type) {
        case 'logo':
          overlays.push(...(await this.logoOverlays(zone, input)));
          break;
        case 'text':
          overlays.push(...(await this.textOverlays(zone, input)));
          break;
        default: {
          const unknown: never = zone;
          throw new Error(`Unknown banner zone ${JSON.stringify(unknown)}`);
        }
      }
    }

    // sharp's composite turns the whole canvas into premultiplied floats and back, whatever the overlays' size; blending
    // only the zones' pixels into a copy of the cached background, then encoding once, does the same work several times faster.
    const canvas: Raw = { ...background, data: Buffer.from(background.data) };
    for (const overlay of overlays) blendOver(canvas, overlay);
    let pipeline = sharp(canvas.data, {
      raw: { width: canvas.width, height: canvas.height, channels: canvas.channels },
      limitInputPixels: this.options.maxInputPixels,
    });
    // JPEG has no alpha: a transparent background is shown on white rather than on whatever the encoder picks.
    if (format === 'jpeg' && canvas.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
    let contentType: RenderedBanner['contentType'];
    switch (format) {
      case 'jpeg':
        pipeline = pipeline.jpeg({ quality: 85, mozjpeg: false });
        contentType = 'image/jpeg';
        break;
      case 'png':
        pipeline = pipeline.png();
        contentType = 'image/png';
        break;
      case 'webp':
        pipeline = pipeline.webp({ quality: 80, effort: 2 });
        contentType = 'image/webp';
        break;
      default: {
        const unknown: never = format;
        throw new Error(`Unknown banner format ${String(unknown)}`);
      }
    }
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, contentType };
  }

  private async logoOverlays(zone: LogoZone, input: BannerInput): Promise<Placed[]> {
    const image = input.images[zone.field];
    if (!image) return [];
    const padding = Math.max(0, zone.padding ?? 0);
    const innerWidth = zone.width - 2 * padding;
    const innerHeight = zone.height - 2 * padding;
    if (innerWidth < 1 || innerHeight < 1) {
      throw new BannerRenderError('BRAND_BANNER_ZONE_INVALID', zone.field, `padding ${padding} px leaves no room in ${zone.width}×${zone.height} px`);
    }
    const overlays: Placed[] = [];
    if (zone.plate) {
      const colour = this.colour(zone.plate, input.colours, zone.field);
      const plate = await this.plate(zone.width, zone.height, Math.max(0, zone.plateRadius ?? 0), colour);
      overlays.push({ image: plate, left: zone.x, top: zone.y });
    }
    const logo = await this.logo(zone.field, image, innerWidth, innerHeight);
    overlays.push({ image: logo, left: zone.x + Math.floor((zone.width - logo.width) / 2), top: zone.y + Math.floor((zone.height - logo.height) / 2) });
    return overlays;
  }

  private async textOverlays(zone: TextZone, input: BannerInput): Promise<Placed[]> {
    const text = (input.values[zone.field] ?? '').trim();
    if (text === '') return [];
    const colour = this.colour(zone.colour, input.colours, zone.field);
    const align = zone.align ?? 'left';
    const fontsDir = this.options.fontsDir;
    const draw = (size: number) => this.drawText(zone.font, fontsDir, zone.width, text, size, colour, align);
    const fit = await this.fit(zone, text, fontsDir, async (size) => (await draw(size)) ?? TOO_BIG);
    if (!fit.ok) throw new BannerTextTooLongError(zone.field, fit.reason);
    const overlay = await draw(fit.fontSize);
    if (!overlay) throw new Error(`${zone.field}: fitted text could not be drawn`);
    // libvips crops the drawn text to its ink, so the block is aligned in the zone here; Pango aligns lines within it.
    const slack = zone.width - overlay.width;
    const left = zone.x + (align === 'left' ? 0 : align === 'right' ? slack : Math.floor(slack / 2));
    return [{ image: overlay, left, top: zone.y }];
  }

  /** The background decoded once, cover-cropped to the banner's size, kept raw for the composite. */
  private async background(spec: BannerSpec, data: Buffer): Promise<Raw> {
    return this.memo(this.backgrounds, `background:${spec.width}x${spec.height}:${digest(data)}`, async () => {
      try {
        const { data: pixels, info } = await sharp(data, { limitInputPixels: this.options.maxInputPixels, failOn: 'error' })
          .autoOrient()
          .resize(spec.width, spec.height, { fit: 'cover', position: 'centre' })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { data: pixels, width: info.width, height: info.height, channels: info.channels };
      } catch (error) {
        throw this.decodeError('background', error);
      }
    });
  }

  /** The logo fitted inside width × height (aspect kept, at most 2× its own size), as raw RGBA. */
  private async logo(field: string, image: Buffer, width: number, height: number): Promise<Raw> {
    return this.memo(this.logos, `logo:${width}x${height}:${digest(image)}`, async () => {
      try {
        const decoder = { limitInputPixels: this.options.maxInputPixels, failOn: 'error' as const };
        const size = pngSize(image) ?? (await sharp(image, decoder).metadata());
        if (!size.width || !size.height) throw new Error('no dimensions');
        if (size.width * size.height > this.options.maxInputPixels) throw new Error('Input image exceeds pixel limit');
        const scale = Math.min(width / size.width, height / size.height, MAX_LOGO_UPSCALE);
        const target = {
          width: Math.min(width, Math.max(1, Math.round(size.width * scale))),
          height: Math.min(height, Math.max(1, Math.round(size.height * scale))),
        };
        // The aspect-kept size is computed here, so the result is exactly this size and centring is exact.
        const { data, info } = await sharp(image, decoder)
          .resize(target.width, target.height, { fit: 'fill' })
          .toColourspace('srgb')
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { data, width: info.width, height: info.height, channels: info.channels };
      } catch (error) {
        throw this.decodeError(field, error);
      }
    });
  }

  private async plate(width: number, height: number, radius: number, colour: string): Promise<Raw> {
    return this.memo(this.plates, `plate:${width}x${height}:${radius}:${colour}`, async () => {
      // Only numbers and a checked #RRGGBB reach the SVG.
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="0" y="0" width="${width}" height="${height}" rx="${radius}" ry="${radius}" fill="${colour}"/></svg>`;
      const { data, info } = await sharp(Buffer.from(svg), { limitInputPixels: this.options.maxInputPixels })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: info.channels };
    });
  }

  /** Ink size of `text` wrapped to `width` at `size` px. */
  private async measure(font: TextZone['font'], fontsDir: string, width: number, text: string, size: number): Promise<Size> {
    return this.memo(this.measurements, measureKey(fontsDir, font, width, size, text), async () => {
      const drawn = await this.pango(this.textOptions(font, fontsDir, width, text, size));
      return drawn ? { width: drawn.width, height: drawn.height } : TOO_BIG;
    });
  }

  /** `text` drawn in `colour`, as raw RGBA cropped to its ink; null when it is too big to draw at all. */
  private async drawText(font: TextZone['font'], fontsDir: string, width: number, text: string, size: number, colour: string, align: NonNullable<TextZone['align']>): Promise<Raw | null> {
    const key = JSON.stringify([fontsDir, font, width, align, size, colour, text]);
    return this.memo(this.texts, `text:${key}`, async () => {
      const drawn = await this.pango({ ...this.textOptions(font, fontsDir, width, text, size, colour), align });
      // Colour and alignment do not change the layout: this drawing answers the measurement too.
      this.measurements.set(measureKey(fontsDir, font, width, size, text), drawn ? { width: drawn.width, height: drawn.height } : TOO_BIG);
      return drawn;
    });
  }

  private async pango(text: CreateText): Promise<Raw | null> {
    try {
      const { data, info } = await sharp({ text }).raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: info.channels };
    } catch (error) {
      // Cairo refuses surfaces over 32767 px a side (an unbreakable word that long): that text fits nowhere.
      if (error instanceof Error && /too big/i.test(error.message)) return null;
      throw error;
    }
  }

  private async metrics(font: TextZone['font'], fontsDir: string, size: number): Promise<LineMetrics> {
    return this.memo(this.lineMetrics, `metrics:${JSON.stringify([fontsDir, font, size])}`, async () => {
      // No wrapping width: the two probes are exactly one and two lines.
      const one = await this.measure(font, fontsDir, 0, 'Ág', size);
      const two = await this.measure(font, fontsDir, 0, 'Ág\nÁg', size);
      return { oneLine: one.height, advance: Math.max(1, two.height - one.height) };
    });
  }

  private textOptions(font: TextZone['font'], fontsDir: string, width: number, text: string, size: number, colour?: string): CreateText {
    const markup = escapePangoMarkup(text);
    return {
      text: colour ? `<span foreground="${colour}">${markup}</span>` : markup,
      font: `${FONTS[font].family} ${size}`,
      fontfile: path.join(fontsDir, FONTS[font].file),
      // At 72 dpi a point is a pixel, so `size` is the font size in pixels.
      dpi: 72,
      ...(width > 0 ? { width } : {}),
      wrap: 'word',
      rgba: colour !== undefined,
    };
  }

  private colour(value: string, colours: Record<string, string>, field: string): string {
    const resolved = value.startsWith('brand.') ? (colours[value] ?? colours[value.slice('brand.'.length)]) : value;
    if (resolved === undefined || !HEX_COLOUR.test(resolved)) {
      throw new BannerRenderError('BRAND_BANNER_COLOUR_INVALID', field, `colour ${value} is not a #RRGGBB colour`);
    }
    return resolved.toLowerCase();
  }

  private assertInside(spec: BannerSpec, zone: ZoneBox & { field: string }): void {
    const inside = zone.x >= 0 && zone.y >= 0 && zone.width >= 1 && zone.height >= 1 && zone.x + zone.width <= spec.width && zone.y + zone.height <= spec.height;
    const whole = [zone.x, zone.y, zone.width, zone.height].every(Number.isInteger);
    if (!inside || !whole) {
      throw new BannerRenderError(
        'BRAND_BANNER_ZONE_INVALID',
        zone.field,
        `zone ${zone.width}×${zone.height} at (${zone.x}, ${zone.y}) is not inside the ${spec.width}×${spec.height} banner`,
      );
    }
  }

  private decodeError(field: string, error: unknown): BannerRenderError {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      return new BannerRenderError('BRAND_BANNER_IMAGE_TOO_LARGE', field, `exceeds ${this.options.maxInputPixels.toLocaleString('en')} pixels`);
    }
    return new BannerRenderError('BRAND_BANNER_IMAGE_UNREADABLE', field, 'could not be decoded as an image');
  }

  private async memo<V>(cache: Lru<V>, key: string, compute: () => Promise<V>): Promise<V> {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const pending = this.inflight.get(key) as Promise<V> | undefined;
    if (pending) return pending;
    const work = compute()
      .then((value) => {
        cache.set(key, value);
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, work);
    return work;
  }
}
