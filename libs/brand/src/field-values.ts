import { ApiProperty } from '@nestjs/swagger';
import { ASSET_REF_PREFIX, assetRefId } from '@app/assets';
import { EditableField, FieldType, fieldType, Manifest, ManifestField, ProfileField } from './manifest';

export class FieldRuleProblem {
  @ApiProperty({ example: 'headline' }) field!: string;
  @ApiProperty({ description: 'a stable rule name: undeclared, locked, partner, type, maxLength, pattern, choice, palette, domain, required, mustChange' }) rule!: string;
  @ApiProperty({ description: 'names the field' }) message!: string;
}

/** What the partner profile offers to `partner` fields. */
export type PartnerProfileValues = Partial<Record<ProfileField, string | null>>;

// Bidirectional overrides and other invisible controls can disguise text (an "RTL override" attack).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_VALUE_LENGTH = 5_000;

/** Removes invisible direction controls; partner text is shown as typed, never re-ordered. */
export function stripBidi(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function hostAllowed(host: string, allowed: string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((domain) => h === domain.toLowerCase() || h.endsWith(`.${domain.toLowerCase()}`));
}

/** A field whose value (a locked value or a default) refers to a library asset. */
export interface AssetField {
  key: string;
  type: 'url' | 'image';
  assetId: string;
}

/**
 * The vendor's URL and image fields whose value is a library asset (`asset:<uuid>`). Only locked
 * values and defaults can be references (a partner's edit never is), so `values` as resolved for a
 * partner still carries them where the partner kept the default.
 */
export function assetFields(manifest: Manifest, values: Record<string, string>): AssetField[] {
  const found: AssetField[] = [];
  for (const field of manifest.fields) {
    if (field.source === 'partner') continue;
    const type: FieldType = field.type;
    if (type !== 'url' && type !== 'image') continue;
    const assetId = assetRefId(values[field.key]);
    if (assetId) found.push({ key: field.key, type, assetId });
  }
  return found;
}

/**
 * Problems of one value against its field's type and constraints (empty = fine). With
 * `assetRefs`, a URL or image field may hold a library asset reference instead of a URL (the
 * vendor's locked values and defaults; whether the asset is usable is checked at publish).
 */
export function checkValue(field: ManifestField, value: string, palette: string[], options: { assetRefs?: boolean } = {}): FieldRuleProblem[] {
  const problems: FieldRuleProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ field: field.key, rule, message: `${field.key}: ${message}` });
  const type = fieldType(field);
  const constraints: Partial<EditableField> = field.source === 'editable' ? field : {};
  if (value.length > MAX_VALUE_LENGTH) add('maxLength', `must be at most ${MAX_VALUE_LENGTH} characters`);
  if (CONTROL_CHARS.test(value)) add('type', 'must not contain control characters');
  if (constraints.maxLength !== undefined && [...value].length > constraints.maxLength) {
    add('maxLength', `must be at most ${constraints.maxLength} characters (is ${[...value].length})`);
  }
  switch (type) {
    case 'text':
      if (/[\r\n]/.test(value)) add('type', 'must be a single line');
      break;
    case 'multiline':
      break;
    case 'url':
    case 'image': {
      if (options.assetRefs && value.trim().toLowerCase().startsWith(ASSET_REF_PREFIX)) {
        if (!assetRefId(value)) add('type', 'must refer to a library asset as asset:<uuid>');
        break;
      }
      let url: URL | null = null;
      try {
        url = new URL(value);
      } catch {
        add('type', `must be a full http(s) URL`);
      }
      if (url && url.protocol !== 'http:' && url.protocol !== 'https:') add('type', `must be an http(s) URL (not ${url.protocol})`);
      else if (url && (url.username || url.password)) add('type', 'must not contain credentials');
      else if (url && constraints.allowedDomains?.length && !hostAllowed(url.hostname, constraints.allowedDomains)) {
        add('domain', `must point to ${constraints.allowedDomains.join(' or ')}`);
      }
      break;
    }
    case 'choice':
      if (!(constraints.options ?? []).includes(value)) add('choice', `must be one of: ${(constraints.options ?? []).join(', ')}`);
      break;
    case 'colour':
      if (!HEX_COLOUR.test(value)) add('type', 'must be a colour like #0B5FFF');
      else if (field.source === 'editable' && !palette.map((c) => c.toUpperCase()).includes(value.toUpperCase())) {
        add('palette', `must be one of the brand palette colours: ${palette.join(', ')}`);
      }
      break;
    case 'date':
      if (!isValidDate(value)) add('type', 'must be a date like 2026-12-01');
      break;
  }
  if (constraints.pattern && (type === 'text' || type === 'multiline') && value !== '') {
    if (!new RegExp(`^(?:${constraints.pattern})$`, 'u').test(value)) add('pattern', constraints.patternMessage ?? `must match ${constraints.pattern}`);
  }
  return problems;
}

/**
 * The edits that can be values: the string ones. Anything else is refused by `checkEdits` (and so
 * never launched), but previews and launch checks render with the string edits alone.
 */
export function stringEdits(edits: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(edits).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Checks a partner's edits: only declared editable fields, each within its constraints. Missing
 * required and unchanged mustChange values are not errors here: they block a launch, not a preview
 * (see `launchBlockers`).
 */
export function checkEdits(manifest: Manifest, edits: Record<string, unknown>, palette: string[]): FieldRuleProblem[] {
  const byKey = new Map(manifest.fields.map((f) => [f.key, f]));
  const problems: FieldRuleProblem[] = [];
  for (const [key, raw] of Object.entries(edits)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push({ field: key, rule: 'undeclared', message: `${key}: this template has no such field` });
      continue;
    }
    if (field.source === 'locked') {
      problems.push({ field: key, rule: 'locked', message: `${key}: is locked by the vendor and cannot be changed` });
      continue;
    }
    if (field.source === 'partner') {
      problems.push({ field: key, rule: 'partner', message: `${key}: comes from your partner profile; change it there` });
      continue;
    }
    if (typeof raw !== 'string') {
      problems.push({ field: key, rule: 'type', message: `${key}: must be a string` });
      continue;
    }
    if (raw === '') continue; // cleared: falls back to the default, and `required` is checked at launch
    problems.push(...checkValue(field, stripBidi(raw), palette));
  }
  return problems;
}

/** What stops a launch: required fields left empty, placeholders (mustChange) left as they were. */
export function launchBlockers(manifest: Manifest, edits: Record<string, string>): FieldRuleProblem[] {
  const problems: FieldRuleProblem[] = [];
  for (const field of manifest.fields) {
    if (field.source !== 'editable') continue;
    // As rendered: direction controls are stripped, so a placeholder cannot pass for changed text.
    const value = stripBidi(edits[field.key] ?? '').trim();
    const effective = value === '' ? (field.default ?? '') : value;
    if (field.required && effective.trim() === '') {
      problems.push({ field: field.key, rule: 'required', message: `${field.key}: is required` });
    } else if (field.mustChange && (value === '' || value === field.default)) {
      problems.push({ field: field.key, rule: 'mustChange', message: `${field.key}: replace the placeholder with your own text before launch` });
    }
  }
  return problems;
}

/**
 * The value of every field for one partner: locked values, the partner's profile, the partner's
 * edits over the defaults. Edits must have passed `checkEdits`.
 */
export function resolveFieldValues(manifest: Manifest, profile: PartnerProfileValues, edits: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of manifest.fields) {
    switch (field.source) {
      case 'locked':
        values[field.key] = field.value;
        break;
      case 'partner':
        values[field.key] = stripBidi(profile[field.profile] ?? field.fallback ?? '');
        break;
      case 'editable': {
        const edit = stripBidi(edits[field.key] ?? '');
        // Blanks count as cleared, as in launchBlockers: a required field must not launch empty on a default it never shows.
        values[field.key] = edit.trim() !== '' ? edit : (field.default ?? '');
        break;
      }
    }
  }
  return values;
}
