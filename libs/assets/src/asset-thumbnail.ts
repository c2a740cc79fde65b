import { Inject, Injectable } from '@nestjs/common';
import path from 'node:path';
import sharp from 'sharp';
import { APP_CONFIG, AppConfig, DomainError, ImageRejectedError, ImageService, StorageService } from '@app/core';
import type { AssetFileKind } from './asset-file-type';

export const THUMBNAIL_WIDTH = 320;

export type IconName = 'pdf' | 'deck' | 'video' | 'doc';

const ICON_LABELS: Record<IconName, { label: string; colour: string }> = {
  pdf: { label: 'PDF', colour: '#c62828' },
  deck: { label: 'DECK', colour: '#ef6c00' },
  video: { label: 'VIDEO', colour: '#6a1b9a' },
  doc: { label: 'DOC', colour: '#1565c0' },
};

export interface ImageThumbnail {
  data: Buffer;
  contentType: 'image/webp';
  /** Of the original image. */
  width: number;
  height: number;
}

/** The picture a file is shown with in the library that is not an image itself. */
export function iconFor(kind: AssetFileKind): IconName {
  if (kind === 'pdf') return 'pdf';
  if (kind === 'pptx') return 'deck';
  if (kind === 'mp4' || kind === 'mov' || kind === 'webm') return 'video';
  return 'doc';
}

export function iconKey(icon: IconName): string {
  return `assets/icons/${icon}.png`;
}

/**
 * Previews of library files: images through the image sandbox (bounded by UPLOAD_MAX_INPUT_PIXELS
 * and UPLOAD_IMAGE_DEADLINE_MS), type icons drawn here with sharp from our own markup. The
 * installed libvips has no PDF loader (`sharp.format.pdf.input.buffer` is false), so documents,
 * decks and videos are shown with a type icon rendered once and shared.
 */
@Injectable()
export class AssetThumbnails {
  private readonly ensured = new Set<IconName>();

  constructor(
    private readonly storage: StorageService,
    private readonly images: ImageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A 320-pixel-wide WebP of an image (never enlarged), with the original's dimensions. Decoded in
   * the image sandbox: an uploaded file is untrusted, whatever its asset's owner.
   */
  async ofImage(data: Buffer, kind: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<ImageThumbnail> {
    const max = this.config.uploads.maxInputPixels;
    try {
      return await this.images.thumbnail(data, { kind, maxInputPixels: max, width: THUMBNAIL_WIDTH, field: 'file' });
    } catch (error) {
      if (!(error instanceof ImageRejectedError)) throw error;
      // The library's own codes, kept for its clients; the message and problem are the sandbox's.
      const code = error.code === 'IMAGE_TOO_MANY_PIXELS' ? 'ASSET_IMAGE_TOO_MANY_PIXELS' : error.code === 'IMAGE_UNREADABLE' ? 'ASSET_IMAGE_UNREADABLE' : `ASSET_${error.code}`;
      throw new DomainError(code, error.message, error.statusCode, error.details);
    }
  }

  /** The storage key of a type icon, rendering and storing it the first time it is needed. */
  async icon(icon: IconName): Promise<string> {
    const key = iconKey(icon);
    if (this.ensured.has(icon)) return key;
    if (!(await this.storage.head(key))) await this.storage.put(key, await this.renderIcon(icon), 'image/png');
    this.ensured.add(icon);
    return key;
  }

  private async renderIcon(icon: IconName): Promise<Buffer> {
    const { label, colour } = ICON_LABELS[icon];
    const width = THUMBNAIL_WIDTH;
    const height = 240;
    const page = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<rect width="${width}" height="${height}" fill="#f4f5f7"/>` +
        `<path d="M120 30 h60 l30 30 v150 h-90 z" fill="#ffffff" stroke="#c5c9d0" stroke-width="3"/>` +
        `<path d="M180 30 v30 h30" fill="none" stroke="#c5c9d0" stroke-width="3"/>` +
        `<rect x="95" y="120" width="130" height="48" rx="6" fill="${colour}"/>` +
        `</svg>`,
    );
    // Text through Pango with the shipped font, so the icon looks the same on every host.
    const text = await sharp({
      text: { text: `<span foreground="white">${label}</span>`, font: 'DejaVu Sans Bold', fontfile: path.join(this.config.assetsDir, 'fonts', 'DejaVuSans-Bold.ttf'), height: 30, width: 120, rgba: true, align: 'centre' },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
    const left = Math.round(95 + (130 - text.info.width) / 2);
    const top = Math.round(120 + (48 - text.info.height) / 2);
    return sharp(page).composite([{ input: text.data, left, top }]).png({ compressionLevel: 9 }).toBuffer();
  }
}
