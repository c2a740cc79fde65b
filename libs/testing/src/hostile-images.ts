import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * Uploads built to hurt an image pipeline, generated in memory (each a few KB): the SVG filters
 * that held a core for minutes, a `<use>` bomb, decompression bombs in every raster format,
 * truncated files and polyglots. Shared by the hostile-upload tests and `bench/uploads.ts`.
 */
export interface HostileImage {
  name: string;
  data: Buffer;
  filename: string;
  /** What a partner logo upload must answer. */
  logo: { status: number; code: string };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid all-black 1-bit PNG of side×side pixels: tens of KB on the wire, side² pixels decoded. */
export function pngBomb(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const pixels = zlib.deflateSync(Buffer.alloc((1 + Math.ceil(side / 8)) * side), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A real small JPEG whose frame header claims width×height. */
async function jpegBomb(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#0b5fff' } }).jpeg().toBuffer();
  const out = Buffer.from(jpeg);
  for (let at = 2; at + 9 < out.length; ) {
    const marker = out[at + 1]!;
    const length = out.readUInt16BE(at + 2);
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return out;
    }
    at += 2 + length;
  }
  throw new Error('no frame header in the generated JPEG');
}

/** A lossless WebP whose header claims 16383×16383 (268 megapixels), the format's largest. */
async function webpBomb(): Promise<Buffer> {
  const webp = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#0b5fff' } }).webp({ lossless: true }).toBuffer());
  if (webp.toString('latin1', 12, 16) !== 'VP8L') throw new Error('expected a VP8L WebP');
  const bits = webp.readUInt32LE(21);
  // 14 bits of width - 1, 14 of height - 1, then the alpha and version bits kept.
  webp.writeUInt32LE(((bits & ~0x0fffffff) | 16382 | (16382 << 14)) >>> 0, 21);
  return webp;
}

const SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000">';

export async function hostileImages(): Promise<HostileImage[]> {
  const logo = await sharp({ create: { width: 400, height: 120, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 300, height: 80, channels: 3, background: '#0b5fff' } }, left: 50, top: 20 }])
    .png()
    .toBuffer();
  const jpeg = await sharp(logo).jpeg().toBuffer();
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('index.html<html><script>alert(1)</script></html>', 'latin1')]);
  const useBomb =
    '<defs><g id="a0"><rect width="2000" height="2000" fill="#0b5fff" fill-opacity="0.01"/></g>' +
    Array.from({ length: 9 }, (_, i) => `<g id="a${i + 1}">${`<use href="#a${i}"/>`.repeat(10)}</g>`).join('') +
    '</defs><use href="#a9"/>';
  const unsafe = { status: 422, code: 'IMAGE_UNSAFE_SVG' };
  const pixels = { status: 422, code: 'IMAGE_TOO_MANY_PIXELS' };
  const unreadable = { status: 422, code: 'IMAGE_UNREADABLE' };
  return [
    {
      name: 'SVG feMorphology (a core for minutes)',
      filename: 'logo.svg',
      data: Buffer.from(`${SVG_HEAD}<filter id="f"><feMorphology operator="dilate" radius="5"/></filter><rect width="2000" height="2000" fill="#0b5fff" filter="url(#f)"/></svg>`),
      logo: unsafe,
    },
    {
      name: 'SVG feGaussianBlur (91 s, 1 GB)',
      filename: 'logo.svg',
      data: Buffer.from(`${SVG_HEAD}<filter id="b"><feGaussianBlur stdDeviation="400"/></filter><circle cx="1000" cy="1000" r="900" filter="url(#b)"/></svg>`),
      logo: unsafe,
    },
    { name: 'SVG CSS blur()', filename: 'logo.svg', data: Buffer.from(`${SVG_HEAD}<rect width="2000" height="2000" style="filter: blur(300px)"/></svg>`), logo: unsafe },
    { name: 'SVG <use> bomb (10^9 rectangles)', filename: 'logo.svg', data: Buffer.from(`${SVG_HEAD}${useBomb}</svg>`), logo: unsafe },
    {
      name: 'SVG pattern fill',
      filename: 'logo.svg',
      data: Buffer.from(`${SVG_HEAD}<pattern id="p" width="0.01" height="0.01" patternUnits="userSpaceOnUse"><circle r="0.005"/></pattern><rect width="2000" height="2000" fill="url(#p)"/></svg>`),
      logo: unsafe,
    },
    { name: 'SVG canvas of 10^10 pixels', filename: 'logo.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>'), logo: pixels },
    { name: 'PNG decompression bomb 20000×20000', filename: 'logo.png', data: pngBomb(20_000), logo: pixels },
    { name: 'JPEG claiming 65000×65000', filename: 'logo.jpg', data: await jpegBomb(65_000, 65_000), logo: pixels },
    { name: 'WebP claiming 16383×16383', filename: 'logo.webp', data: await webpBomb(), logo: pixels },
    { name: 'truncated PNG', filename: 'logo.png', data: logo.subarray(0, Math.floor(logo.length / 2)), logo: unreadable },
    { name: 'truncated JPEG', filename: 'logo.jpg', data: jpeg.subarray(0, Math.floor(jpeg.length / 2)), logo: unreadable },
    { name: 'polyglot: a whole PNG with a ZIP of HTML after it', filename: 'logo.png', data: Buffer.concat([logo, zip]), logo: unreadable },
    {
      name: 'polyglot: PNG header, then an HTML page',
      filename: 'logo.png',
      data: Buffer.concat([logo.subarray(0, 33), Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')]),
      logo: unreadable,
    },
    { name: 'polyglot: JPEG marker, then a PDF', filename: 'logo.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')]), logo: unreadable },
  ];
}

/** A plain logo that every pipeline accepts: the baseline the hostile ones are compared with. */
export async function validLogo(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 240, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 600, height: 160, channels: 3, background: '#0b5fff' } }, left: 100, top: 40 }])
    .png()
    .toBuffer();
}

/**
 * An SVG every rule allows (circles, nothing else) that still costs minutes to draw: 4,000
 * translucent circles, each covering a 2400×2400 canvas (23 megapixels at 144 dpi). Only the
 * sandbox's deadline stops it.
 */
export function costlySvg(): Buffer {
  const circle = '<circle cx="1200" cy="1200" r="1800" fill="#0b5fff" fill-opacity="0.01"/>';
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="2400">${circle.repeat(4_000)}</svg>`);
}
