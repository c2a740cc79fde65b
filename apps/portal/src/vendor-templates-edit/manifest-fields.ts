

export const FIELD_TYPES = ['text', 'multiline', 'url', 'image', 'choice', 'colour', 'date'] as const;

export const PROFILE_FIELDS = ['logo', 'name', 'phone', 'address', 'website', 'disclaimer', 'colour'] as const;

export const SOURCES = ['locked', 'partner', 'editable'] as const;

export type Source = (typeof SOURCES)[number];

/** A manifest field as edited: known keys are typed by the table; unknown ones are kept as they are. */
export type FieldRow = Record<string, unknown> & { key?: string; source?: Source };

/** Keys that belong to each source; switching source drops the others. */
export const KEYS_OF: Record<Source, string[]> = {
  locked: ['key', 'label', 'source', 'type', 'value'],
  partner: ['key', 'label', 'source', 'profile', 'fallback'],
  editable: ['key', 'label', 'source', 'type', 'help', 'required', 'mustChange', 'default', 'maxLength', 'pattern', 'patternMessage', 'options', 'allowedDomains'],
};

export function fieldsOf(manifest: unknown): FieldRow[] {
  const fields = (manifest as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) ? fields.map((f) => (typeof f === 'object' && f !== null ? { ...(f as FieldRow) } : {})) : [];
}

/** Drops empty optional values so the manifest stays as small as the author meant it. */
export function cleanField(field: FieldRow): FieldRow {
  const out: FieldRow = {};
  for (const [k, v] of Object.entries(field)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || v === false) continue;
    out[k] = v;
  }
  return out;
}

export function listText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : '';
}

export function textList(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** The character offsets where line `n` (1-based) of `text` starts and ends. */
export function lineRange(text: string, n: number): [number, number] {
  let start = 0;
  for (let line = 1; line < n; line++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return [text.length, text.length];
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end === -1 ? text.length : end];
}

/** The index of the manifest field a problem path names (`manifest.fields[3].maxLength` → 3). */
export function fieldIndexOf(path: string | undefined): number | undefined {
  const match = /^(?:manifest\.)?fields\[(\d+)\]/.exec(path ?? '');
  return match ? Number(match[1]) : undefined;
}
