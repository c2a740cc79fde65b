import sharp from 'sharp';
import { loadConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { ImageService, sniffImage, unsafeSvgReason } from './image.service';

const square = (background = '#0b5fff') => sharp({ create: { width: 16, height: 16, channels: 3, background } });

const SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="40">';
const svgWith = (inner: string) => `${SVG_OPEN}${inner}</svg>`;

describe('sniffImage', () => {
  it.each([
    ['png', () => square().png().toBuffer()],
    ['jpeg', () => square().jpeg().toBuffer()],
    ['webp', () => square().webp().toBuffer()],
  ] as const)('recognises %s by its bytes', async (kind, make) => {
    expect(sniffImage(await make())).toBe(kind);
  });

  it.each([
    ['a bare <svg>', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'],
    ['an XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ['a byte-order mark and leading whitespace', '\uFEFF  \n<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ['comments before the root', '<?xml version="1.0"?><!-- Generator: Inkscape --><!-- two --><svg>x</svg>'],
    ['a DOCTYPE', '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg></svg>'],
    ['a DOCTYPE with an internal subset (Illustrator)', '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd" [\n<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n<svg></svg>'],
    ['upper-case tags', '<SVG></SVG>'],
  ])('recognises an SVG with %s', (_label, text) => {
    expect(sniffImage(Buffer.from(text))).toBe('svg');
  });

  it.each([
    ['plain text', () => Buffer.from('definitely not a picture\n')],
    ['an empty file', () => Buffer.alloc(0)],
    ['a GIF', () => square().gif().toBuffer()],
    ['a TIFF', () => square().tiff().toBuffer()],
    ['a PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n')],
    ['HTML', () => Buffer.from('<!doctype html><html><body><svg></svg></body></html>')],
    ['an <svg> that is not the root', () => Buffer.from('<html><svg></svg></html>')],
    ['a tag that only starts with svg', () => Buffer.from('<svgfoo></svgfoo>')],
    ['the first bytes of a PNG signature only', () => Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['a RIFF file that is not WebP (WAV)', () => Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['two JPEG marker bytes only', () => Buffer.from([0xff, 0xd8])],
  ])('returns null for %s', async (_label, make) => {
    expect(sniffImage(await make())).toBeNull();
  });
});

describe('unsafeSvgReason', () => {
  const useBomb =
    '<defs><g id="a0"><rect width="1" height="1"/></g>' +
    Array.from({ length: 9 }, (_, i) => `<g id="a${i + 1}">${`<use href="#a${i}"/>`.repeat(10)}</g>`).join('') +
    '</defs><use href="#a9"/>';
  it.each([
    ['a script element', svgWith('<script>alert(1)</script>'), 'script'],
    ['an upper-case script element', svgWith('<SCRIPT type="text/ecmascript">alert(1)</SCRIPT>'), 'script'],
    ['an onload handler on the root', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', 'event handler'],
    ['an onclick handler', svgWith('<rect width="10" height="10" onclick="steal()"/>'), 'event handler'],
    ['a handler written with spaces', svgWith('<rect width="10" height="10"\n  onmouseover = "x()"/>'), 'event handler'],
    ['a javascript: link', svgWith('<a href="javascript:alert(1)"><rect width="10" height="10"/></a>'), 'javascript'],
    ['foreignObject', svgWith('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), 'foreignObject'],
    ['an <image> to http', svgWith('<image xlink:href="http://169.254.169.254/latest/meta-data/" width="10" height="10"/>'), '<image>'],
    ['an embedded raster data URL', svgWith('<image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>'), '<image>'],
    ['a link to another site', svgWith('<a href="https://evil.example/"><rect width="10" height="10"/></a>'), 'external'],
    ['a use of another document', svgWith('<use href="https://evil.example/sprite.svg#icon"/>'), 'external'],
    ['a use of a data URL', svgWith('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'), 'data:'],
    ['an entity declaration', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg><text>&xxe;</text></svg>', 'DOCTYPE'],
    ['a plain DOCTYPE', '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg xmlns="http://www.w3.org/2000/svg"></svg>', 'DOCTYPE'],
    ['an xml-stylesheet instruction', '<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/s.css"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', 'processing instruction'],
    ['a style url(http…)', svgWith('<rect width="10" height="10" style="fill: url(http://evil.example/x.svg#p)"/>'), 'external'],
    ['a quoted style url in a style element', svgWith('<style>rect { fill: url("https://evil.example/p.svg#p") }</style>'), 'external'],
    ['a style url in CDATA', svgWith('<style><![CDATA[rect { fill: url(https://evil.example/p.svg#p) }]]></style>'), 'external'],
    ['a padded, quoted style url', svgWith("<rect width='10' height='10' style=\"fill: url(  'https://evil.example/p.svg#p' )\"/>"), 'external'],
    ['a style url to another document with a fragment', svgWith('<rect width="10" height="10" fill="url(sprite.svg#g)"/>'), 'external'],
    ['an @import', svgWith('<style>@import "https://evil.example/s.css";</style>'), 'imports'],
    ['feMorphology', svgWith('<filter id="f"><feMorphology radius="5"/></filter><rect width="10" height="10" filter="url(#f)"/>'), 'filter'],
    ['a bare feGaussianBlur', svgWith('<feGaussianBlur stdDeviation="100"/>'), 'feGaussianBlur'],
    ['feImage', svgWith('<feImage href="#x"/>'), 'feImage'],
    ['a filter attribute', svgWith('<rect width="10" height="10" filter="url(#f)"/>'), 'filter'],
    ['a CSS filter function', svgWith('<rect width="10" height="10" style="filter: blur(50px)"/>'), 'filter'],
    ['a CSS filter in a style element', svgWith('<style>rect{filter:drop-shadow(0 0 90px red)}</style>'), 'filter'],
    ['a pattern', svgWith('<pattern id="p" width="1" height="1"><rect width="1" height="1"/></pattern>'), 'pattern'],
    ['a marker', svgWith('<marker id="m"><rect width="1" height="1"/></marker>'), 'marker'],
    ['animation', svgWith('<rect width="10" height="10"><animate attributeName="x" to="5"/></rect>'), '<animate>'],
    ['a filter under a prefix bound to SVG', '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:filter id="f"/></s:svg>', 'filter'],
    ['a <use> bomb (uses of groups of uses)', svgWith(useBomb), '<use> chains'],
    ['a <use> of its own ancestor', svgWith('<g id="g"><rect width="1" height="1"/><use href="#g"/></g>'), '<use> chains'],
    ['too many <use> elements', svgWith('<rect id="r" width="1" height="1"/>' + '<use href="#r"/>'.repeat(201)), '<use>'],
    ['too many elements', svgWith('<rect width="1" height="1"/>'.repeat(5_001)), 'elements'],
    ['deep nesting', svgWith('<g>'.repeat(70) + '</g>'.repeat(70)), 'deep'],
    ['unbalanced tags', svgWith('<g><rect width="1" height="1">'), 'well-formed'],
  ])('refuses %s', (_label, svg, reason) => {
    expect(unsafeSvgReason(svg)).toEqual(expect.stringContaining(reason));
  });

  it('allows plain vector art with a gradient referenced by url(#g) and in-document links', () => {
    const clean =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      svgWith(
        '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#0b5fff"/><stop offset="1" stop-color="#00c2a8"/></linearGradient>' +
          '<symbol id="dot"><circle cx="5" cy="5" r="5"/></symbol></defs>' +
          '<rect x="0" y="0" width="100" height="40" rx="6" fill="url(#g)" style="stroke: url( #g )"/>' +
          '<style>circle { fill: url("#g"); stroke: url( \'#g\' ) }</style>' +
          '<use href="#dot" x="10" y="10"/><use xlink:href="#dot" x="30" y="10"/>' +
          '<text x="50" y="25" font-family="sans-serif" font-size="12" fill="#fff">Bluepeak</text>',
      );
    expect(unsafeSvgReason(clean)).toBeNull();
  });

  it('allows an editor export: comments, CDATA styles, clip paths, masks and the editor\'s own metadata', () => {
    const inkscape =
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" ' +
      'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="120" height="40" viewBox="0 0 120 40">' +
      '<sodipodi:namedview id="nv" inkscape:zoom="1"/><title>Logo</title>' +
      '<style><![CDATA[.a { fill: #0b5fff }]]></style>' +
      '<defs><clipPath id="c"><rect width="60" height="40"/></clipPath><mask id="m"><rect width="120" height="40" fill="#fff"/></mask></defs>' +
      '<g clip-path="url(#c)" mask="url(#m)"><path class="a" d="M0 0h120v40H0z"/></g></svg>';
    expect(unsafeSvgReason(inkscape)).toBeNull();
  });
});

describe('ImageService.normaliseLogo', () => {
  const images = new ImageService(loadConfig({}));
  afterAll(() => images.onApplicationShutdown());
  const options = { maxInputPixels: 1_000_000, maxSide: 256, field: 'logo' };

  async function rejection(input: Buffer, opts = options): Promise<DomainError> {
    const error: unknown = await images.normaliseLogo(input, opts).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  }

  it('trims the plain border, fits inside maxSide and returns PNG', async () => {
    // A 600×100 bar on a white 800×200 canvas.
    const input = await sharp({ create: { width: 800, height: 200, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 600, height: 100, channels: 3, background: '#0b5fff' } }, left: 100, top: 50 }])
      .png()
      .toBuffer();
    const out = await images.normaliseLogo(input, options);
    expect(out).toMatchObject({ contentType: 'image/png', width: 256, height: 43 });
    expect(await sharp(out.data).metadata()).toMatchObject({ format: 'png', width: 256, height: 43 });
  });

  it('does not enlarge a small logo', async () => {
    const out = await images.normaliseLogo(await square().png().toBuffer(), options);
    expect([out.width, out.height]).toEqual([16, 16]);
  });

  it('names the configured field and the right code in each rejection', async () => {
    const cases: [Buffer, string, number][] = [
      [Buffer.from('hello'), 'IMAGE_UNSUPPORTED_TYPE', 415],
      [Buffer.from(svgWith('<script>x()</script>')), 'IMAGE_UNSAFE_SVG', 422],
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage'.repeat(10))]), 'IMAGE_UNREADABLE', 422],
      [await sharp({ create: { width: 1001, height: 1000, channels: 3, background: '#fff' } }).png().toBuffer(), 'IMAGE_TOO_MANY_PIXELS', 422],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><rect width="1" height="1"/></svg>'), 'IMAGE_TOO_MANY_PIXELS', 422],
    ];
    for (const [input, code, statusCode] of cases) {
      const error = await rejection(input);
      expect({ code: error.code, statusCode: error.statusCode, details: error.details }).toEqual({
        code,
        statusCode,
        details: { fields: [{ field: 'logo', problems: [expect.any(String)] }] },
      });
    }
  });

  it('accepts an image of exactly maxInputPixels', async () => {
    const input = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#0b5fff' } })
      .png()
      .toBuffer();
    const out = await images.normaliseLogo(input, options);
    expect([out.width, out.height]).toEqual([256, 256]);
  });
});
