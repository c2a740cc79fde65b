import { ValidationFailedError } from '@app/core';

export const LINK_MEDIA = ['email', 'social', 'banner', 'landing'] as const;
export type LinkMedium = (typeof LINK_MEDIA)[number];

export interface UtmValues {
  utm_source: string;
  utm_medium: LinkMedium;
  utm_campaign: string;
  utm_content: string;
}

const MAX_URL_LENGTH = 2048;

/**
 * Parses a destination or fallback URL a link may send people to: absolute http(s) only, no
 * credentials, bounded length. Anything else is refused with a 422 naming the field.
 */
export function checkRedirectUrl(field: string, value: string): URL {
  let url: URL;
  try {
    if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) throw new Error('too long');
    url = new URL(value);
  } catch {
    throw ValidationFailedError.field(field, `must be an absolute http(s) URL of at most ${MAX_URL_LENGTH} characters`, 422);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ValidationFailedError.field(field, 'must use http or https', 422);
  if (url.username !== '' || url.password !== '') throw ValidationFailedError.field(field, 'must not carry credentials', 422);
  if (url.hostname === '') throw ValidationFailedError.field(field, 'must name a host', 422);
  return url;
}

/**
 * The destination with UTM parameters merged into its query. Parameters the destination already
 * has are kept unless `override` says the link's values win.
 */
export function mergeUtm(destination: string, utm: UtmValues, override: boolean): string {
  const url = new URL(destination);
  for (const [key, value] of Object.entries(utm) as [string, string][]) {
    if (value === '') continue;
    if (override || !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** A URL as links store it (`new URL(…).toString()`), so two spellings of one address compare equal. */
export function canonicalUrl(value: string): string {
  try {
    return new URL(value).toString();
  } catch {
    return value;
  }
}
