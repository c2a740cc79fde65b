import { extensionOf, isPdf, sanitiseFileName, sniffImage } from '@app/core';
import type { AssetType } from './asset.types';

/** What a library file is, read from its content. */
export const ASSET_FILE_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'gif', 'mp4', 'mov', 'webm', 'docx', 'pptx', 'xlsx', 'txt'] as const;
export type AssetFileKind = (typeof ASSET_FILE_KINDS)[number];

/** What the first bytes say; Office files are one family (a zip with OOXML parts) until the extension picks which. */
export type ContentKind = Exclude<AssetFileKind, 'docx' | 'pptx' | 'xlsx'> | 'ooxml';

interface KindInfo {
  contentType: string;
  /** Extensions a file of this kind may carry; the first one is used when the name has none. */
  extensions: string[];
  label: string;
}

export const ASSET_FILE_KIND_INFO: Record<AssetFileKind, KindInfo> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'a PDF document' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'a PNG image' },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'a JPEG image' },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'a WebP image' },
  gif: { contentType: 'image/gif', extensions: ['gif'], label: 'a GIF image' },
  mp4: { contentType: 'video/mp4', extensions: ['mp4', 'm4v'], label: 'an MP4 video' },
  mov: { contentType: 'video/quicktime', extensions: ['mov', 'qt'], label: 'a QuickTime (MOV) video' },
  webm: { contentType: 'video/webm', extensions: ['webm'], label: 'a WebM video' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'a Word document (DOCX)' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'a PowerPoint deck (PPTX)' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'an Excel workbook (XLSX)' },
  txt: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'plain text' },
};

/** The files each kind of asset may hold. */
export const ALLOWED_KINDS: Record<AssetType, readonly AssetFileKind[]> = {
  image: ['png', 'jpeg', 'webp', 'gif'],
  video: ['mp4', 'mov', 'webm'],
  deck: ['pdf', 'pptx'],
  datasheet: ['pdf', 'docx', 'txt'],
  legal: ['pdf', 'docx', 'txt', 'xlsx'],
  document: ['pdf', 'docx', 'txt', 'xlsx'],
};

/** Bytes to read before deciding: enough for every signature, the first zip entry's name and a text sample. */
export const SNIFF_BYTES = 4096;

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** ISO base media brands that are still images (HEIC, AVIF), not video. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);
/** The parts an Office Open XML package starts with. */
const OOXML_ENTRY = /^(\[Content_Types\]\.xml|_rels\/|docProps\/|word\/|ppt\/|xl\/|customXml\/)/;

/**
 * Reads what a file is from its first bytes (`SNIFF_BYTES`, or the whole file when shorter); the
 * name and the declared type are never trusted. Null when it is nothing the library holds.
 */
export function sniffContent(head: Buffer): ContentKind | null {
  const ascii = (from: number, to: number) => head.toString('latin1', from, to);
  if (isPdf(head)) return 'pdf';
  // PNG, JPEG and WebP as the platform recognises every image; an SVG is markup, read below as text.
  const image = sniffImage(head);
  if (image && image !== 'svg') return image;
  if (head.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (IMAGE_BRANDS.has(brand)) return null;
    return brand === 'qt  ' ? 'mov' : 'mp4';
  }
  if (head.length >= 4 && head.subarray(0, 4).equals(EBML)) {
    // Matroska and WebM share EBML; the DocType element (0x42 0x82) says which.
    const docType = head.indexOf(Buffer.from([0x42, 0x82]));
    return docType >= 0 && head.toString('latin1', docType + 3, docType + 7) === 'webm' ? 'webm' : null;
  }
  if (head.length >= 30 && head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) {
    const nameLength = head.readUInt16LE(26);
    const firstEntry = head.toString('latin1', 30, 30 + nameLength);
    return OOXML_ENTRY.test(firstEntry) || head.includes('[Content_Types].xml', 0, 'latin1') ? 'ooxml' : null;
  }
  return isUtf8Text(head) ? 'txt' : null;
}

/**
 * Whether the bytes are plain UTF-8 text: valid UTF-8 (a character cut at the end of the sample is
 * fine) without NUL or control characters other than tab, line breaks and form feed.
 */
export function isUtf8Text(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  for (const byte of sample) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) return false;
  }
  // Drop a character the sample cut in half, then decode strictly.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export type FileCheck =
  | { ok: true; kind: AssetFileKind; contentType: string; fileName: string }
  | { ok: false; reason: 'unknown' | 'mismatch' | 'not_allowed'; message: string; content: ContentKind | null };

/**
 * Decides whether an upload may become a version of an asset of `assetType`: what the content is,
 * whether the file name's extension agrees with it (for Office files the extension picks which),
 * and whether that kind belongs to the asset type. The returned name is safe for a storage key and
 * carries the right extension.
 */
export function checkFile(head: Buffer, declaredName: string, assetType: AssetType): FileCheck {
  const content = sniffContent(head);
  const allowed = ALLOWED_KINDS[assetType];
  const allowedText = allowed.map((k) => ASSET_FILE_KIND_INFO[k].extensions[0]!.toUpperCase()).join(', ');
  if (content === null) {
    return { ok: false, reason: 'unknown', content, message: `the content is not a file type the library accepts; a ${assetType} asset takes ${allowedText}` };
  }
  const name = sanitiseFileName(declaredName);
  const ext = extensionOf(name);
  let kind: AssetFileKind;
  if (content === 'ooxml') {
    const byExt = (['docx', 'pptx', 'xlsx'] as const).find((k) => k === ext);
    if (!byExt) {
      return { ok: false, reason: ext === null ? 'unknown' : 'mismatch', content, message: `the content is an Office (OOXML) document, so the file name must end in .docx, .pptx or .xlsx${ext ? `, not .${ext}` : ''}` };
    }
    kind = byExt;
  } else {
    kind = content;
    const info = ASSET_FILE_KIND_INFO[kind];
    if (ext !== null && !info.extensions.includes(ext)) {
      return { ok: false, reason: 'mismatch', content, message: `the content is ${info.label}, but the file name ends in .${ext}; name it .${info.extensions[0]}` };
    }
  }
  const info = ASSET_FILE_KIND_INFO[kind];
  if (!allowed.includes(kind)) {
    return { ok: false, reason: 'not_allowed', content, message: `the content is ${info.label}; a ${assetType} asset takes ${allowedText}` };
  }
  return { ok: true, kind, contentType: info.contentType, fileName: ext === null ? `${name}.${info.extensions[0]}` : name };
}
