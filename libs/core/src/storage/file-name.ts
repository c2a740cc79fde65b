/** File names as they arrive with uploads, made safe to store and to offer for download. */

/** The lower-case extension of a file name, or null when it has none. */
export function extensionOf(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * A file name that is safe as the last part of a storage key and in a Content-Disposition header:
 * no directories, only letters, digits, `.`, `-` and `_`, at most 120 characters with the extension kept.
 */
export function sanitiseFileName(declared: string): string {
  const base = declared.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
  if (cleaned.length === 0) return 'file';
  if (cleaned.length <= 120) return cleaned;
  const ext = extensionOf(cleaned);
  return ext ? `${cleaned.slice(0, 119 - ext.length)}.${ext}` : cleaned.slice(0, 120);
}
