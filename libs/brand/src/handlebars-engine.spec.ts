import Handlebars from 'handlebars';
import { analyseTemplate, COMPILE_OPTIONS, createEngine, formatDate, paragraphsHtml, paragraphsText } from './handlebars-engine';

/** Compiles with the isolated engine and the options templates are compiled with. */
function render(source: string, output: 'html' | 'text', context: Record<string, unknown>): string {
  return createEngine(output).compile(source, { ...COMPILE_OPTIONS, noEscape: output === 'text' })(context);
}

describe('analyseTemplate', () => {
  it.each([
    ['a field', '{{headline}}', [{ path: 'headline', helper: null }]],
    ['a namespaced value', '{{brand.primary}} {{recipient.firstName}}', [{ path: 'brand.primary', helper: null }, { path: 'recipient.firstName', helper: null }]],
    ['paragraphs', '{{paragraphs intro}}', [{ path: 'intro', helper: 'paragraphs' }]],
    ['formatDate', '{{formatDate eventDate}}', [{ path: 'eventDate', helper: 'formatDate' }]],
    ['if / else', '{{#if phone}}Call {{phone}}{{else}}Write{{/if}}', [{ path: 'phone', helper: 'if' }, { path: 'phone', helper: null }]],
    ['if / ^ (else)', '{{#if phone}}a{{^}}b{{/if}}', [{ path: 'phone', helper: 'if' }]],
    ['unless', '{{#unless phone}}no phone{{/unless}}', [{ path: 'phone', helper: 'unless' }]],
    ['nested blocks', '{{#if a}}{{#unless b}}{{c}}{{/unless}}{{/if}}', [{ path: 'a', helper: 'if' }, { path: 'b', helper: 'unless' }, { path: 'c', helper: null }]],
    ['whitespace control', '{{~headline~}}', [{ path: 'headline', helper: null }]],
    ['comments', '{{! a note }}{{!-- {{not.a.use}} --}}', []],
  ])('accepts %s', (_name, source, uses) => {
    const analysis = analyseTemplate(source);
    expect(analysis.problems).toEqual([]);
    expect(analysis.uses.map(({ path, helper }) => ({ path, helper }))).toEqual(uses);
  });

  it.each([
    ['triple braces', '{{{headline}}}', /triple braces/],
    ['the unescaped form', '{{&headline}}', /triple braces/],
    ['a partial', '{{> footer}}', /partial is not allowed/],
    ['a partial block', '{{#> layout}}x{{/layout}}', /partialblock is not allowed/],
    ['an inline partial', '{{#*inline "p"}}x{{/inline}}', /decoratorblock is not allowed/],
    ['a decorator', '{{* decorate}}', /decorator is not allowed/],
    ['this', '{{this}}', /"this" is not allowed/],
    ['this.field', '{{this.headline}}', /"this.headline" is not allowed/],
    ['a parent path', '{{../headline}}', /"..\/headline" is not allowed/],
    ['@data', '{{@root.headline}}', /"@root.headline" is not allowed/],
    ['@index', '{{@index}}', /"@index" is not allowed/],
    ['a string literal', '{{"text"}}', /only field names/],
    ['a number literal', '{{42}}', /only field names/],
    ['a hash argument', '{{headline size=2}}', /hash arguments are not allowed/],
    ['a sub-expression', '{{paragraphs (formatDate day)}}', /only field names/],
    ['a helper with two arguments', '{{paragraphs a b}}', /helper "paragraphs" is not available/],
    ['lookup', '{{lookup brand "name"}}', /helper "lookup" is not available/],
    ['log', '{{log "hello"}}', /helper "log" is not available/],
    ['each', '{{#each items}}{{name}}{{/each}}', /block "\{\{#each\}\}" is not allowed/],
    ['with', '{{#with brand}}{{name}}{{/with}}', /block "\{\{#with\}\}" is not allowed/],
    ['a section on a field', '{{#headline}}x{{/headline}}', /block "\{\{#headline\}\}" is not allowed/],
    ['if without a field', '{{#if}}x{{/if}}', /block "\{\{#if\}\}" is not allowed/],
    ['if with two fields', '{{#if a b}}x{{/if}}', /block "\{\{#if\}\}" is not allowed/],
    ['if with a hash', '{{#if a includeZero=true}}x{{/if}}', /block "\{\{#if\}\}" is not allowed/],
    ['if on a literal', '{{#if "a"}}x{{/if}}', /only field names/],
    ['a raw block', '{{{{raw}}}}{{x}}{{{{/raw}}}}', /block "\{\{#raw\}\}" is not allowed/],
    ['an inverted if', '{{^if phone}}no phone{{/if}}', /not allowed/],
    ['else if', '{{#if a}}A{{else if b}}B{{else}}C{{/if}}', /else if/],
  ])('refuses %s, with its line', (_name, construct, message) => {
    const analysis = analyseTemplate(`<p>\n  text\n</p>\n${construct}\n`);
    expect(analysis.problems).toEqual([{ line: 4, message: expect.stringMatching(message) }]);
  });

  it('reports a syntax error with its line', () => {
    const analysis = analyseTemplate('one\ntwo\n{{#if a}}\nthree');
    expect(analysis.problems).toHaveLength(1);
    expect(analysis.problems[0]!.message).toMatch(/^Handlebars syntax: /);
    expect(analysis.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports every refused construct, each with its own line', () => {
    const analysis = analyseTemplate('{{a}}\n{{{b}}}\n{{> c}}\n{{#each d}}{{/each}}');
    expect(analysis.problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it('gives each use its line and column', () => {
    const analysis = analyseTemplate('Hi {{recipient.firstName}},\n  {{paragraphs intro}}');
    expect(analysis.uses).toEqual([
      { path: 'recipient.firstName', helper: null, line: 1, column: 3 },
      { path: 'intro', helper: 'paragraphs', line: 2, column: 2 },
    ]);
  });

  it('gives the spans to mask: each printed expression with its field, each block tag without', () => {
    const source = 'a {{x}} b {{#if y}}c {{paragraphs z}}{{else}}d{{/if}} e';
    const { spans } = analyseTemplate(source);
    expect(spans.map((s) => [source.slice(s.start, s.end), s.path])).toEqual([
      ['{{x}}', 'x'],
      ['{{#if y}}', null],
      ['{{paragraphs z}}', 'z'],
      ['{{else}}', null],
      ['{{/if}}', null],
    ]);
  });

  it('gives the spans of blocks across lines', () => {
    const source = '<p>\n{{#unless y}}\n  {{x}}\n{{/unless}}\n</p>';
    const { spans } = analyseTemplate(source);
    expect(spans.map((s) => source.slice(s.start, s.end))).toEqual(['{{#unless y}}', '{{x}}', '{{/unless}}']);
  });
});

describe('paragraphsHtml', () => {
  it('escapes the text, splits paragraphs on blank lines and turns single newlines into <br>', () => {
    expect(paragraphsHtml('  Fish & <chips>\n"Tom\'s"  \n\n \n Second\r\n\r\nThird ')).toBe('<p>Fish &amp; &lt;chips&gt;<br>&quot;Tom&#39;s&quot;</p><p>Second</p><p>Third</p>');
  });

  it('makes one paragraph of text without blank lines', () => {
    expect(paragraphsHtml('one line')).toBe('<p>one line</p>');
  });
});

describe('paragraphsText', () => {
  it('keeps single newlines, separates paragraphs by one blank line, and trims each line', () => {
    expect(paragraphsText(' First <b>\n  line two \n\n\n\nSecond ')).toBe('First <b>\nline two\n\nSecond');
  });
});

describe('formatDate', () => {
  it('writes the day, the English month and the year, whatever the time zone or locale', () => {
    // A Date-based formatter would shift these by a day west of UTC, or translate the month.
    expect(formatDate('2026-12-01')).toBe('1 December 2026');
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
    expect(formatDate('2026-12-31')).toBe('31 December 2026');
    expect(formatDate('2026-03-05')).toBe('5 March 2026');
  });

  it('does not use the Date or Intl APIs, so the server locale cannot change it', () => {
    const toLocale = jest.spyOn(Date.prototype, 'toLocaleDateString').mockImplementation(() => 'localised');
    const format = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new Error('Intl used');
    });
    try {
      expect(formatDate('2026-07-14')).toBe('14 July 2026');
    } finally {
      toLocale.mockRestore();
      format.mockRestore();
    }
  });

  it('leaves anything that is not a date as it is', () => {
    for (const value of ['', 'soon', '2026-1-5', '01/12/2026', '2026-12-01T00:00:00Z', '2026-13-01', '2026-00-10']) expect(formatDate(value)).toBe(value);
  });
});

describe('createEngine', () => {
  it('escapes every value in html output, and not in text output', () => {
    expect(render('{{a}}', 'html', { a: '<img src=x onerror=alert(1)>' })).toBe('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(render('{{a}}', 'text', { a: 'Tom & <Jerry>' })).toBe('Tom & <Jerry>');
  });

  it('registers paragraphs and formatDate, paragraphs being safe HTML in html output and plain text in text output', () => {
    expect(render('{{paragraphs a}}', 'html', { a: 'x & y\n\nz' })).toBe('<p>x &amp; y</p><p>z</p>');
    expect(render('{{paragraphs a}}', 'text', { a: 'x & y\n\n\nz' })).toBe('x & y\n\nz');
    expect(render('{{formatDate d}}', 'html', { d: '2026-12-01' })).toBe('1 December 2026');
    expect(render('[{{formatDate d}}]', 'html', {})).toBe('[]');
  });

  it('renders {{#if}} and {{#unless}}', () => {
    expect(render('{{#if a}}yes{{else}}no{{/if}}{{#unless a}}!{{/unless}}', 'html', { a: '' })).toBe('no!');
    expect(render('{{#if a}}yes{{else}}no{{/if}}{{#unless a}}!{{/unless}}', 'html', { a: 'x' })).toBe('yes');
  });

  it.each([
    ['lookup', '{{lookup brand "name"}}'],
    ['each', '{{#each items}}{{this}}{{/each}}'],
    ['with', '{{#with brand}}{{name}}{{/with}}'],
    ['log', '{{log "hello"}}'],
  ])('has no %s helper', (_name, source) => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => render(source, 'html', { brand: { name: 'Acme' }, items: ['a', 'b'] })).toThrow();
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('treats the names of Handlebars built-ins as plain fields', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(render('{{log}}|{{lookup}}|{{each}}|{{with}}', 'html', { log: 'L', lookup: 'K', each: 'E', with: 'W' })).toBe('L|K|E|W');
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('cannot reach prototypes', () => {
    // Handlebars says so on the console when it denies a property.
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const source = '[{{constructor.name}}][{{__proto__}}][{{constructor}}][{{a.constructor.name}}][{{a.__proto__.constructor.name}}][{{a.toString}}][{{a.constructor}}]';
      expect(render(source, 'html', { a: 'text' })).toBe('[][][][][][][]');
      expect(render(source, 'text', { a: 'text' })).toBe('[][][][][][][]');
    } finally {
      error.mockRestore();
    }
  });

  it('does not touch the global Handlebars instance', () => {
    createEngine('html');
    createEngine('text');
    expect(Handlebars.helpers.paragraphs).toBeUndefined();
    expect(Handlebars.helpers.formatDate).toBeUndefined();
    expect(Handlebars.helpers.lookup).toBeDefined();
  });

  it('refuses partials', () => {
    expect(() => render('{{> footer}}', 'html', {})).toThrow();
  });
});
