import Handlebars from 'handlebars';
import { escapeHtml } from '@app/core';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

/** Helpers a template may call; nothing else is registered in the isolated instance. */
export const TEMPLATE_HELPERS = ['paragraphs', 'formatDate'] as const;
const BLOCK_HELPERS = ['if', 'unless'] as const;

export interface VariableUse {
  /** `headline`, `brand.primary`, `recipient.firstName` */
  path: string;
  helper: (typeof TEMPLATE_HELPERS)[number] | (typeof BLOCK_HELPERS)[number] | null;
  line: number;
  column: number;
}

export interface SourceProblem {
  line: number;
  message: string;
}

/** A span of the source that the MJML pass must mask: a mustache, or a block's open/else/close tag. */
export interface MaskSpan {
  start: number;
  end: number;
  /** The variable it prints, when it prints one (not for block tags). */
  path: string | null;
}

export interface TemplateAnalysis {
  uses: VariableUse[];
  spans: MaskSpan[];
  problems: SourceProblem[];
}

/**
 * Parses Handlebars source and checks it uses only what templates may: `{{path}}`,
 * `{{paragraphs path}}`, `{{formatDate path}}` and `{{#if path}}…{{else}}…{{/if}}` (or unless).
 * Partials, triple braces, `this`, `../`, `@data`, literals, hashes and sub-expressions are refused.
 */
export function analyseTemplate(source: string): TemplateAnalysis {
  const problems: SourceProblem[] = [];
  const uses: VariableUse[] = [];
  const spans: MaskSpan[] = [];
  let ast: Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = Number(/line (\d+)/i.exec(message)?.[1] ?? 1);
    // Handlebars says "Parse error on line N:", shows the source, then what it expected: keep the first and last.
    const lines = message.split('\n').filter((l) => l.trim() !== '');
    const detail = lines.length > 1 ? ` ${lines[lines.length - 1]!.trim()}` : '';
    return { uses, spans, problems: [{ line, message: `Handlebars syntax: ${lines[0] ?? message}${detail}` }] };
  }
  const offsets = lineOffsets(source);
  const offsetOf = (pos: hbs.AST.Position) => (offsets[pos.line - 1] ?? 0) + pos.column;

  const pathOf = (node: Node, line: number): string | null => {
    if (node.type !== 'PathExpression') {
      problems.push({ line, message: 'only field names may be used here (no literals or sub-expressions)' });
      return null;
    }
    const path = node as hbs.AST.PathExpression;
    if (path.data || path.depth > 0 || path.parts.length === 0 || /^this\b|\.\./.test(path.original)) {
      problems.push({ line, message: `"${path.original}" is not allowed: use a declared field name` });
      return null;
    }
    return path.parts.join('.');
  };

  const visit = (program: Program | undefined) => {
    for (const node of program?.body ?? []) {
      const line = node.loc?.start.line ?? 1;
      switch (node.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const m = node as hbs.AST.MustacheStatement;
          if (!m.escaped) {
            problems.push({ line, message: 'triple braces {{{…}}} are not allowed; values are always escaped' });
            break;
          }
          if (m.hash && m.hash.pairs.length > 0) problems.push({ line, message: 'hash arguments are not allowed' });
          let use: VariableUse | null = null;
          if (m.params.length === 0) {
            const path = pathOf(m.path, line);
            if (path) use = { path, helper: null, line, column: m.loc.start.column };
          } else {
            const helper = m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : '';
            if (!(TEMPLATE_HELPERS as readonly string[]).includes(helper) || m.params.length !== 1) {
              problems.push({ line, message: `helper "${helper}" is not available (use ${TEMPLATE_HELPERS.join(', ')})` });
              break;
            }
            const path = pathOf(m.params[0]!, line);
            if (path) use = { path, helper: helper as VariableUse['helper'], line, column: m.loc.start.column };
          }
          if (use) {
            uses.push(use);
            spans.push({ start: offsetOf(m.loc.start), end: offsetOf(m.loc.end), path: use.path });
          }
          break;
        }
        case 'BlockStatement': {
          const b = node as hbs.AST.BlockStatement;
          const helper = b.path.type === 'PathExpression' ? (b.path).original : '';
          if (!(BLOCK_HELPERS as readonly string[]).includes(helper) || b.params.length !== 1 || (b.hash && b.hash.pairs.length > 0)) {
            problems.push({ line, message: `block "{{#${helper}}}" is not allowed (use {{#if field}} or {{#unless field}})` });
            break;
          }
          // `{{^if x}}` has no program, and `{{else if y}}` nests a block whose tags the spans below cannot cut out.
          if (!b.program) {
            problems.push({ line, message: `"{{^${helper}}}" is not allowed (use {{#unless field}} or {{#if field}})` });
            break;
          }
          if ((b.inverse as (Program & { chained?: boolean }) | undefined)?.chained) {
            problems.push({ line: b.inverse?.body[0]?.loc?.start.line ?? line, message: '"{{else if …}}" is not allowed: nest an {{#if field}} inside {{else}}' });
            break;
          }
          const path = pathOf(b.params[0]!, line);
          if (path) uses.push({ path, helper: helper as VariableUse['helper'], line, column: b.loc.start.column });
          // Open tag, optional {{else}}, close tag: masked as text so MJML sees plain words.
          const blockStart = offsetOf(b.loc.start);
          const blockEnd = offsetOf(b.loc.end);
          const programStart = b.program.loc ? offsetOf(b.program.loc.start) : blockStart;
          const programEnd = b.program.loc ? offsetOf(b.program.loc.end) : blockEnd;
          spans.push({ start: blockStart, end: programStart, path: null });
          if (b.inverse?.loc) {
            spans.push({ start: programEnd, end: offsetOf(b.inverse.loc.start), path: null });
            spans.push({ start: offsetOf(b.inverse.loc.end), end: blockEnd, path: null });
          } else {
            spans.push({ start: programEnd, end: blockEnd, path: null });
          }
          visit(b.program);
          visit(b.inverse);
          break;
        }
        default:
          problems.push({ line, message: `${node.type.replace(/Statement$/, '').toLowerCase()} is not allowed in templates` });
      }
    }
  };
  visit(ast);
  return { uses, spans: spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start), problems };
}

function lineOffsets(source: string): number[] {
  const offsets = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') offsets.push(i + 1);
  return offsets;
}

/** Text → safe HTML paragraphs: escaped, blank lines split paragraphs, single newlines become <br>. */
export function paragraphsHtml(text: string): string {
  if (text.trim() === '') return '';
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => `<p>${block.split('\n').map((line) => escapeHtml(line.trim())).join('<br>')}</p>`)
    .join('');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-12-01` → `1 December 2026`: the same text for everyone, whatever the server's locale. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return value;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** Text → plain-text paragraphs separated by a blank line. */
export function paragraphsText(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).join('\n'))
    .join('\n\n');
}

/**
 * An isolated Handlebars instance with only our helpers (no partials, no prototype access).
 * `html` output escapes every value; `text` output (subjects, plain-text parts, social posts) does
 * not, so text values are checked for control characters when they are edited.
 */
export function createEngine(output: 'html' | 'text'): typeof Handlebars {
  const engine = Handlebars.create();
  // Handlebars.create() brings the built-in helpers; only if and unless (and the internal *Missing hooks) stay.
  for (const name of DISABLED_BUILT_INS) engine.unregisterHelper(name);
  engine.registerHelper('paragraphs', (value: unknown) => {
    const text = typeof value === 'string' ? value : '';
    return output === 'html' ? new engine.SafeString(paragraphsHtml(text)) : paragraphsText(text);
  });
  engine.registerHelper('formatDate', (value: unknown) => formatDate(typeof value === 'string' ? value : ''));
  return engine;
}

const DISABLED_BUILT_INS = ['each', 'with', 'lookup', 'log'] as const;

export const COMPILE_OPTIONS = {
  // false, not absent: the compiler starts from the built-ins as known helpers, so `{{lookup a b}}` would compile and
  // `{{log}}` would call the helper rather than print the field.
  knownHelpers: { paragraphs: true, formatDate: true, if: true, unless: true, each: false, with: false, lookup: false, log: false },
  knownHelpersOnly: true,
  strict: false,
  preventIndent: true,
} as const;
