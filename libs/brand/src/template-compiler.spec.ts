import { Manifest, ManifestField } from './manifest';
import { builtInsFor, checkDeclarations, compileHandlebars, compileMjml } from './template-compiler';

const text = (key: string): ManifestField => ({ key, source: 'editable', type: 'text' });
const url = (key: string): ManifestField => ({ key, source: 'editable', type: 'url' });
const colour = (key: string): ManifestField => ({ key, source: 'editable', type: 'colour' });
const multiline = (key: string): ManifestField => ({ key, source: 'editable', type: 'multiline' });

/** An MJML document with `columnBody` inside one section's column, starting on line 6. */
function mjml(columnBody: string, sectionAttributes = ''): string {
  return ['<mjml>', '<mj-body>', `<mj-section${sectionAttributes}>`, '<mj-column>', '<!-- line 5 -->', columnBody, '</mj-column>', '</mj-section>', '</mj-body>', '</mjml>'].join('\n');
}

async function compiled(source: string, fields: ManifestField[], kind: 'email' | 'landing_page' = 'email') {
  return compileMjml(source, { fields }, kind);
}

/** Every `{{…}}` of a string, in order. */
function expressions(html: string): string[] {
  return html.match(/\{\{[^}]*\}\}/g) ?? [];
}

describe('compileMjml', () => {
  describe('masking', () => {
    it('puts colour, url and text expressions back exactly where MJML placed their placeholders', async () => {
      const source = mjml(
        [
          '<mj-text color="{{brand.primary}}">{{headline}}</mj-text>',
          '<mj-image src="{{heroImage}}" href="{{ctaUrl}}" alt="{{headline}}" />',
          '<mj-button href="{{ctaUrl}}" background-color="{{accent}}">{{ctaLabel}}</mj-button>',
        ].join('\n'),
        ' background-color="{{brand.background}}"',
      );
      const { html, problems } = await compiled(source, [text('headline'), { key: 'heroImage', source: 'locked', type: 'image', value: 'https://cdn.example/h.png' }, url('ctaUrl'), colour('accent'), text('ctaLabel')]);

      expect(problems).toEqual([]);
      expect(html).toContain('color:{{brand.primary}};');
      expect(html).toContain('src="{{heroImage}}"');
      expect(html).toContain('href="{{ctaUrl}}"');
      expect(html).toContain('alt="{{headline}}"');
      expect(html).toContain('>{{headline}}</div>');
      expect(html).toContain('background:{{brand.background}};background-color:{{brand.background}}');
      expect(html).toMatch(/bgcolor="\{\{accent\}\}"/);
      expect(html).toMatch(/>\s*\{\{ctaLabel\}\}\s*</);
      // Nothing else survives as an expression, and no placeholder is left behind.
      expect(new Set(expressions(html))).toEqual(new Set(['{{brand.background}}', '{{brand.primary}}', '{{headline}}', '{{heroImage}}', '{{ctaUrl}}', '{{accent}}', '{{ctaLabel}}']));
      expect(html).not.toMatch(/ck-?v\w*\.invalid|ckv\d+x/i);
    });

    it('keeps helper calls intact, and the result renders with the values escaped', async () => {
      const source = mjml('<mj-text>{{paragraphs intro}}</mj-text>\n<mj-text>{{headline}}</mj-text>');
      const { html, problems } = await compiled(source, [multiline('intro'), text('headline')]);

      expect(problems).toEqual([]);
      expect(html).toContain('{{paragraphs intro}}');
      const rendered = compileHandlebars(html, 'html')({ intro: 'One & two\n\n<three>', headline: '<b>Hi</b>' });
      expect(rendered).toContain('<p>One &amp; two</p><p>&lt;three&gt;</p>');
      expect(rendered).toContain('&lt;b&gt;Hi&lt;/b&gt;');
      expect(rendered).not.toContain('<b>Hi</b>');
    });

    it('lets {{#if}}…{{else}}…{{/if}} through MJML, with each branch rendering', async () => {
      const source = mjml('<mj-text>{{#if partnerPhone}}Call {{partnerPhone}}{{else}}Write to us{{/if}}</mj-text>');
      const { html, problems } = await compiled(source, [{ key: 'partnerPhone', source: 'partner', profile: 'phone' }]);

      expect(problems).toEqual([]);
      expect(html).toContain('{{#if partnerPhone}}Call {{partnerPhone}}{{else}}Write to us{{/if}}');
      const render = compileHandlebars(html, 'html');
      expect(render({ partnerPhone: '+1 555 0100' })).toContain('Call +1 555 0100');
      expect(render({ partnerPhone: '+1 555 0100' })).not.toContain('Write to us');
      expect(render({ partnerPhone: '' })).toContain('Write to us');
      expect(render({ partnerPhone: '' })).not.toContain('Call');
    });

    it('lets {{#unless}} and nested blocks through MJML', async () => {
      const source = mjml('<mj-text>{{#unless a}}no a{{/unless}}{{#if a}}{{#if b}}a and b{{/if}}{{/if}}</mj-text>');
      const { html, problems } = await compiled(source, [text('a'), text('b')]);

      expect(problems).toEqual([]);
      const render = compileHandlebars(html, 'html');
      expect(render({ a: '', b: 'x' })).toContain('no a');
      expect(render({ a: 'x', b: 'x' })).toContain('a and b');
      expect(render({ a: 'x', b: '' })).not.toMatch(/no a|a and b/);
    });
  });

  describe('placeholders never collide with content', () => {
    it('leaves literal text that looks like a placeholder alone, in any case', async () => {
      // The first salt would make the text placeholders ckv00x, ckv01x, …: the content holds them upper-cased.
      const literal = 'CKV00X CKV01X Ckv02x';
      const source = mjml(`<mj-text>${literal} {{headline}}</mj-text>\n<mj-button href="{{ctaUrl}}">{{ctaLabel}}</mj-button>`);
      const { html, problems } = await compiled(source, [text('headline'), url('ctaUrl'), text('ctaLabel')]);

      expect(problems).toEqual([]);
      expect(html).toContain(`${literal} {{headline}}`);
      expect(expressions(html).filter((e) => e === '{{headline}}')).toHaveLength(1);
    });

    it('leaves literal text, URLs and colours that look like placeholders alone', async () => {
      const literal = 'ckv00x ck-v0.invalid https://ck-v0.invalid/1 #C00000 #c00001';
      const source = mjml(`<mj-text color="#C00001">${literal} {{headline}}</mj-text>\n<mj-button href="{{ctaUrl}}" color="{{accent}}">Go</mj-button>`);
      const { html, problems } = await compiled(source, [text('headline'), url('ctaUrl'), colour('accent')]);

      expect(problems).toEqual([]);
      expect(html).toContain(`${literal} {{headline}}`);
      expect(html).toMatch(/color:#C00001;/i);
      expect(html).toContain('href="{{ctaUrl}}"');
      expect(html).toContain('color:{{accent}}');
    });

    it('keeps a digit written right after a url expression, however many expressions there are', async () => {
      const fields = Array.from({ length: 12 }, (_, i) => url(`link${i}`));
      const buttons = fields.map((f, i) => `<mj-button href="{{${f.key}}}${i === 1 ? '0' : ''}">Go ${i}</mj-button>`).join('\n');
      const { html, problems } = await compiled(mjml(buttons), fields);

      expect(problems).toEqual([]);
      const hrefs = (html.match(/href="\{\{[^"]*"/g) ?? []).map((h) => h.slice('href="'.length, -1));
      expect(hrefs).toEqual(fields.map((f, i) => `{{${f.key}}}${i === 1 ? '0' : ''}`));
    });
  });

  describe('problems', () => {
    it('reports invalid MJML with the line it is on', async () => {
      const { html, problems } = await compiled(mjml('<mj-text>{{headline}}</mj-text>\n<mj-text padding="lots">x</mj-text>'), [text('headline')]);
      expect(html).toBe('');
      expect(problems).toEqual([{ line: 7, message: expect.stringContaining('padding has invalid value') }]);
    });

    it('reports an unknown element and an illegal attribute with their lines', async () => {
      const { problems } = await compiled(mjml('<mj-txt>{{headline}}</mj-txt>\n<mj-text foo="bar">x</mj-text>'), [text('headline')]);
      expect(problems).toEqual(
        expect.arrayContaining([
          { line: 6, message: expect.stringContaining('mj-txt') },
          { line: 7, message: expect.stringContaining('foo') },
        ]),
      );
    });

    it('shows the expression, not its placeholder, in MJML messages', async () => {
      const { problems } = await compiled(mjml('<mj-text padding="{{headline}}">x</mj-text>'), [text('headline')]);
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem.message).not.toMatch(/ckv\d+x/i);
    });

    it('reports Handlebars errors with their line and does not run MJML', async () => {
      const { html, problems } = await compiled(mjml('<mj-text>\n{{headline}\n</mj-text>'), [text('headline')]);
      expect(html).toBe('');
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toMatch(/^Handlebars syntax/);
      expect(problems[0]!.line).toBe(7);
    });

    it('reports a variable used but not declared, with its line and a hint for built-in namespaces', async () => {
      const { problems } = await compiled(mjml('<mj-text>{{headline}}</mj-text>\n<mj-text>{{subtitle}}</mj-text>\n<mj-text>{{brand.nope}} {{links.leadForm}}</mj-text>'), [text('headline')]);
      expect(problems).toEqual([
        { line: 7, message: '"subtitle" is used but not declared in the manifest' },
        { line: 8, message: expect.stringMatching(/^"brand\.nope" is used but not declared \(brand\.\* values here are: brand\.primary, .*brand\.fontBody\)$/) },
        { line: 8, message: '"links.leadForm" is used but not declared (links.* values here are: links.unsubscribe, links.viewInBrowser)' },
      ]);
    });

    it('reports a declared field that is never used', async () => {
      const { problems } = await compiled(mjml('<mj-text>{{headline}}</mj-text>'), [text('headline'), text('unused')]);
      expect(problems).toEqual([{ line: 0, message: 'field "unused" is declared but never used' }]);
    });

    it('counts a field used only in the subject or preheader as used', async () => {
      const { problems } = await compileMjml(mjml('<mj-text>{{headline}}</mj-text>'), { fields: [text('headline'), text('subjectLine')] }, 'email', [
        { path: 'subjectLine', helper: null, line: 1, column: 0 },
      ]);
      expect(problems).toEqual([]);
    });

    it('refuses a text field in a colour attribute, with its line', async () => {
      const { problems } = await compiled(mjml('<mj-text>{{headline}}</mj-text>\n<mj-text color="{{headline}}">x</mj-text>'), [text('headline')]);
      expect(problems).toContainEqual({ line: 7, message: '"headline" is not a colour field and cannot be used in a colour attribute' });
    });

    it('refuses a text field in a section background colour, and accepts a colour field there', async () => {
      const refused = await compiled(mjml('<mj-text>x</mj-text>', ' background-color="{{headline}}"'), [text('headline')]);
      expect(refused.problems).toContainEqual({ line: 3, message: '"headline" is not a colour field and cannot be used in a colour attribute' });
      const accepted = await compiled(mjml('<mj-text>x</mj-text>', ' background-color="{{accent}}"'), [colour('accent')]);
      expect(accepted.problems).toEqual([]);
    });

    it('refuses {{else if}} rather than compiling HTML whose blocks no longer match', async () => {
      const { html, problems } = await compiled(mjml('<mj-text>{{#if a}}A{{else if b}}B{{else}}C{{/if}}</mj-text>'), [text('a'), text('b')]);
      expect(html).toBe('');
      expect(problems).toEqual([{ line: 6, message: expect.stringContaining('else if') }]);
    });

    it('refuses constructs the isolated engine does not allow before running MJML', async () => {
      const { html, problems } = await compiled(mjml('<mj-text>{{{headline}}}</mj-text>'), [text('headline')]);
      expect(html).toBe('');
      expect(problems).toEqual([{ line: 6, message: expect.stringContaining('triple braces') }]);
    });
  });
});

describe('builtInsFor', () => {
  it('offers brand values everywhere, recipient and unsubscribe links in emails, the lead form on landing pages', () => {
    const email = builtInsFor('email');
    expect(email.get('brand.primary')).toBe('colour');
    expect(email.get('brand.logoUrl')).toBe('image');
    expect(email.get('brand.name')).toBe('text');
    expect(email.get('recipient.firstName')).toBe('text');
    expect(email.get('links.unsubscribe')).toBe('url');
    expect(email.has('links.leadForm')).toBe(false);

    const page = builtInsFor('landing_page');
    expect(page.get('links.leadForm')).toBe('url');
    expect(page.has('recipient.firstName')).toBe(false);
    expect(page.has('links.unsubscribe')).toBe(false);

    expect([...builtInsFor('social_post').keys()].every((k) => k.startsWith('brand.'))).toBe(true);
  });
});

describe('checkDeclarations', () => {
  const manifest: Manifest = { fields: [text('headline')] };

  it('accepts declared fields and built-ins of the kind', () => {
    expect(checkDeclarations([{ path: 'headline', helper: null, line: 1, column: 0 }, { path: 'brand.name', helper: null, line: 2, column: 0 }], manifest, 'social_post')).toEqual([]);
  });

  it('refuses recipient values outside emails', () => {
    expect(checkDeclarations([{ path: 'headline', helper: null, line: 1, column: 0 }, { path: 'recipient.firstName', helper: null, line: 3, column: 4 }], manifest, 'landing_page')).toEqual([
      { line: 3, message: '"recipient.firstName" is used but not declared (recipient.* values here are: none)' },
    ]);
  });
});

describe('compileHandlebars', () => {
  it('escapes values in html output and leaves them as typed in text output', () => {
    expect(compileHandlebars('{{a}}', 'html')({ a: '<a href="x">&</a>' })).toBe('&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(compileHandlebars('{{a}}', 'text')({ a: '<a href="x">&</a>' })).toBe('<a href="x">&</a>');
  });

  it('renders a missing value as nothing', () => {
    expect(compileHandlebars('[{{a}}][{{b.c}}]', 'html')({})).toBe('[][]');
  });
});
