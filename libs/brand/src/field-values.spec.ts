import { assetFields, checkEdits, checkValue, launchBlockers, resolveFieldValues, stringEdits, stripBidi } from './field-values';
import { EditableField, FieldType, LockedField, Manifest, PartnerField } from './manifest';

const PALETTE = ['#0B5FFF', '#00C2A8', '#FFB020', '#1B1F24', '#FFFFFF'];
/** Every invisible direction control the engine strips. */
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

const editable = (type: FieldType, extra: Partial<EditableField> = {}): EditableField => ({ key: 'value', source: 'editable', type, ...extra });
const locked = (type: FieldType, value: string): LockedField => ({ key: 'value', source: 'locked', type, value });

/** The rules broken by `value` in `field` (empty: accepted). */
function rules(field: EditableField | LockedField | PartnerField, value: string): string[] {
  return checkValue(field, value, PALETTE).map((p) => p.rule);
}

describe('stripBidi', () => {
  it('removes every direction override, embedding, isolate and mark', () => {
    expect(stripBidi(`a${BIDI.join('b')}c`)).toBe(`a${'b'.repeat(BIDI.length - 1)}c`);
  });

  it('keeps other invisible characters that text needs (joiners in emoji, soft hyphens)', () => {
    expect(stripBidi('👩\u200D💻 co\u00ADoperate')).toBe('👩\u200D💻 co\u00ADoperate');
  });
});

describe('checkValue', () => {
  it('names the field and the rule in every problem', () => {
    expect(checkValue({ ...editable('text'), key: 'headline' }, 'a\nb', PALETTE)).toEqual([{ field: 'headline', rule: 'type', message: 'headline: must be a single line' }]);
  });

  describe('text and multiline', () => {
    it('takes a single line in text and several in multiline', () => {
      expect(rules(editable('text'), 'One line, with a\ttab')).toEqual([]);
      expect(rules(editable('text'), 'two\nlines')).toEqual(['type']);
      expect(rules(editable('text'), 'carriage\rreturn')).toEqual(['type']);
      expect(rules(editable('multiline'), 'two\nlines\r\nand more')).toEqual([]);
    });

    it.each(['\u0000', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F'])('refuses the control character U+%s', (c) => {
      expect(rules(editable('multiline'), `bell${c}here`)).toEqual(['type']);
      expect(rules(editable('text'), `bell${c}here`)).toEqual(['type']);
    });

    it('refuses more than 5000 characters in any field, whatever its own limit', () => {
      expect(rules(editable('multiline'), 'x'.repeat(5000))).toEqual([]);
      expect(rules(editable('multiline'), 'x'.repeat(5001))).toEqual(['maxLength']);
      expect(rules(locked('multiline', ''), 'x'.repeat(5001))).toEqual(['maxLength']);
    });

    it('counts maxLength in characters, not UTF-16 units', () => {
      const field = editable('text', { maxLength: 3 });
      expect(rules(field, '😀😀😀')).toEqual([]);
      expect(checkValue(field, '😀😀😀😀', PALETTE)).toEqual([{ field: 'value', rule: 'maxLength', message: 'value: must be at most 3 characters (is 4)' }]);
    });

    it('matches the whole value against the pattern, with Unicode classes, and says the vendor message', () => {
      const field = editable('text', { pattern: '\\p{Lu}{3}', patternMessage: 'three capitals' });
      expect(rules(field, 'ÄBC')).toEqual([]);
      expect(checkValue(field, 'ABCD', PALETTE)).toEqual([{ field: 'value', rule: 'pattern', message: 'value: three capitals' }]);
      expect(rules(field, 'xABC')).toEqual(['pattern']);
      expect(rules(field, 'A|BC')).toEqual(['pattern']);
    });

    it('quotes the pattern when there is no message, and skips it for an empty value', () => {
      const field = editable('multiline', { pattern: '[a-z]+' });
      expect(checkValue(field, 'ABC', PALETTE)[0]!.message).toBe('value: must match [a-z]+');
      expect(rules(field, '')).toEqual([]);
    });

    it('applies a pattern to text fields only', () => {
      expect(rules(editable('url', { pattern: 'nothing' }), 'https://acme.example/')).toEqual([]);
    });
  });

  describe('url and image', () => {
    it.each(['url', 'image'] as const)('takes a full http(s) %s', (type) => {
      expect(rules(editable(type), 'https://acme.example/path?q=1#top')).toEqual([]);
      expect(rules(editable(type), 'http://acme.example')).toEqual([]);
      expect(rules(editable(type), 'HTTPS://ACME.EXAMPLE/')).toEqual([]);
    });

    it.each(['url', 'image'] as const)('refuses a %s that is relative, not http(s), or carries credentials', (type) => {
      expect(rules(editable(type), '/relative/path')).toEqual(['type']);
      expect(rules(editable(type), 'acme.example')).toEqual(['type']);
      expect(checkValue(editable(type), 'javascript:alert(1)', PALETTE)[0]!.message).toBe('value: must be an http(s) URL (not javascript:)');
      expect(rules(editable(type), 'data:text/html,<script>alert(1)</script>')).toEqual(['type']);
      expect(rules(editable(type), 'ftp://acme.example/file')).toEqual(['type']);
      expect(checkValue(editable(type), 'https://user:secret@acme.example/', PALETTE)[0]!.message).toBe('value: must not contain credentials');
      expect(rules(editable(type), 'https://user@acme.example/')).toEqual(['type']);
    });

    it('takes the allowed domain and its subdomains, in any case, on any port', () => {
      const field = editable('url', { allowedDomains: ['acme-cloud.example'] });
      for (const url of ['https://acme-cloud.example', 'https://www.acme-cloud.example/backup-5', 'https://eu.shop.acme-cloud.example/', 'https://WWW.Acme-Cloud.EXAMPLE/x', 'https://acme-cloud.example:8443/']) {
        expect(rules(field, url)).toEqual([]);
      }
    });

    it('refuses hosts that only look like the allowed domain', () => {
      const field = editable('url', { allowedDomains: ['acme-cloud.example'] });
      for (const url of [
        'https://evil-acme-cloud.example/',
        'https://notacme-cloud.example/',
        'https://acme-cloud.example.evil.example/',
        'https://acme-cloud.examples/',
        'https://evil.example/acme-cloud.example',
        'https://evil.example/?next=https://acme-cloud.example',
        'https://evil.example#.acme-cloud.example',
        'https://evil.example\\.acme-cloud.example',
      ]) {
        expect(checkValue(field, url, PALETTE)).toEqual([{ field: 'value', rule: 'domain', message: 'value: must point to acme-cloud.example' }]);
      }
    });

    it('refuses credentials before it looks at the domain', () => {
      const field = editable('url', { allowedDomains: ['acme-cloud.example'] });
      expect(rules(field, 'https://acme-cloud.example@evil.example/')).toEqual(['type']);
    });

    it('lists every allowed domain, and applies them to images too', () => {
      const field = editable('image', { allowedDomains: ['acme-cloud.example', 'cdn.example'] });
      expect(rules(field, 'https://img.cdn.example/a.png')).toEqual([]);
      expect(checkValue(field, 'https://evil.example/a.png', PALETTE)[0]!.message).toBe('value: must point to acme-cloud.example or cdn.example');
    });

    it('takes a library asset reference in place of a URL only where the vendor sets it', () => {
      const field = editable('image', { allowedDomains: ['acme-cloud.example'] });
      expect(checkValue(field, 'asset:0b5f0000-1111-4222-8333-444455556666', PALETTE, { assetRefs: true })).toEqual([]);
      expect(checkValue(locked('url', 'asset:0b5f0000-1111-4222-8333-444455556666'), 'asset:0b5f0000-1111-4222-8333-444455556666', PALETTE, { assetRefs: true })).toEqual([]);
      expect(rules(field, 'asset:0b5f0000-1111-4222-8333-444455556666')).toEqual(['type']);
      expect(checkValue(field, 'asset:not-a-uuid', PALETTE, { assetRefs: true }).map((p) => p.rule)).toEqual(['type']);
    });
  });

  describe('choice', () => {
    it('takes exactly one of the options', () => {
      const field = editable('choice', { options: ['Book a demo', 'Talk to us'] });
      expect(rules(field, 'Talk to us')).toEqual([]);
      expect(checkValue(field, 'talk to us', PALETTE)).toEqual([{ field: 'value', rule: 'choice', message: 'value: must be one of: Book a demo, Talk to us' }]);
      expect(rules(field, '')).toEqual(['choice']);
    });
  });

  describe('colour', () => {
    it('takes an editable colour from the brand palette, in any case', () => {
      expect(rules(editable('colour'), '#0B5FFF')).toEqual([]);
      expect(rules(editable('colour'), '#0b5fff')).toEqual([]);
      expect(checkValue(editable('colour'), '#123456', PALETTE)).toEqual([
        { field: 'value', rule: 'palette', message: `value: must be one of the brand palette colours: ${PALETTE.join(', ')}` },
      ]);
    });

    it('takes any #RRGGBB colour the vendor locks, or a partner profile gives', () => {
      expect(rules(locked('colour', '#123456'), '#123456')).toEqual([]);
      expect(rules({ key: 'value', source: 'partner', profile: 'colour' }, '#123456')).toEqual([]);
    });

    it.each(['0B5FFF', '#0B5FF', '#0B5FFFF', '#0B5FFG', 'red', 'rgb(0,0,0)', '#0B5FFF;background:url(x)'])('refuses %s', (value) => {
      expect(rules(editable('colour'), value)).toEqual(['type']);
      expect(rules(locked('colour', value), value)).toEqual(['type']);
    });
  });

  describe('date', () => {
    it.each(['2026-12-01', '2026-01-31', '2024-02-29', '2000-02-29'])('takes %s', (value) => {
      expect(rules(editable('date'), value)).toEqual([]);
    });

    it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '1 December 2026', ''])(
      'refuses %s',
      (value) => {
        expect(checkValue(editable('date'), value, PALETTE)).toEqual([{ field: 'value', rule: 'type', message: 'value: must be a date like 2026-12-01' }]);
      },
    );
  });
});

describe('checkEdits', () => {
  const manifest: Manifest = {
    fields: [
      { key: 'headline', source: 'editable', type: 'text', maxLength: 5 },
      { key: 'ctaUrl', source: 'editable', type: 'url', allowedDomains: ['acme-cloud.example'] },
      { key: 'tagline', source: 'locked', type: 'text', value: 'Locked' },
      { key: 'partnerName', source: 'partner', profile: 'name' },
    ],
  };

  it('accepts edits of editable fields within their rules', () => {
    expect(checkEdits(manifest, { headline: 'Hello', ctaUrl: 'https://www.acme-cloud.example/' }, PALETTE)).toEqual([]);
  });

  it('refuses fields the template does not declare, locked fields and profile fields, each with its rule', () => {
    expect(checkEdits(manifest, { nope: 'x', tagline: 'Mine', partnerName: 'Other' }, PALETTE)).toEqual([
      { field: 'nope', rule: 'undeclared', message: 'nope: this template has no such field' },
      { field: 'tagline', rule: 'locked', message: 'tagline: is locked by the vendor and cannot be changed' },
      { field: 'partnerName', rule: 'partner', message: 'partnerName: comes from your partner profile; change it there' },
    ]);
  });

  it.each([42, null, true, ['Hello'], { text: 'Hello' }])('refuses a value that is not a string (%p)', (value) => {
    expect(checkEdits(manifest, { headline: value }, PALETTE)).toEqual([{ field: 'headline', rule: 'type', message: 'headline: must be a string' }]);
  });

  it('lets an edit be cleared: an empty string is not checked', () => {
    expect(checkEdits(manifest, { headline: '', ctaUrl: '' }, PALETTE)).toEqual([]);
  });

  it('checks the value with direction controls removed, as it will be shown', () => {
    expect(checkEdits(manifest, { headline: `He\u202Ello${BIDI.join('')}` }, PALETTE)).toEqual([]);
    expect(checkEdits(manifest, { headline: 'Hello!' }, PALETTE).map((p) => p.rule)).toEqual(['maxLength']);
  });

  it('refuses control characters and out-of-domain links', () => {
    expect(checkEdits(manifest, { headline: 'a\u0000b', ctaUrl: 'https://evil-acme-cloud.example/' }, PALETTE).map((p) => [p.field, p.rule])).toEqual([
      ['headline', 'type'],
      ['ctaUrl', 'domain'],
    ]);
  });
});

describe('assetFields', () => {
  it('finds the vendor URL and image fields whose value is an asset, after the partner kept or replaced a default', () => {
    const manifest: Manifest = {
      fields: [
        { key: 'hero', source: 'locked', type: 'image', value: 'asset:0b5f0000-1111-4222-8333-444455556666' },
        { key: 'cta', source: 'editable', type: 'url', default: 'asset:0b5f0000-1111-4222-8333-444455556666' },
        { key: 'note', source: 'locked', type: 'text', value: 'asset:0b5f0000-1111-4222-8333-444455556666' },
        { key: 'logo', source: 'partner', profile: 'logo' },
      ],
    };
    const id = 'asset:0b5f0000-1111-4222-8333-444455556666'.slice('asset:'.length);
    expect(assetFields(manifest, resolveFieldValues(manifest, { logo: 'asset:0b5f0000-1111-4222-8333-444455556666' }, {}))).toEqual([
      { key: 'hero', type: 'image', assetId: id },
      { key: 'cta', type: 'url', assetId: id },
    ]);
    expect(assetFields(manifest, resolveFieldValues(manifest, {}, { cta: 'https://acme.example/' }))).toEqual([{ key: 'hero', type: 'image', assetId: id }]);
  });
});

describe('launchBlockers', () => {
  const field = (extra: Partial<EditableField>): Manifest => ({ fields: [{ key: 'headline', source: 'editable', type: 'text', ...extra }] });
  const required = { field: 'headline', rule: 'required', message: 'headline: is required' };
  const mustChange = { field: 'headline', rule: 'mustChange', message: 'headline: replace the placeholder with your own text before launch' };

  it('blocks a required field with neither an edit nor a default', () => {
    expect(launchBlockers(field({ required: true }), {})).toEqual([required]);
    expect(launchBlockers(field({ required: true, default: '' }), { headline: '' })).toEqual([required]);
  });

  it('blocks a required field whose edit is only blanks or direction controls, and no default', () => {
    expect(launchBlockers(field({ required: true }), { headline: ' \t\n ' })).toEqual([required]);
    expect(launchBlockers(field({ required: true }), { headline: `\u202E${BIDI.join(' ')}` })).toEqual([required]);
    expect(launchBlockers(field({ required: true, default: '   ' }), {})).toEqual([required]);
  });

  it('lets a required field fall back to its default, or take the edit', () => {
    expect(launchBlockers(field({ required: true, default: 'Default' }), {})).toEqual([]);
    expect(launchBlockers(field({ required: true, default: 'Default' }), { headline: '  ' })).toEqual([]);
    expect(launchBlockers(field({ required: true }), { headline: 'Mine' })).toEqual([]);
  });

  it('blocks a mustChange field left empty or as its placeholder, however it is padded or disguised', () => {
    const manifest = field({ mustChange: true, default: 'Your offer here' });
    expect(launchBlockers(manifest, {})).toEqual([mustChange]);
    expect(launchBlockers(manifest, { headline: '' })).toEqual([mustChange]);
    expect(launchBlockers(manifest, { headline: 'Your offer here' })).toEqual([mustChange]);
    expect(launchBlockers(manifest, { headline: '  Your offer here \n' })).toEqual([mustChange]);
    expect(launchBlockers(manifest, { headline: 'Your\u200E offer\u202C here' })).toEqual([mustChange]);
    expect(launchBlockers(manifest, { headline: '20% off this month' })).toEqual([]);
  });

  it('reports required, not mustChange as well, for a field that is both', () => {
    expect(launchBlockers(field({ required: true, mustChange: true, default: '' }), {})).toEqual([required]);
    expect(launchBlockers(field({ required: true, mustChange: true, default: 'Placeholder' }), {})).toEqual([mustChange]);
  });

  it('never blocks on locked or profile fields, whatever the edits say', () => {
    const manifest: Manifest = {
      fields: [
        { key: 'tagline', source: 'locked', type: 'text', value: '' },
        { key: 'partnerPhone', source: 'partner', profile: 'phone' },
      ],
    };
    expect(launchBlockers(manifest, { tagline: '', partnerPhone: '' })).toEqual([]);
  });
});

describe('resolveFieldValues', () => {
  const manifest: Manifest = {
    fields: [
      { key: 'tagline', source: 'locked', type: 'text', value: 'Immutable by default.' },
      { key: 'partnerName', source: 'partner', profile: 'name' },
      { key: 'partnerPhone', source: 'partner', profile: 'phone', fallback: 'Call your account manager' },
      { key: 'partnerWebsite', source: 'partner', profile: 'website' },
      { key: 'headline', source: 'editable', type: 'text', default: 'Default headline' },
      { key: 'note', source: 'editable', type: 'multiline' },
    ],
  };

  it('takes locked values, the profile, and edits over defaults, for declared fields only', () => {
    expect(resolveFieldValues(manifest, { name: 'Northwind IT', phone: '+1 312 555 0142', website: 'https://northwind-it.example' }, { headline: 'Ours', note: 'A\nB', extra: 'ignored' })).toEqual({
      tagline: 'Immutable by default.',
      partnerName: 'Northwind IT',
      partnerPhone: '+1 312 555 0142',
      partnerWebsite: 'https://northwind-it.example',
      headline: 'Ours',
      note: 'A\nB',
    });
  });

  it('never lets an edit replace a locked or profile value', () => {
    const values = resolveFieldValues(manifest, { name: 'Northwind IT' }, { tagline: 'Mine', partnerName: 'Someone else' });
    expect(values.tagline).toBe('Immutable by default.');
    expect(values.partnerName).toBe('Northwind IT');
  });

  it('uses the fallback for a missing profile value, or nothing', () => {
    const values = resolveFieldValues(manifest, { name: null, phone: null }, {});
    expect(values.partnerPhone).toBe('Call your account manager');
    expect(values.partnerName).toBe('');
    expect(values.partnerWebsite).toBe('');
  });

  it('uses the default for an edit left out, cleared, or only blanks, and nothing without a default', () => {
    expect(resolveFieldValues(manifest, {}, {}).headline).toBe('Default headline');
    expect(resolveFieldValues(manifest, {}, { headline: '' }).headline).toBe('Default headline');
    // launchBlockers counts such an edit as empty and lets the default stand in: the email must show that default.
    expect(resolveFieldValues(manifest, {}, { headline: '  \n ' }).headline).toBe('Default headline');
    expect(resolveFieldValues(manifest, {}, { headline: BIDI.join('') }).headline).toBe('Default headline');
    expect(resolveFieldValues(manifest, {}, {}).note).toBe('');
  });

  it('removes direction controls from edits and profile values, and keeps the rest as typed', () => {
    const values = resolveFieldValues(manifest, { name: 'North\u202Ewind IT' }, { headline: '  Backups\u2067 that\u200F last ', note: 'a\u061C\n\nb' });
    expect(values.partnerName).toBe('Northwind IT');
    expect(values.headline).toBe('  Backups that last ');
    expect(values.note).toBe('a\n\nb');
  });
});

describe('stringEdits', () => {
  it('keeps the string edits only (the others are refused by checkEdits, never rendered)', () => {
    expect(stringEdits({ headline: 'Hi', count: 3, colour: null, list: ['a'], empty: '' })).toEqual({ headline: 'Hi', empty: '' });
  });
});
