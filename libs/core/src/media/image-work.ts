import sharp, { Sharp, SharpOptions } from 'sharp';
import { unsafeSvgReason } from './svg-policy';

/**
 * The image work done on untrusted bytes, run only inside the sandbox process (see
 * image-sandbox.ts). It imports nothing but sharp and the SVG policy, so the process stays small.
 */

export type UntrustedKind = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';

interface JobBase {
  input: Uint8Array;
  /** What the parent sniffed; the loader libvips picks must agree. */
  kind: UntrustedKind;
  maxInputPixels: number;
}

export type ImageJob =
  /** EXIF-rotated, trimmed of its plain border, fitted inside maxSide, PNG. SVG rasterised at 144 dpi. */
  | (JobBase & { op: 'logo'; maxSide: number })
  /** EXIF-rotated, fitted inside maxSide, PNG. */
  | (JobBase & { op: 'background'; maxSide: number })
  /** EXIF-rotated, `width` wide at most (never enlarged), WebP; dimensions are the original's. */
  | (JobBase & { op: 'thumbnail'; width: number });

export type ImageFailureCode = 'IMAGE_UNSAFE_SVG' | 'IMAGE_TOO_MANY_PIXELS' | 'IMAGE_UNREADABLE' | 'IMAGE_TOO_COSTLY' | 'IMAGE_BUSY';

export type ImageOutcome =
  | { ok: true; data: Uint8Array; width: number; height: number; sourceWidth: number; sourceHeight: number }
  | { ok: false; code: ImageFailureCode; problem: string };

export const SVG_DENSITY = 144;

const fail = (code: ImageFailureCode, problem: string): ImageOutcome => ({ ok: false, code, problem });
const tooManyPixels = (max: number, width?: number, height?: number): ImageOutcome =>
  fail(
    'IMAGE_TOO_MANY_PIXELS',
    width && height
      ? `is ${width}×${height} pixels; at most ${max.toLocaleString('en')} pixels are accepted`
      : `exceeds ${max.toLocaleString('en')} pixels`,
  );
const unreadable = (): ImageOutcome => fail('IMAGE_UNREADABLE', 'could not be read as an image: the file is damaged, incomplete or not really an image');
const trailing = (): ImageOutcome =>
  fail('IMAGE_UNREADABLE', 'has other data after the end of the image (a file disguised as an image is refused); export it again as a plain image');

/**
 * Bytes after a PNG's IEND chunk: a picture with a ZIP, HTML or PDF appended (a polyglot). Null
 * when the chunk stream is broken, which the decoder reports on its own.
 */
function pngTrailingBytes(data: Buffer): number | null {
  let at = 8;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    at += 12 + length;
    if (type === 'IEND') return Math.max(0, data.length - at);
  }
  return null;
}

/** A WebP's RIFF size must cover the file exactly (plus its pad byte), or something rides along. */
function webpHasTrailingBytes(data: Buffer): boolean {
  const riffEnd = 8 + data.readUInt32LE(4);
  return data.length > riffEnd + (riffEnd % 2);
}

function decoder(job: ImageJob): SharpOptions {
  return {
    limitInputPixels: job.maxInputPixels,
    failOn: 'error',
    animated: false,
    ...(job.kind === 'svg' ? { density: SVG_DENSITY } : {}),
  };
}

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

export async function runImageJob(job: ImageJob): Promise<ImageOutcome> {
  const input = Buffer.from(job.input.buffer, job.input.byteOffset, job.input.byteLength);
  if (job.kind === 'svg') {
    const reason = unsafeSvgReason(input.toString('utf8'));
    if (reason) return fail('IMAGE_UNSAFE_SVG', `is an SVG that ${reason}; upload a PNG instead, or an SVG of plain shapes, text and gradients`);
  }
  if (job.kind === 'png' && (pngTrailingBytes(input) ?? 0) > 0) return trailing();
  if (job.kind === 'webp' && webpHasTrailingBytes(input)) return trailing();

  const options = decoder(job);
  let width: number;
  let height: number;
  let format: string | undefined;
  try {
    const metadata = await sharp(input, options).metadata();
    format = metadata.format;
    const rotated = (metadata.orientation ?? 1) >= 5;
    width = (rotated ? metadata.height : metadata.width) ?? 0;
    height = (rotated ? metadata.width : metadata.height) ?? 0;
  } catch (error) {
    // sharp enforces limitInputPixels already when reading the header: that is a bomb, not a broken file.
    return isPixelLimit(error) ? tooManyPixels(job.maxInputPixels) : unreadable();
  }
  // The loader libvips chose must be the one the bytes were admitted as (no SVG inside a "PNG").
  if (format !== job.kind) return unreadable();
  if (width <= 0 || height <= 0) return unreadable();
  if (width * height > job.maxInputPixels) return tooManyPixels(job.maxInputPixels, width, height);

  try {
    const pipeline = sharp(input, options).rotate();
    const { data, info } = await finish(job, pipeline).toBuffer({ resolveWithObject: true });
    return { ok: true, data, width: info.width, height: info.height, sourceWidth: width, sourceHeight: height };
  } catch (error) {
    return isPixelLimit(error) ? tooManyPixels(job.maxInputPixels) : unreadable();
  }
}

function finish(job: ImageJob, pipeline: Sharp): Sharp {
  switch (job.op) {
    case 'logo':
      return pipeline
        .trim({ threshold: 10 })
        .resize({ width: job.maxSide, height: job.maxSide, fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 9 });
    case 'background':
      return pipeline.resize({ width: job.maxSide, height: job.maxSide, fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 });
    case 'thumbnail':
      return pipeline.resize({ width: job.width, withoutEnlargement: true }).webp({ quality: 80 });
  }
}
