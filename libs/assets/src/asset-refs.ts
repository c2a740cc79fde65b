/**
 * Content refers to a library asset as `asset:<uuid>`: the value of a template's locked image or URL
 * field, a banner's background, a kit destination. The reference names the asset, never a version, so
 * it always resolves to the asset's current version, or to its successor once it has expired.
 */
export const ASSET_REF_PREFIX = 'asset:';
const REF = /asset:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const WHOLE_REF = /^asset:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function assetRef(assetId: string): string {
  return `${ASSET_REF_PREFIX}${assetId}`;
}

/** The asset id when the whole value is a reference (`asset:<uuid>`), else null. */
export function assetRefId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = WHOLE_REF.exec(value.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** Every asset referred to anywhere in a value (strings, arrays and objects, searched deeply), each once. */
export function assetRefs(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 20) return;
    if (typeof v === 'string') {
      for (const m of v.matchAll(REF)) found.add(m[1]!.toLowerCase());
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const item of Object.values(v)) visit(item, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}
