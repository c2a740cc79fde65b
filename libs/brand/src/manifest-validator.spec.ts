import { Manifest } from './manifest';
import { validateBanner, validateManifest, validateSocial } from './manifest-validator';

const PALETTE = ['#0B5FFF', '#00C2A8', '#FFB020', '#1B1F24', '#FFFFFF'];

/** The problems of a manifest holding just `field`. */
function problemsOf(field: unknown): { path: string; message: string }[] {
  return validateManifest({ fields: [field] }, PALETTE).problems;
}

describe('validateManifest', () => {
  it('refuses a setting a field of that source does not have, naming it (a typo must not drop a limit)', () => {
    const { problems } = validateManifest({ fields: [{ key: 'headline', source: 'editable', type: 'text', maxlenght: 80 }] }, PALETTE);
    expect(problems).toEqual([{ path: 'manifest.fields[0].maxlenght', message: expect.stringContaining('is not a setting of editable fields') }]);
    const locked = validateManifest({ fields: [{ key: 'legal', source: 'locked', type: 'text', value: 'x', default: 'y' }] }, PALETTE);
    expect(locked.problems).toEqual([{ path: 'manifest.fields[0].default', message: expect.stringContaining('is not a setting of locked fields') }]);
  });

  it('refuses keys that Handlebars or the platform already use', () => {
    for (const key of ['if', 'paragraphs', 'brand', 'constructor']) {
      const { problems } = validateManifest({ fields: [{ key, source: 'editable', type: 'text' }] }, PALETTE);
      expect(problems).toEqual([{ path: 'manifest.fields[0].key', message: expect.stringContaining('reserved') }]);
    }
  });

  it('keeps a valid manifest of every source', () => {
    const input = {
      fields: [
        { key: 'tagline', source: 'locked', type: 'text', value: 'Immutable by default.', label: 'Tagline' },
        { key: 'partnerPhone', source: 'partner', profile: 'phone', fallback: 'Call us', label: 'Phone' },
        {
          key: 'headline',
          source: 'editable',
          type: 'text',
          label: 'Headline',
          help: 'Short',
          required: true,
          maxLength: 80,
          pattern: '[^!]*',
          patternMessage: 'no shouting',
          default: 'Backups ransomware can’t touch',
        },
        { key: 'ctaLabel', source: 'editable', type: 'choice', options: ['Book a demo', 'Talk to us'], default: 'Talk to us' },
        { key: 'ctaUrl', source: 'editable', type: 'url', allowedDomains: ['acme-cloud.example'], default: 'https://www.acme-cloud.example/' },
        { key: 'offer', source: 'editable', type: 'text', mustChange: true, required: false, default: 'YOUR OFFER HERE!!!' },
      ],
    };
    const { manifest, problems } = validateManifest(input, PALETTE);
    expect(problems).toEqual([]);
    expect(manifest).toEqual<Manifest>({
      fields: [
        { key: 'tagline', source: 'locked', type: 'text', value: 'Immutable by default.', label: 'Tagline' },
        { key: 'partnerPhone', source: 'partner', profile: 'phone', fallback: 'Call us', label: 'Phone' },
        {
          key: 'headline',
          source: 'editable',
          type: 'text',
          label: 'Headline',
          help: 'Short',
          required: true,
          maxLength: 80,
          pattern: '[^!]*',
          patternMessage: 'no shouting',
          default: 'Backups ransomware can’t touch',
        },
        { key: 'ctaLabel', source: 'editable', type: 'choice', options: ['Book a demo', 'Talk to us'], default: 'Talk to us' },
        { key: 'ctaUrl', source: 'editable', type: 'url', allowedDomains: ['acme-cloud.example'], default: 'https://www.acme-cloud.example/' },
        { key: 'offer', source: 'editable', type: 'text', mustChange: true, default: 'YOUR OFFER HERE!!!' },
      ],
    });
  });

  it.each([null, 'fields', [], {}, { fields: 'x' }, { fields: {} }])('refuses %p as a manifest', (input) => {
    expect(validateManifest(input, PALETTE)).toEqual({ manifest: { fields: [] }, problems: [{ path: 'manifest.fields', message: 'must be a list of fields' }] });
  });

  it('accepts an empty list of fields', () => {
    expect(validateManifest({ fields: [] }, PALETTE)).toEqual({ manifest: { fields: [] }, problems: [] });
  });

  it('refuses more than 100 fields and reads only the first 100', () => {
    const fields = Array.from({ length: 101 }, (_, i) => ({ key: `f${i}`, source: 'editable', type: 'text' }));
    const { manifest, problems } = validateManifest({ fields }, PALETTE);
    expect(problems).toEqual([{ path: 'manifest.fields', message: 'at most 100 fields' }]);
    expect(manifest.fields).toHaveLength(100);
  });

  it('locates each problem by the field index and property', () => {
    const { problems } = validateManifest({ fields: [{ key: 'ok', source: 'editable', type: 'text' }, 'text', { key: 'Bad', source: 'editable', type: 'text' }] }, PALETTE);
    expect(problems).toEqual([
      { path: 'manifest.fields[1]', message: 'must be an object' },
      { path: 'manifest.fields[2].key', message: expect.stringContaining('lower-case letter') },
    ]);
  });

  it.each(['', 'Headline', '1st', 'head-line', 'head.line', '_x', 'a'.repeat(41), 42, undefined])('refuses the key %p', (key) => {
    expect(problemsOf({ key, source: 'editable', type: 'text' })).toEqual([{ path: 'manifest.fields[0].key', message: 'must start with a lower-case letter and use letters, digits or _ (at most 40)' }]);
  });

  it.each(['h', 'headline', 'ctaUrl2', 'partner_logo', 'a'.repeat(40)])('accepts the key %p', (key) => {
    expect(problemsOf({ key, source: 'editable', type: 'text' })).toEqual([]);
  });

  it('refuses a key declared twice, keeping the first', () => {
    const { manifest, problems } = validateManifest({ fields: [{ key: 'a', source: 'editable', type: 'text' }, { key: 'a', source: 'locked', type: 'text', value: 'x' }] }, PALETTE);
    expect(problems).toEqual([{ path: 'manifest.fields[1].key', message: '"a" is declared twice' }]);
    expect(manifest.fields).toEqual([{ key: 'a', source: 'editable', type: 'text' }]);
  });

  it('refuses an unknown source', () => {
    expect(problemsOf({ key: 'a', source: 'vendor', type: 'text' })).toEqual([{ path: 'manifest.fields[0].source', message: 'must be locked, partner or editable' }]);
  });

  it('cuts labels to 100 characters and help to 300, and ignores labels that are not text', () => {
    const { manifest } = validateManifest({ fields: [{ key: 'a', source: 'editable', type: 'text', label: 'L'.repeat(150), help: 'H'.repeat(400) }, { key: 'b', source: 'partner', profile: 'name', label: 7 }] }, PALETTE);
    expect(manifest.fields[0]).toMatchObject({ label: 'L'.repeat(100), help: 'H'.repeat(300) });
    expect(manifest.fields[1]).not.toHaveProperty('label');
  });

  describe('locked fields', () => {
    it('need a known type and a string value', () => {
      expect(problemsOf({ key: 'a', source: 'locked', type: 'rich', value: 'x' })).toEqual([{ path: 'manifest.fields[0].type', message: 'must be one of text, multiline, url, image, choice, colour, date' }]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'text' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a locked field needs its value' }]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'text', value: 5 })).toEqual([{ path: 'manifest.fields[0].value', message: 'a locked field needs its value' }]);
    });

    it('have a value that keeps its own type rules', () => {
      expect(problemsOf({ key: 'a', source: 'locked', type: 'text', value: 'two\nlines' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a: must be a single line' }]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'url', value: 'javascript:alert(1)' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a: must be an http(s) URL (not javascript:)' }]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'date', value: '2026-02-30' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a: must be a date like 2026-12-01' }]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'colour', value: 'red' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a: must be a colour like #0B5FFF' }]);
    });

    it('may hold any colour, outside the palette too', () => {
      expect(problemsOf({ key: 'a', source: 'locked', type: 'colour', value: '#123456' })).toEqual([]);
    });

    it('may refer to a library asset where a URL or image goes, and nowhere else as a reference', () => {
      expect(problemsOf({ key: 'a', source: 'locked', type: 'image', value: 'asset:0b5f0000-1111-4222-8333-444455556666' })).toEqual([]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'url', default: 'asset:0b5f0000-1111-4222-8333-444455556666' })).toEqual([]);
      expect(problemsOf({ key: 'a', source: 'locked', type: 'image', value: 'asset:logo' })).toEqual([{ path: 'manifest.fields[0].value', message: 'a: must refer to a library asset as asset:<uuid>' }]);
    });
  });

  describe('partner fields', () => {
    it('need a known profile field', () => {
      expect(problemsOf({ key: 'a', source: 'partner', profile: 'email' })).toEqual([{ path: 'manifest.fields[0].profile', message: 'must be one of logo, name, phone, address, website, disclaimer, colour' }]);
    });

    it('may have a text fallback', () => {
      expect(problemsOf({ key: 'a', source: 'partner', profile: 'phone', fallback: 3 })).toEqual([{ path: 'manifest.fields[0].fallback', message: 'must be a string' }]);
      expect(validateManifest({ fields: [{ key: 'a', source: 'partner', profile: 'phone', fallback: '' }] }, PALETTE).manifest.fields[0]).toEqual({ key: 'a', source: 'partner', profile: 'phone', fallback: '' });
    });
  });

  describe('editable fields', () => {
    it('need a known type', () => {
      expect(problemsOf({ key: 'a', source: 'editable' })).toEqual([{ path: 'manifest.fields[0].type', message: 'must be one of text, multiline, url, image, choice, colour, date' }]);
    });

    it('take true or false for required and mustChange, and keep only true', () => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', required: 'yes', mustChange: 1, default: 'x' })).toEqual([
        { path: 'manifest.fields[0].required', message: 'must be true or false' },
        { path: 'manifest.fields[0].mustChange', message: 'must be true or false' },
      ]);
      expect(validateManifest({ fields: [{ key: 'a', source: 'editable', type: 'text', required: false, mustChange: false }] }, PALETTE).manifest.fields[0]).toEqual({ key: 'a', source: 'editable', type: 'text' });
    });

    it.each([0, 5001, 1.5, '10', -1])('refuse maxLength %p', (maxLength) => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', maxLength })).toEqual([{ path: 'manifest.fields[0].maxLength', message: 'must be a whole number from 1 to 5000' }]);
    });

    it.each([1, 5000])('accept maxLength %p', (maxLength) => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', maxLength })).toEqual([]);
    });

    it.each(['[', '(?<', 'a{2,1}', 'x'.repeat(201), 7, '\\p{Nope}'])('refuse the pattern %p', (pattern) => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', pattern })).toEqual([{ path: 'manifest.fields[0].pattern', message: 'must be a valid regular expression of at most 200 characters' }]);
    });

    it('keep a valid pattern with its message cut to 200 characters', () => {
      const { manifest } = validateManifest({ fields: [{ key: 'a', source: 'editable', type: 'text', pattern: '\\p{L}+', patternMessage: 'm'.repeat(250) }] }, PALETTE);
      expect(manifest.fields[0]).toMatchObject({ pattern: '\\p{L}+', patternMessage: 'm'.repeat(200) });
    });

    it('need options, all strings, for a choice', () => {
      for (const options of [undefined, [], 'a,b', ['a', 2]]) {
        expect(problemsOf({ key: 'a', source: 'editable', type: 'choice', options })).toEqual([{ path: 'manifest.fields[0].options', message: 'a choice field needs a list of options' }]);
      }
    });

    it.each([['acme.example', 'https://x'], 'acme.example', ['acme.example/path'], ['acme example'], [3]])('refuse allowedDomains %p', (allowedDomains) => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'url', allowedDomains })).toEqual([{ path: 'manifest.fields[0].allowedDomains', message: 'must be a list of host names' }]);
    });

    it('need a string default that keeps the field’s own rules', () => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', default: 3 })).toEqual([{ path: 'manifest.fields[0].default', message: 'must be a string' }]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', maxLength: 3, default: 'four' })).toEqual([{ path: 'manifest.fields[0].default', message: 'a: must be at most 3 characters (is 4)' }]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', pattern: '[a-z]+', patternMessage: 'lower case', default: 'ABC' })).toEqual([{ path: 'manifest.fields[0].default', message: 'a: lower case' }]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'choice', options: ['x', 'y'], default: 'z' })).toEqual([{ path: 'manifest.fields[0].default', message: 'a: must be one of: x, y' }]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'url', allowedDomains: ['acme.example'], default: 'https://evil-acme.example/' })).toEqual([
        { path: 'manifest.fields[0].default', message: 'a: must point to acme.example' },
      ]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'colour', default: '#123456' })).toEqual([{ path: 'manifest.fields[0].default', message: `a: must be one of the brand palette colours: ${PALETTE.join(', ')}` }]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'date', default: '2026-02-30' })).toEqual([{ path: 'manifest.fields[0].default', message: 'a: must be a date like 2026-12-01' }]);
    });

    it('let a mustChange placeholder break the rules it will be held to, but not go missing', () => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', mustChange: true, maxLength: 3, default: '[YOUR OFFER]' })).toEqual([]);
      expect(problemsOf({ key: 'a', source: 'editable', type: 'text', mustChange: true })).toEqual([{ path: 'manifest.fields[0].default', message: 'a mustChange field needs the placeholder as its default' }]);
    });

    it('report every problem of one field together', () => {
      expect(problemsOf({ key: 'a', source: 'editable', type: 'choice', required: 'no', maxLength: 0, pattern: '(', allowedDomains: 'x', default: 1 }).map((p) => p.path)).toEqual([
        'manifest.fields[0].required',
        'manifest.fields[0].maxLength',
        'manifest.fields[0].pattern',
        'manifest.fields[0].options',
        'manifest.fields[0].allowedDomains',
        'manifest.fields[0].default',
      ]);
    });
  });
});

describe('validateBanner', () => {
  const manifest: Manifest = {
    fields: [
      { key: 'partnerLogo', source: 'partner', profile: 'logo' },
      { key: 'headline', source: 'editable', type: 'text' },
      { key: 'eventDate', source: 'editable', type: 'date' },
      { key: 'ctaUrl', source: 'editable', type: 'url' },
      { key: 'vendorLogo', source: 'locked', type: 'image', value: 'https://cdn.example/logo.png' },
    ],
  };
  const logo = { type: 'logo', field: 'partnerLogo', x: 60, y: 48, width: 300, height: 110, padding: 14, plate: '#FFFFFF', plateRadius: 10 };
  const headline = { type: 'text', field: 'headline', x: 60, y: 214, width: 640, height: 210, font: 'heading', fontSize: 58, minFontSize: 38, colour: 'brand.primary', align: 'left' };
  const date = { type: 'text', field: 'eventDate', x: 60, y: 460, width: 640, height: 60, font: 'body', fontSize: 28, colour: '#D6E6FF' };
  const banner = (changes: Record<string, unknown> = {}) => ({ width: 1200, height: 628, background: 'background.png', format: 'jpeg', zones: [logo, headline, date], ...changes });
  const used: Manifest = { fields: manifest.fields.slice(0, 3) };

  it('accepts a banner whose zones lie inside it, on fields of the right kind, using every field', () => {
    expect(validateBanner(banner(), used)).toEqual({ banner: banner(), problems: [] });
  });

  it('takes a library image as its background, and refuses a malformed reference', () => {
    expect(validateBanner(banner({ background: 'asset:0b5f0000-1111-4222-8333-444455556666' }), used).problems).toEqual([]);
    expect(validateBanner(banner({ background: 'asset:background' }), used).problems).toEqual([{ path: 'banner.background', message: 'must be a file name or a library image as asset:<uuid>' }]);
  });

  it.each([null, 'banner', []])('refuses %p as a banner', (input) => {
    expect(validateBanner(input, used)).toEqual({ banner: null, problems: [{ path: 'banner', message: 'a banner needs its spec (width, height, background, zones)' }] });
  });

  it('checks the size and the format', () => {
    const { banner: result, problems } = validateBanner(banner({ width: 15, height: 4097, format: 'gif' }), used);
    expect(result).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'banner.width', message: 'must be 16 to 4096 pixels' },
        { path: 'banner.height', message: 'must be 16 to 4096 pixels' },
        { path: 'banner.format', message: 'must be jpeg, png or webp' },
      ]),
    );
  });

  it.each([undefined, [], 'zones', Array.from({ length: 21 }, () => logo)])('needs 1 to 20 zones, not %p', (zones) => {
    expect(validateBanner(banner({ zones }), used).problems).toContainEqual({ path: 'banner.zones', message: 'must list 1 to 20 zones' });
  });

  it('needs every zone inside the banner, in whole pixels', () => {
    const { problems } = validateBanner(banner({ zones: [{ ...logo, x: 1000 }, { ...headline, y: 1.5 }, date] }), used);
    expect(problems).toEqual([
      { path: 'banner.zones[0]', message: 'must lie inside the banner' },
      { path: 'banner.zones[1].y', message: 'must be a whole number of pixels' },
    ]);
  });

  it('needs each zone on a declared field', () => {
    expect(validateBanner(banner({ zones: [logo, headline, date, { ...headline, field: 'nope' }] }), used).problems).toEqual([{ path: 'banner.zones[3].field', message: '"nope" is not declared in the manifest' }]);
  });

  it('draws logos from the partner logo only: never from a URL field or a locked image', () => {
    for (const field of ['ctaUrl', 'vendorLogo', 'headline']) {
      const { problems } = validateBanner(banner({ zones: [{ ...logo, field }, headline, date, logo] }), manifest);
      expect(problems).toContainEqual({ path: 'banner.zones[0].field', message: 'a logo zone needs a partner logo field (source partner, profile logo)' });
    }
  });

  it('takes a plate colour as #RRGGBB or a brand colour', () => {
    expect(validateBanner(banner({ zones: [{ ...logo, plate: 'brand.accent' }, headline, date] }), used).problems).toEqual([]);
    for (const plate of ['white', '#FFF', 'brand.logoUrl', 'brand.primary;x']) {
      expect(validateBanner(banner({ zones: [{ ...logo, plate }, headline, date] }), used).problems).toEqual([{ path: 'banner.zones[0].plate', message: 'must be #RRGGBB or a brand colour' }]);
    }
  });

  it('draws text from text, multiline, choice and date fields only', () => {
    const { problems } = validateBanner(banner({ zones: [logo, headline, date, { ...headline, field: 'ctaUrl' }] }), { fields: manifest.fields.slice(0, 4) });
    expect(problems).toEqual([{ path: 'banner.zones[3].field', message: 'a text zone needs a text field' }]);
  });

  it('checks the font, sizes, colour and alignment of text zones', () => {
    const { problems } = validateBanner(banner({ zones: [logo, { ...headline, font: 'serif', fontSize: 401, minFontSize: 5, colour: 'blue', align: 'justify' }, date] }), used);
    expect(problems).toEqual([
      { path: 'banner.zones[1].fontSize', message: 'must be 6 to 400 pixels' },
      { path: 'banner.zones[1].minFontSize', message: 'must be 6 pixels or more and at most fontSize' },
      { path: 'banner.zones[1].font', message: 'must be heading or body' },
      { path: 'banner.zones[1].colour', message: 'must be #RRGGBB or a brand colour' },
      { path: 'banner.zones[1].align', message: 'must be left, centre or right' },
    ]);
  });

  it('refuses a minimum font size above the font size', () => {
    expect(validateBanner(banner({ zones: [logo, { ...headline, minFontSize: 60 }, date] }), used).problems).toEqual([{ path: 'banner.zones[1].minFontSize', message: 'must be 6 pixels or more and at most fontSize' }]);
  });

  it('refuses an unknown zone type', () => {
    expect(validateBanner(banner({ zones: [logo, headline, date, { ...headline, type: 'qr' }] }), used).problems).toEqual([{ path: 'banner.zones[3].type', message: 'must be logo or text' }]);
  });

  it('reports a declared field that no zone uses', () => {
    expect(validateBanner(banner({ zones: [logo, headline] }), used)).toEqual({ banner: null, problems: [{ path: 'manifest.fields', message: 'field "eventDate" is declared but no zone uses it' }] });
  });
});

describe('validateSocial', () => {
  it('accepts known networks and an optional banner template key', () => {
    expect(validateSocial({ networks: ['linkedin', 'x'] })).toEqual({ social: { networks: ['linkedin', 'x'] }, problems: [] });
    expect(validateSocial({ networks: ['facebook'], bannerTemplate: 'social-banner-1200x628' }).problems).toEqual([]);
  });

  it.each([undefined, {}, { networks: [] }, { networks: 'x' }])('needs a list of networks, not %p', (input) => {
    expect(validateSocial(input)).toEqual({ social: null, problems: [{ path: 'social.networks', message: 'list one or more of linkedin, x, facebook, instagram' }] });
  });

  it('names unknown networks', () => {
    expect(validateSocial({ networks: ['linkedin', 'myspace', 'toString'] })).toEqual({ social: null, problems: [{ path: 'social.networks', message: 'unknown network(s): myspace, toString' }] });
  });

  it('needs the banner template as a key', () => {
    expect(validateSocial({ networks: ['x'], bannerTemplate: 5 })).toEqual({ social: null, problems: [{ path: 'social.bannerTemplate', message: 'must be a banner template key' }] });
  });
});
