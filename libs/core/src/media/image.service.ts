import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../errors/domain-error';
import { ImageSandbox, ImageSandboxStats } from './image-sandbox';
import type { ImageJob, UntrustedKind } from './image-work';

export { unsafeSvgReason, SVG_LIMITS } from './svg-policy';

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

export class ImageRejectedError extends DomainError {
  constructor(code: string, message: string, statusCode: number, field: string, problem = message) {
    super(code, message, statusCode, { fields: [{ field, problems: [problem] }] });
  }
}

export interface ImageThumbnailResult {
  data: Buffer;
  contentType: 'image/webp';
  /** Of the original image (after its EXIF orientation). */
  width: number;
  height: number;
}

/**
 * Image work on untrusted bytes behind one injectable. Every decode runs in the image sandbox: a
 * child process with one libvips thread, bounded by `limitInputPixels`, a memory ceiling and a
 * hard deadline (the process is SIGKILLed with the job), so no upload can hold this process's
 * event loop or a core beyond UPLOAD_IMAGE_DEADLINE_MS. Only our own files (icons, banner parts,
 * normalised outputs of the sandbox) are drawn in-process.
 */
@Injectable()
export class ImageService implements OnApplicationShutdown {
  private readonly sandbox: ImageSandbox;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.sandbox = new ImageSandbox({
      deadlineMs: config.uploads.imageDeadlineMs,
      processes: config.uploads.imageProcesses,
      maxMemoryMb: config.uploads.imageMaxMemoryMb,
    });
  }

  /** A raster background (PNG, JPEG or WebP by content), bounded, re-encoded as PNG. */
  async normaliseBackground(input: Buffer, options: { maxInputPixels: number; field: string }): Promise<NormalisedImage> {
    const kind = sniffImage(input);
    if (kind === null || kind === 'svg') {
      throw new ImageRejectedError('IMAGE_UNSUPPORTED_TYPE', 'must be a PNG, JPEG or WebP image (checked by content)', 415, options.field);
    }
    const out = await this.run({ op: 'background', input, kind, maxInputPixels: options.maxInputPixels, maxSide: 4096 }, options.field);
    return { data: out.data, width: out.width, height: out.height, contentType: 'image/png' };
  }

  /**
   * Validates an uploaded logo by content and normalises it: EXIF-rotated, trimmed of its plain
   * border, fitted inside `maxSide`, as PNG. SVG is accepted only as plain vector art (see
   * `unsafeSvgReason`) and is rasterised, so no markup from the upload is ever served.
   */
  async normaliseLogo(input: Buffer, options: { maxInputPixels: number; maxSide: number; field: string }): Promise<NormalisedImage> {
    const kind = sniffImage(input);
    if (kind === null) {
      throw new ImageRejectedError('IMAGE_UNSUPPORTED_TYPE', 'must be a PNG, JPEG, WebP or SVG image (checked by content)', 415, options.field);
    }
    const out = await this.run({ op: 'logo', input, kind, maxInputPixels: options.maxInputPixels, maxSide: options.maxSide }, options.field);
    return { data: out.data, width: out.width, height: out.height, contentType: 'image/png' };
  }

  /** A `width`-wide WebP preview (never enlarged) of a library image, with the original's dimensions. */
  async thumbnail(input: Buffer, options: { kind: Exclude<UntrustedKind, 'svg'>; maxInputPixels: number; width: number; field: string }): Promise<ImageThumbnailResult> {
    const out = await this.run({ op: 'thumbnail', input, kind: options.kind, maxInputPixels: options.maxInputPixels, width: options.width }, options.field);
    return { data: out.data, contentType: 'image/webp', width: out.sourceWidth, height: out.sourceHeight };
  }

  /** Jobs running and waiting in the sandbox, its processes, and how many it has killed. */
  sandboxStats(): ImageSandboxStats {
    return this.sandbox.stats();
  }

  /** The sandbox's live process ids. */
  sandboxPids(): number[] {
    return this.sandbox.pids();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sandbox.close();
  }

  private async run(job: ImageJob, field: string): Promise<{ data: Buffer; width: number; height: number; sourceWidth: number; sourceHeight: number }> {
    const outcome = await this.sandbox.run(job);
    // The problem reads as the end of a sentence about the file, so the message names what went wrong in the partner's terms.
    if (!outcome.ok) throw new ImageRejectedError(outcome.code, `The uploaded image ${outcome.problem}`, outcome.code === 'IMAGE_BUSY' ? 503 : 422, field, outcome.problem);
    const data = Buffer.from(outcome.data.buffer, outcome.data.byteOffset, outcome.data.byteLength);
    return { data, width: outcome.width, height: outcome.height, sourceWidth: outcome.sourceWidth, sourceHeight: outcome.sourceHeight };
  }
}
