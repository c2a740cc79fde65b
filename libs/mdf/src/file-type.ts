import { isPdf, sniffImage } from '@app/core';

/** What an uploaded proof or invoice file really is, read from its first bytes (its name and declared type are not trusted). */
export type ProofFileType = { contentType: 'application/pdf'; ext: 'pdf' } | { contentType: 'image/png'; ext: 'png' } | { contentType: 'image/jpeg'; ext: 'jpg' } | { contentType: 'image/webp'; ext: 'webp' };

const IMAGES: Record<'png' | 'jpeg' | 'webp', ProofFileType> = {
  png: { contentType: 'image/png', ext: 'png' },
  jpeg: { contentType: 'image/jpeg', ext: 'jpg' },
  webp: { contentType: 'image/webp', ext: 'webp' },
};

/** A PDF, or a PNG, JPEG or WebP image (no SVG: markup is not proof). */
export function sniffProofFile(data: Buffer): ProofFileType | null {
  if (isPdf(data)) return { contentType: 'application/pdf', ext: 'pdf' };
  const image = sniffImage(data);
  return image && image !== 'svg' ? IMAGES[image] : null;
}
