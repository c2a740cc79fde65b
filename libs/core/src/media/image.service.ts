import { Injectable } from '@nestjs/common';
import sharp, { Metadata } from 'sharp';
import { DomainError } from '../errors/domain-error';

export type ImageKind = 'png' | 'jpeg' | 'webp' | 'svg';

export interface NormalisedImage {
  data: Buffer;
  width: number;
  height: number;
  contentType: 'image/png';
}

/** Whether the bytes are a PDF document (its header), never judged by name or declared type. */
export function isPdf(data: Buffer): boolean {
  return data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-';
}

/** Recognises an image by its bytes, never by its name or declared type. */
export function sniffImage(data: Buffer): ImageKind | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  const head = data.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  // The DOCTYPE may carry an internal subset (`[<!ENTITY …>]`), as Illustrator exports do; unsafeSvgReason then refuses it by name.
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>[]*(\[[\s\S]*?\]\s*)?>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

/** Why an SVG is refused, or null when it is plain vector art. */
export function unsafeSvgReason(svg: string): string | null {
  const checks: [RegExp, string][] = [
    [/<script/i, 'contains a script'],
    [/\son[a-z]+\s*=/i, 'contains an event handler attribute'],
    [/javascript:/i, 'contains a javascript: URL'],
    [/<foreignObject/i, 'contains foreignObject'],
    [/@import/i, 'imports a style sheet'],
    [/<!ENTITY/i, 'declares entities'],
    [/<(iframe|embed|object|use)\b[^>]*\bhref\s*=\s*["'](?!#)/i, 'references external content'],
    [/\bhref\s*=\s*["'](?!#|data:image\/(png|jpeg|webp);)/i, 'references external content'],
    // Whitespace and quotes may wrap a local reference (`url( '#g' )`); only `#…` stays in the document.
    [/url\(\s*(?!\s|["']?#)/i, 'references external content in a style'],
  ];
  for (const [pattern, reason] of checks) if (pattern.test(svg)) return reason;
  return null;
}

export class ImageRejectedError extends DomainError {
  constructor(code: string, message: string, statusCode: number, field: string) {
    super(code, message, statusCode, { fields: [{ field, problems: [message] }] });
  }
}

/** sharp behind one injectable: decoding is always bounded by a pixel limit. */
@Injectable()
export class ImageService {
  /** A raster background (PNG, JPEG or WebP by content), bounded, re-encoded as PNG. */
  async normaliseBackground(input: Buffer, options: { maxInputPixels: number; field: string }): Promise<NormalisedImage> {
    const kind = sniffImage(input);
    if (kind === null || kind === 'svg') {
      throw new ImageRejectedError('IMAGE_UNSUPPORTED_TYPE', 'must be a PNG, JPEG or WebP image (checked by content)', 415, options.field);
    }
    try {
      const { data, info } = await sharp(input, { limitInputPixels: options.maxInputPixels, failOn: 'error' })
        .rotate()
        .resize({ width: 4096, height: 4096, fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 9 })
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, contentType: 'image/png' };
    } catch (error) {
      if (/pixel limit/i.test(error instanceof Error ? error.message : '')) {
        throw new ImageRejectedError('IMAGE_TOO_MANY_PIXELS', `exceeds ${options.maxInputPixels.toLocaleString('en')} pixels`, 422, options.field);
      }
      throw new ImageRejectedError('IMAGE_UNREADABLE', 'could not be decoded as an image', 422, options.field);
    }
  }

  /**
   * Validates an uploaded logo by content and normalises it: EXIF-rotated, trimmed of its plain
   * border, fitted inside `maxSide`, as PNG. SVG is accepted only as plain vector art and is
   * rasterised, so no markup from the upload is ever served.
   */
  async normaliseLogo(input: Buffer, options: { maxInputPixels: number; maxSide: number; field: string }): Promise<NormalisedImage> {
    const kind = sniffImage(input);
    if (kind === null) {
      throw new ImageRejectedError('IMAGE_UNSUPPORTED_TYPE', 'must be a PNG, JPEG, WebP or SVG image (checked by content)', 415, options.field);
    }
    if (kind === 'svg') {
      const reason = unsafeSvgReason(input.toString('utf8'));
      if (reason) throw new ImageRejectedError('IMAGE_UNSAFE_SVG', `SVG refused: it ${reason}`, 422, options.field);
    }
    const decoderOptions = { limitInputPixels: options.maxInputPixels, failOn: 'error' as const, ...(kind === 'svg' ? { density: 144 } : {}) };
    let metadata: Metadata;
    try {
      metadata = await sharp(input, decoderOptions).metadata();
    } catch (error) {
      // sharp enforces limitInputPixels already when reading the header: that is a bomb, not a broken file.
      if (error instanceof Error && /pixel limit/i.test(error.message)) {
        throw new ImageRejectedError('IMAGE_TOO_MANY_PIXELS', `exceeds ${options.maxInputPixels.toLocaleString('en')} pixels`, 422, options.field);
      }
      throw new ImageRejectedError('IMAGE_UNREADABLE', 'could not be decoded as an image', 422, options.field);
    }
    const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
    if (pixels > options.maxInputPixels) {
      throw new ImageRejectedError(
        'IMAGE_TOO_MANY_PIXELS',
        `is ${metadata.width}×${metadata.height} pixels; at most ${options.maxInputPixels.toLocaleString('en')} pixels are accepted`,
        422,
        options.field,
      );
    }
    try {
      const { data, info } = await sharp(input, decoderOptions)
        .rotate()
        .trim({ threshold: 10 })
        .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 9 })
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, contentType: 'image/png' };
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/pixel limit/i.test(message)) {
        throw new ImageRejectedError('IMAGE_TOO_MANY_PIXELS', `exceeds ${options.maxInputPixels.toLocaleString('en')} pixels`, 422, options.field);
      }
      throw new ImageRejectedError('IMAGE_UNREADABLE', 'could not be decoded as an image', 422, options.field);
    }
  }
}
