import { ASSET_REF_PREFIX, assetRefId } from '@app/assets';
import { checkValue } from './field-values';
import {
  BannerSpec,
  FIELD_KEY,
  FIELD_TYPES,
  fieldType,
  Manifest,
  ManifestField,
  PROFILE_FIELDS,
  SOCIAL_NETWORKS,
  SocialSpec,
} from './manifest';
import type { TemplateKind } from './template-compiler';

export interface ManifestProblem {
  path: string;
  message: string;
}

const ALLOWED_KEYS = {
  locked: ['key', 'label', 'source', 'type', 'value'],
  partner: ['key', 'label', 'source', 'profile', 'fallback'],
  editable: ['key', 'label', 'source', 'type', 'help', 'required', 'mustChange', 'default', 'maxLength', 'pattern', 'patternMessage', 'options', 'allowedDomains'],
};

/** Names Handlebars or the platform already gives a meaning. */
const RESERVED_KEYS = new Set(['if', 'unless', 'else', 'each', 'with', 'lookup', 'log', 'paragraphs', 'formatDate', 'helperMissing', 'blockHelperMissing', 'brand', 'recipient', 'links', 'constructor', 'prototype']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;
const BRAND_COLOUR = /^brand\.(primary|secondary|accent|text|background)$/;

/**
 * Checks a manifest a vendor sends (untrusted shape): field keys, sources, types and constraints,
 * and that every default and locked value satisfies its own field's rules.
 */
export function validateManifest(input: unknown, palette: string[]): { manifest: Manifest; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const fields: ManifestField[] = [];
  if (!isObject(input) || !Array.isArray(input.fields)) {
    return { manifest: { fields }, problems: [{ path: 'manifest.fields', message: 'must be a list of fields' }] };
  }
  if (input.fields.length > 100) problems.push({ path: 'manifest.fields', message: 'at most 100 fields' });
  const seen = new Set<string>();
  input.fields.slice(0, 100).forEach((raw: unknown, i: number) => {
    const at = `manifest.fields[${i}]`;
    const add = (suffix: string, message: string) => problems.push({ path: `${at}${suffix}`, message });
    if (!isObject(raw)) return add('', 'must be an object');
    const key = raw.key;
    if (typeof key !== 'string' || !FIELD_KEY.test(key)) return add('.key', 'must start with a lower-case letter and use letters, digits or _ (at most 40)');
    if (seen.has(key)) return add('.key', `"${key}" is declared twice`);
    if (RESERVED_KEYS.has(key)) return add('.key', `"${key}" is reserved (a helper or built-in name); choose another key`);
    seen.add(key);
    const allowed = ALLOWED_KEYS[raw.source as keyof typeof ALLOWED_KEYS];
    const unknown = allowed ? Object.keys(raw).filter((k) => !allowed.includes(k)) : [];
    // A typo such as "maxlenght" would otherwise silently drop the limit.
    if (unknown.length > 0) return add(`.${unknown[0]}`, `is not a setting of ${String(raw.source)} fields (allowed: ${allowed.join(', ')})`);
    const label = typeof raw.label === 'string' ? raw.label.slice(0, 100) : undefined;
    switch (raw.source) {
      case 'locked': {
        if (!(FIELD_TYPES as readonly unknown[]).includes(raw.type)) return add('.type', `must be one of ${FIELD_TYPES.join(', ')}`);
        if (typeof raw.value !== 'string') return add('.value', 'a locked field needs its value');
        const field: ManifestField = { key, source: 'locked', type: raw.type as (typeof FIELD_TYPES)[number], value: raw.value, ...(label ? { label } : {}) };
        for (const p of checkValue(field, raw.value, palette, { assetRefs: true })) add('.value', p.message);
        fields.push(field);
        return;
      }
      case 'partner': {
        if (!(PROFILE_FIELDS as readonly unknown[]).includes(raw.profile)) return add('.profile', `must be one of ${PROFILE_FIELDS.join(', ')}`);
        if (raw.fallback !== undefined && typeof raw.fallback !== 'string') return add('.fallback', 'must be a string');
        fields.push({ key, source: 'partner', profile: raw.profile as (typeof PROFILE_FIELDS)[number], ...(raw.fallback !== undefined ? { fallback: raw.fallback } : {}), ...(label ? { label } : {}) });
        return;
      }
      case 'editable': {
        if (!(FIELD_TYPES as readonly unknown[]).includes(raw.type)) return add('.type', `must be one of ${FIELD_TYPES.join(', ')}`);
        const field: ManifestField = { key, source: 'editable', type: raw.type as (typeof FIELD_TYPES)[number], ...(label ? { label } : {}) };
        if (typeof raw.help === 'string') field.help = raw.help.slice(0, 300);
        for (const flag of ['required', 'mustChange'] as const) {
          if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') add(`.${flag}`, 'must be true or false');
          else if (raw[flag] === true) field[flag] = true;
        }
        if (raw.maxLength !== undefined) {
          if (!Number.isInteger(raw.maxLength) || (raw.maxLength as number) < 1 || (raw.maxLength as number) > 5000) add('.maxLength', 'must be a whole number from 1 to 5000');
          else field.maxLength = raw.maxLength as number;
        }
        if (raw.pattern !== undefined) {
          try {
            if (typeof raw.pattern !== 'string' || raw.pattern.length > 200) throw new Error('too long');
            new RegExp(raw.pattern, 'u');
            field.pattern = raw.pattern;
            if (typeof raw.patternMessage === 'string') field.patternMessage = raw.patternMessage.slice(0, 200);
          } catch {
            add('.pattern', 'must be a valid regular expression of at most 200 characters');
          }
        }
        if (field.type === 'choice') {
          if (!Array.isArray(raw.options) || raw.options.length === 0 || !raw.options.every((o) => typeof o === 'string')) add('.options', 'a choice field needs a list of options');
          else field.options = raw.options;
        }
        if (raw.allowedDomains !== undefined) {
          if (!Array.isArray(raw.allowedDomains) || !raw.allowedDomains.every((d) => typeof d === 'string' && /^[a-z0-9.-]+$/i.test(d))) add('.allowedDomains', 'must be a list of host names');
          else field.allowedDomains = raw.allowedDomains as string[];
        }
        if (raw.default !== undefined) {
          if (typeof raw.default !== 'string') add('.default', 'must be a string');
          else {
            field.default = raw.default;
            // A placeholder that must be replaced is allowed to break the rules it will be held to.
            if (!field.mustChange) for (const p of checkValue(field, raw.default, palette, { assetRefs: true })) add('.default', p.message);
          }
        }
        if (field.mustChange && field.default === undefined) add('.default', 'a mustChange field needs the placeholder as its default');
        fields.push(field);
        return;
      }
      default:
        add('.source', 'must be locked, partner or editable');
    }
  });
  return { manifest: { fields }, problems };
}

/** Checks a banner spec against the manifest: zones inside the canvas, on fields of the right type. */
export function validateBanner(input: unknown, manifest: Manifest): { banner: BannerSpec | null; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  if (!isObject(input)) return { banner: null, problems: [{ path: 'banner', message: 'a banner needs its spec (width, height, background, zones)' }] };
  const int = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  if (!int(input.width, 16, 4096)) problems.push({ path: 'banner.width', message: 'must be 16 to 4096 pixels' });
  if (!int(input.height, 16, 4096)) problems.push({ path: 'banner.height', message: 'must be 16 to 4096 pixels' });
  if (!['jpeg', 'png', 'webp'].includes(input.format as string)) problems.push({ path: 'banner.format', message: 'must be jpeg, png or webp' });
  // The uploaded base image's name, or a library image (`asset:<uuid>`) that follows its successors.
  if (input.background !== undefined && (typeof input.background !== 'string' || (input.background.startsWith(ASSET_REF_PREFIX) && !assetRefId(input.background)))) {
    problems.push({ path: 'banner.background', message: 'must be a file name or a library image as asset:<uuid>' });
  }
  if (!Array.isArray(input.zones) || input.zones.length === 0 || input.zones.length > 20) {
    problems.push({ path: 'banner.zones', message: 'must list 1 to 20 zones' });
    return { banner: null, problems };
  }
  const byKey = new Map(manifest.fields.map((f) => [f.key, f]));
  const width = input.width as number;
  const height = input.height as number;
  input.zones.forEach((zone: unknown, i: number) => {
    const at = `banner.zones[${i}]`;
    if (!isObject(zone)) return problems.push({ path: at, message: 'must be an object' });
    for (const k of ['x', 'y', 'width', 'height'] as const) if (!int(zone[k], 0, 4096)) problems.push({ path: `${at}.${k}`, message: 'must be a whole number of pixels' });
    if ((zone.x as number) + (zone.width as number) > width || (zone.y as number) + (zone.height as number) > height) {
      problems.push({ path: at, message: 'must lie inside the banner' });
    }
    const field = byKey.get(zone.field as string);
    if (!field) return problems.push({ path: `${at}.field`, message: `"${String(zone.field)}" is not declared in the manifest` });
    if (zone.type === 'logo') {
      // Banners draw stored images only; fetching URLs at render time would be slow and unsafe.
      if (field.source !== 'partner' || field.profile !== 'logo') problems.push({ path: `${at}.field`, message: 'a logo zone needs a partner logo field (source partner, profile logo)' });
      if (zone.plate !== undefined && !HEX_COLOUR.test(zone.plate as string) && !BRAND_COLOUR.test(zone.plate as string)) {
        problems.push({ path: `${at}.plate`, message: 'must be #RRGGBB or a brand colour' });
      }
    } else if (zone.type === 'text') {
      if (!['text', 'multiline', 'choice', 'date'].includes(fieldType(field))) problems.push({ path: `${at}.field`, message: 'a text zone needs a text field' });
      if (!int(zone.fontSize, 6, 400)) problems.push({ path: `${at}.fontSize`, message: 'must be 6 to 400 pixels' });
      if (zone.minFontSize !== undefined && (!int(zone.minFontSize, 6, 400) || (zone.minFontSize as number) > (zone.fontSize as number))) {
        problems.push({ path: `${at}.minFontSize`, message: 'must be 6 pixels or more and at most fontSize' });
      }
      if (!['heading', 'body'].includes(zone.font as string)) problems.push({ path: `${at}.font`, message: 'must be heading or body' });
      if (!HEX_COLOUR.test(zone.colour as string) && !BRAND_COLOUR.test(zone.colour as string)) problems.push({ path: `${at}.colour`, message: 'must be #RRGGBB or a brand colour' });
      if (zone.align !== undefined && !['left', 'centre', 'right'].includes(zone.align as string)) problems.push({ path: `${at}.align`, message: 'must be left, centre or right' });
    } else {
      problems.push({ path: `${at}.type`, message: 'must be logo or text' });
    }
  });
  const used = new Set(input.zones.filter(isObject).map((z) => z.field));
  for (const field of manifest.fields) if (!used.has(field.key)) problems.push({ path: 'manifest.fields', message: `field "${field.key}" is declared but no zone uses it` });
  return { banner: problems.length === 0 ? (input as unknown as BannerSpec) : null, problems };
}

export function validateSocial(input: unknown): { social: SocialSpec | null; problems: ManifestProblem[] } {
  if (!isObject(input) || !Array.isArray(input.networks) || input.networks.length === 0) {
    return { social: null, problems: [{ path: 'social.networks', message: `list one or more of ${Object.keys(SOCIAL_NETWORKS).join(', ')}` }] };
  }
  // Own keys only: `in` would take toString or constructor for a network.
  const bad = input.networks.filter((n) => !(typeof n === 'string' && Object.hasOwn(SOCIAL_NETWORKS, n)));
  if (bad.length > 0) return { social: null, problems: [{ path: 'social.networks', message: `unknown network(s): ${bad.join(', ')}` }] };
  if (input.bannerTemplate !== undefined && typeof input.bannerTemplate !== 'string') {
    return { social: null, problems: [{ path: 'social.bannerTemplate', message: 'must be a banner template key' }] };
  }
  return { social: input as unknown as SocialSpec, problems: [] };
}

export type { TemplateKind };
