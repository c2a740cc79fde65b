import { ValidationFailedError } from '@app/core';
import { generateLinkCode } from './link-code';
import { checkRedirectUrl, mergeUtm } from './utm';

const UTM = { utm_source: 'acme-it', utm_medium: 'email' as const, utm_campaign: 'spring', utm_content: 'hero' };

describe('mergeUtm', () => {
  it('adds UTM parameters to a destination without a query', () => {
    expect(mergeUtm('https://vendor.example/offer', UTM, false)).toBe(
      'https://vendor.example/offer?utm_source=acme-it&utm_medium=email&utm_campaign=spring&utm_content=hero',
    );
  });

  it('keeps the existing query and does not clobber existing UTM values', () => {
    const url = new URL(mergeUtm('https://vendor.example/offer?utm_source=newsletter&id=7#form', UTM, false));
    expect(url.searchParams.get('utm_source')).toBe('newsletter');
    expect(url.searchParams.get('utm_medium')).toBe('email');
    expect(url.searchParams.get('id')).toBe('7');
    expect(url.hash).toBe('#form');
  });

  it('overrides existing UTM values when asked', () => {
    const url = new URL(mergeUtm('https://vendor.example/offer?utm_source=newsletter', UTM, true));
    expect(url.searchParams.getAll('utm_source')).toEqual(['acme-it']);
  });

  it('encodes values instead of letting them break the query', () => {
    const url = new URL(mergeUtm('https://vendor.example/', { ...UTM, utm_content: 'a&b=c' }, false));
    expect(url.searchParams.get('utm_content')).toBe('a&b=c');
    expect(url.searchParams.has('b')).toBe(false);
  });
});

describe('checkRedirectUrl', () => {
  it('accepts absolute http(s) URLs', () => {
    expect(checkRedirectUrl('destinationUrl', 'https://vendor.example/x?y=1').host).toBe('vendor.example');
    expect(checkRedirectUrl('destinationUrl', 'http://vendor.example').protocol).toBe('http:');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', '//evil.example', '/path', 'ftp://vendor.example', 'https://u:p@vendor.example', 'not a url', `https://vendor.example/${'a'.repeat(3000)}`])(
    'refuses %s with a 422 naming the field',
    (value) => {
      let error: unknown;
      try {
        checkRedirectUrl('destinationUrl', value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).statusCode).toBe(422);
      expect((error as ValidationFailedError).fields[0]!.field).toBe('destinationUrl');
    },
  );
});

describe('generateLinkCode', () => {
  it('draws distinct base62 codes of at least 8 characters', () => {
    const codes = new Set(Array.from({ length: 2_000 }, () => generateLinkCode()));
    expect(codes.size).toBe(2_000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Za-z]{8,}$/);
  });
});
