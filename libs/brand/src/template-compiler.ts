import mjml2html from 'mjml';
import { analyseTemplate, COMPILE_OPTIONS, createEngine, SourceProblem, VariableUse } from './handlebars-engine';
import { BRAND_TOKENS, FieldType, fieldType, Manifest, RECIPIENT_TOKENS } from './manifest';

export type TemplateKind = 'email' | 'landing_page' | 'banner' | 'social_post';

/** The namespaced values a kind of template may use without declaring them. */
export function builtInsFor(kind: TemplateKind): Map<string, FieldType> {
  const builtIns = new Map<string, FieldType>();
  for (const token of BRAND_TOKENS) {
    builtIns.set(`brand.${token}`, ['primary', 'secondary', 'accent', 'text', 'background'].includes(token) ? 'colour' : token === 'logoUrl' ? 'image' : 'text');
  }
  if (kind === 'email') {
    for (const token of RECIPIENT_TOKENS) builtIns.set(`recipient.${token}`, 'text');
    builtIns.set('links.unsubscribe', 'url');
    builtIns.set('links.viewInBrowser', 'url');
  }
  if (kind === 'landing_page') builtIns.set('links.leadForm', 'url');
  return builtIns;
}

/** Checks variable use against the manifest: every use declared, every declared field used. */
export function checkDeclarations(uses: VariableUse[], manifest: Manifest, kind: TemplateKind, alsoUsed: Set<string> = new Set()): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const declared = new Map(manifest.fields.map((f) => [f.key, f]));
  const builtIns = builtInsFor(kind);
  const used = new Set<string>(alsoUsed);
  for (const use of uses) {
    used.add(use.path);
    if (declared.has(use.path) || builtIns.has(use.path)) continue;
    const namespace = use.path.split('.')[0] ?? '';
    const hint = (['brand', 'recipient', 'links'] as string[]).includes(namespace)
      ? ` (${namespace}.* values here are: ${[...builtIns.keys()].filter((k) => k.startsWith(`${namespace}.`)).join(', ') || 'none'})`
      : ' in the manifest';
    problems.push({ line: use.line, message: `"${use.path}" is used but not declared${hint}` });
  }
  for (const field of manifest.fields) {
    if (!used.has(field.key)) problems.push({ line: 0, message: `field "${field.key}" is declared but never used` });
  }
  return problems;
}

const CONTEXT_COLOUR_ATTRIBUTE = /(?:color|colour|bgcolor)\s*=\s*["'][^"']*$/i;
const OPEN_TAG = /<[a-z][\w:-]*(?:\s[^<>]*)?$/i;
const OPEN_ATTRIBUTE = /\s([\w:-]+)\s*=\s*(?:"([^"]*)|'([^']*))$/;
const RAW_TEXT = /<(mj-style|style|script)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
/** A link whose scheme and host are fixed by the template: what follows cannot make it `javascript:`. */
const FIXED_URL_START = /^\s*(?:https?:\/\/[^/?#\s"']+|mailto:|tel:)/i;

/**
 * Why a variable may not stand where it does, if it may not. Values (partners' included) go into
 * text, `alt` and `title`; into `href`, `src` and `action` only as url/image values or after a fixed
 * `https://host`, so never as `javascript:`; into colour attributes as colours (checked apart); never
 * into CSS, scripts or any other attribute, where escaping does not make them safe.
 */
function placementProblem(before: string, path: string, type: FieldType | undefined): string | null {
  if (!OPEN_TAG.test(before)) return null;
  const attribute = OPEN_ATTRIBUTE.exec(before);
  if (!attribute) return `"${path}" must stand in text or inside a quoted attribute value`;
  const name = attribute[1]!.toLowerCase();
  const valueSoFar = attribute[2] ?? attribute[3] ?? '';
  if (/(?:color|colour)$/.test(name) || name === 'alt' || name === 'title') return null;
  if (name === 'font-family' && (path === 'brand.fontHeading' || path === 'brand.fontBody')) return null;
  if (name === 'href' || name === 'src' || name === 'action') {
    if (FIXED_URL_START.test(valueSoFar) || (valueSoFar.trim() === '' && (type === 'url' || type === 'image'))) return null;
    return `"${path}" is not a url or image field and cannot start the "${name}" attribute`;
  }
  return `"${path}" cannot be used in the "${name}" attribute (variables may stand in text, href, src, action, alt, title and colour attributes)`;
}

/**
 * Compiles an MJML template to HTML that still holds its Handlebars expressions, once per template
 * version. MJML's strict validation cannot read `{{…}}` in typed attributes, so each expression is
 * masked with a placeholder valid for its field type (a colour, an https URL, a word), MJML runs,
 * and the placeholders are put back. The result is then compiled by the isolated Handlebars.
 */
export async function compileMjml(
  source: string,
  manifest: Manifest,
  kind: 'email' | 'landing_page',
  /** Variables used elsewhere in the template (subject, preheader), for the declaration check. */
  extraUses: VariableUse[] = [],
): Promise<{ html: string; problems: SourceProblem[] }> {
  const analysis = analyseTemplate(source);
  const problems = [...analysis.problems];
  if (problems.length > 0) return { html: '', problems };
  problems.push(...checkDeclarations([...analysis.uses, ...extraUses], manifest, kind));

  const types = new Map<string, FieldType>([...builtInsFor(kind), ...manifest.fields.map((f) => [f.key, fieldType(f)] as const)]);
  const salt = uniqueSalt(source);
  const restore = new Map<string, string>();
  let masked = '';
  let cursor = 0;
  const rawText = [...source.matchAll(RAW_TEXT)].map((m) => [m.index, m.index + m[0].length] as const);
  analysis.spans.forEach((span, index) => {
    masked += source.slice(cursor, span.start);
    const original = source.slice(span.start, span.end);
    const type = span.path ? types.get(span.path) : undefined;
    const inColourAttribute = CONTEXT_COLOUR_ATTRIBUTE.test(masked.slice(-200));
    if (inColourAttribute && span.path && type !== 'colour') {
      // A text value in a style could smuggle CSS; colour attributes take colour fields only.
      problems.push({ line: lineAt(source, span.start), message: `"${span.path}" is not a colour field and cannot be used in a colour attribute` });
    }
    if (span.path) {
      const misplaced = rawText.some(([start, end]) => span.start >= start && span.start < end)
        ? `"${span.path}" cannot be used inside <mj-style>, <style> or <script>`
        : placementProblem(masked.slice(-2000), span.path, type);
      if (misplaced) problems.push({ line: lineAt(source, span.start), message: misplaced });
    }
    // Every form has a fixed width or ends in a letter, so a digit written right after an expression cannot turn its
    // placeholder into another's.
    const placeholder =
      type === 'colour' || inColourAttribute
        ? `#${salt.colour}${index.toString(16).padStart(4, '0')}`
        : type === 'url' || type === 'image'
          ? `https://ck-${salt.word}.invalid/${index}x`
          : `ck${salt.word}${index}x`;
    restore.set(placeholder.toLowerCase(), original);
    masked += placeholder;
    cursor = span.end;
  });
  masked += source.slice(cursor);

  let html: string;
  try {
    const result = await mjml2html(masked, { validationLevel: 'strict', ignoreIncludes: true, minify: false, keepComments: false });
    html = result.html;
  } catch (error) {
    const details = (error as { errors?: { line?: number; message?: string }[] }).errors;
    if (Array.isArray(details) && details.length > 0) {
      for (const detail of details) problems.push({ line: detail.line ?? 0, message: unmask(detail.message ?? 'invalid MJML', restore).trim() });
    } else {
      problems.push({ line: 0, message: `MJML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
    }
    return { html: '', problems };
  }
  const unmasked = unmask(html, restore);
  const leftover = new RegExp(`ck${salt.word}\\d+x|ck-${salt.word}\\.invalid|#${salt.colour}[0-9a-f]{4}`, 'i').exec(unmasked);
  if (leftover) problems.push({ line: 0, message: `a variable was moved or altered by MJML near "${leftover[0]}"; keep variables in text, href, src, alt, title or colour attributes` });
  return { html: unmasked, problems };
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function unmask(text: string, restore: Map<string, string>): string {
  if (restore.size === 0) return text;
  const pattern = new RegExp([...restore.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gi');
  return text.replace(pattern, (match) => restore.get(match.toLowerCase()) ?? match);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A marker that does not occur in the source, so placeholders never collide with real content. */
function uniqueSalt(source: string): { word: string; colour: string } {
  // Placeholders are put back case-insensitively (MJML may change a colour's case), so they are looked for that way.
  const lower = source.toLowerCase();
  for (let n = 0; ; n++) {
    const word = `v${n.toString(36)}`;
    const colour = (0xc0 + (n % 0x30)).toString(16);
    if (!lower.includes(`ck${word}`) && !lower.includes(`ck-${word}`) && !lower.includes(`#${colour}`)) return { word, colour };
  }
}

export type RenderFunction = (context: Record<string, unknown>) => string;

/** Compiles Handlebars source (already free of MJML) with the isolated engine. */
export function compileHandlebars(source: string, output: 'html' | 'text'): RenderFunction {
  const engine = createEngine(output);
  return engine.compile(source, { ...COMPILE_OPTIONS, noEscape: output === 'text' });
}
