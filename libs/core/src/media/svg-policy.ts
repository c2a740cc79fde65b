/**
 * What an uploaded SVG may contain before it is rasterised. An allowlist, not a blocklist: librsvg
 * draws filters, patterns, markers and embedded images at a cost unrelated to the file's size (a
 * 286-byte `<feMorphology>` keeps a core busy for minutes), so only plain vector art is drawn. The
 * scan is a single pass over the text (no backtracking), and it runs in the image sandbox process
 * under the deadline like the rasterising itself.
 */
export const SVG_LIMITS = {
  /** Elements in the whole document. */
  elements: 5_000,
  /** Nesting depth. */
  depth: 64,
  /** `<use>` elements in the whole document. */
  uses: 200,
} as const;

/** Shapes, text, gradients, clipping and masking, grouping, local reuse, styles and metadata. */
const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'metadata', 'a',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan',
  'linearGradient', 'radialGradient', 'stop',
  'clipPath', 'mask', 'symbol', 'use', 'style',
]);

/** Elements refused with a reason a partner can act on; anything else off the list gets a generic one. */
function refusedElementReason(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'filter' || lower.startsWith('fe')) return `uses SVG filter effects (<${name}>), which can take minutes to draw`;
  if (lower === 'pattern') return 'uses a <pattern> fill, which can take minutes to draw';
  if (lower === 'image') return 'embeds another image (<image>)';
  if (lower === 'foreignobject') return 'contains foreignObject (embedded HTML)';
  if (lower === 'script') return 'contains a script';
  if (lower === 'marker') return 'uses <marker>, which is drawn once per vertex';
  return `uses the <${name}> element, which is not allowed in a logo`;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** Prefixes editors write for their own metadata; the renderer skips elements outside the SVG namespace. */
const METADATA_PREFIXES = new Set(['sodipodi', 'inkscape', 'rdf', 'cc', 'dc', 'sketch', 'serif', 'figma', 'i', 'x', 'a', 'graph']);

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE_NAME = /[^\s=/>"'<]+/y;
const LOCAL_URL = /url\s*\(\s*(["']?)#[^\s"'()]+\1\s*\)/gi;
const ANY_URL = /url\s*\(/gi;
const LOCAL_HREF = /^\s*#[^\s"'()]+\s*$/;

/** Why CSS text (a style attribute or a <style> element) is refused, or null. */
function unsafeCssReason(css: string): string | null {
  if (/@import/i.test(css)) return 'imports a style sheet';
  if (/javascript:/i.test(css)) return 'contains a javascript: URL';
  if (/expression\s*\(/i.test(css)) return 'contains a CSS expression';
  // CSS filter functions (blur(), drop-shadow()) cost as much as filter elements.
  if (/(^|[\s;{"'])filter\s*:/i.test(css)) return 'uses SVG filter effects (the CSS filter property), which can take minutes to draw';
  if ((css.match(ANY_URL)?.length ?? 0) !== (css.match(LOCAL_URL)?.length ?? 0)) return 'references external content in a style (only url(#id) inside the file is allowed)';
  return null;
}

function unsafeAttributeReason(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  if (lower === 'xmlns' || lower.startsWith('xmlns:')) return null;
  if (lower.startsWith('on')) return 'contains an event handler attribute';
  if (/javascript:/i.test(value)) return 'contains a javascript: URL';
  const local = lower.includes(':') ? lower.slice(lower.lastIndexOf(':') + 1) : lower;
  if (local === 'href') {
    if (LOCAL_HREF.test(value)) return null;
    return /^\s*data:/i.test(value)
      ? 'references embedded data (a data: URL); only links to #id inside the file are allowed'
      : 'references external content; only links to #id inside the file are allowed';
  }
  if (local === 'filter') return 'uses SVG filter effects (a filter attribute), which can take minutes to draw';
  if (local === 'style') return unsafeCssReason(value);
  if ((value.match(ANY_URL)?.length ?? 0) !== (value.match(LOCAL_URL)?.length ?? 0)) {
    return 'references external content in a style (only url(#id) inside the file is allowed)';
  }
  return null;
}

interface Open {
  name: string;
  id: string | null;
  containsUse: boolean;
}

/**
 * Why an SVG is refused, or null when it is plain vector art within `SVG_LIMITS`. Refused: a
 * DOCTYPE or entities, processing instructions other than the XML declaration, any element off
 * the allowlist (filters and every `fe*` primitive, `feImage`, `pattern`, `marker`, `image`,
 * `foreignObject`, `script`, animation, fonts, `switch`), event handlers, `href`/`xlink:href` to
 * anything but `#id` (external, `file:`, `data:`), `url(…)` to anything but `#id`, the `filter`
 * attribute and CSS property, `@import`, a `<use>` whose target itself contains a `<use>` (chains
 * and the "billion laughs" bomb), and documents that are not well-formed tags.
 */
export function unsafeSvgReason(svg: string): string | null {
  const stack: Open[] = [];
  const idsWithUse = new Set<string>();
  const useTargets: string[] = [];
  const svgPrefixes = new Set<string>(['svg']);
  let elements = 0;
  let uses = 0;
  let rootSeen = false;
  let i = 0;
  const n = svg.length;
  const textReason = (text: string): string | null => (stack.at(-1)?.name === 'style' ? unsafeCssReason(text) : null);

  while (i < n) {
    const lt = svg.indexOf('<', i);
    if (lt < 0) {
      if (svg.slice(i).trim() !== '' && stack.length === 0) return 'is not a well-formed SVG document';
      const reason = textReason(svg.slice(i));
      if (reason) return reason;
      break;
    }
    if (lt > i) {
      const text = svg.slice(i, lt);
      if (stack.length === 0 && text.replace(/^\uFEFF/, '').trim() !== '') return 'is not a well-formed SVG document';
      const reason = textReason(text);
      if (reason) return reason;
    }
    i = lt;
    if (svg.startsWith('<!--', i)) {
      const end = svg.indexOf('-->', i + 4);
      if (end < 0) return 'is not a well-formed SVG document';
      i = end + 3;
      continue;
    }
    if (svg.startsWith('<![CDATA[', i)) {
      const end = svg.indexOf(']]>', i + 9);
      if (end < 0) return 'is not a well-formed SVG document';
      const reason = textReason(svg.slice(i + 9, end));
      if (reason) return reason;
      i = end + 3;
      continue;
    }
    if (svg.startsWith('<!', i)) return 'declares a DOCTYPE or entities (export it as plain SVG)';
    if (svg.startsWith('<?', i)) {
      const end = svg.indexOf('?>', i + 2);
      if (end < 0) return 'is not a well-formed SVG document';
      // Only the XML declaration: <?xml-stylesheet?> would make the renderer fetch a style sheet.
      if (rootSeen || !/^<\?xml\s/.test(svg.slice(i, end + 2))) return 'contains a processing instruction (such as xml-stylesheet)';
      i = end + 2;
      continue;
    }
    if (svg.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const match = NAME.exec(svg);
      const close = svg.indexOf('>', i + 2);
      const open = stack.pop();
      if (!match || close < 0 || !open || open.name !== match[0] || svg.slice(NAME.lastIndex, close).trim() !== '') return 'is not a well-formed SVG document';
      if (open.id && open.containsUse) idsWithUse.add(open.id);
      i = close + 1;
      continue;
    }

    NAME.lastIndex = i + 1;
    const match = NAME.exec(svg);
    if (!match) return 'is not a well-formed SVG document';
    const qualified = match[0];
    let j = NAME.lastIndex;
    const attributes: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      while (j < n && /\s/.test(svg[j]!)) j++;
      if (svg.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (svg[j] === '>') {
        j += 1;
        break;
      }
      ATTRIBUTE_NAME.lastIndex = j;
      const attribute = ATTRIBUTE_NAME.exec(svg);
      if (!attribute) return 'is not a well-formed SVG document';
      j = ATTRIBUTE_NAME.lastIndex;
      while (j < n && /\s/.test(svg[j]!)) j++;
      if (svg[j] !== '=') return 'is not a well-formed SVG document';
      j++;
      while (j < n && /\s/.test(svg[j]!)) j++;
      const quote = svg[j];
      if (quote !== '"' && quote !== "'") return 'is not a well-formed SVG document';
      const end = svg.indexOf(quote, j + 1);
      if (end < 0) return 'is not a well-formed SVG document';
      attributes.push([attribute[0], svg.slice(j + 1, end)]);
      j = end + 1;
    }
    i = j;

    if (stack.length === 0) {
      if (rootSeen) return 'is not a well-formed SVG document';
      rootSeen = true;
    }
    for (const [name, value] of attributes) {
      if (name.startsWith('xmlns:') && value.trim() === SVG_NAMESPACE) svgPrefixes.add(name.slice(6));
    }
    const colon = qualified.indexOf(':');
    const prefix = colon >= 0 ? qualified.slice(0, colon) : null;
    const local = colon >= 0 ? qualified.slice(colon + 1) : qualified;
    // An editor's metadata element (sodipodi:namedview) is skipped by the renderer, unless its prefix is bound to SVG.
    const metadata = prefix !== null && METADATA_PREFIXES.has(prefix) && !svgPrefixes.has(prefix);
    if (prefix !== null && !metadata && !svgPrefixes.has(prefix)) return `uses the <${qualified}> element, which is not allowed in a logo`;
    if (!metadata && !ALLOWED_ELEMENTS.has(local)) return refusedElementReason(local);
    if (stack.length === 0 && local !== 'svg') return 'is not a well-formed SVG document';

    elements++;
    if (elements > SVG_LIMITS.elements) return `has more than ${SVG_LIMITS.elements.toLocaleString('en')} elements`;
    if (stack.length + 1 > SVG_LIMITS.depth) return `nests elements more than ${SVG_LIMITS.depth} deep`;
    for (const [name, value] of attributes) {
      const reason = unsafeAttributeReason(name, value);
      if (reason) return reason;
    }
    let id: string | null = null;
    for (const [name, value] of attributes) if (name === 'id' || name === 'xml:id') id = value.trim();
    if (local === 'use' && !metadata) {
      uses++;
      if (uses > SVG_LIMITS.uses) return `has more than ${SVG_LIMITS.uses} <use> elements`;
      for (const [name, value] of attributes) {
        if (name === 'href' || name.endsWith(':href')) useTargets.push(value.trim().slice(1));
      }
      for (const open of stack) open.containsUse = true;
    }
    const element: Open = { name: qualified, id, containsUse: local === 'use' && !metadata };
    if (selfClosing) {
      if (element.id && element.containsUse) idsWithUse.add(element.id);
    } else {
      stack.push(element);
    }
  }
  if (!rootSeen || stack.length > 0) return 'is not a well-formed SVG document';
  if (useTargets.some((target) => idsWithUse.has(target))) {
    return 'reuses a group that itself reuses another (<use> chains are refused)';
  }
  return null;
}
