import { FieldProblem, ValidationFailedError } from '../errors/domain-error';

/** Deepest nesting of objects and arrays a request body may have (the validation pipe recurses). */
export const MAX_INPUT_DEPTH = 64;

/** Bad fields named in one answer: enough to fix a form, bounded for a hostile body. */
const MAX_PROBLEMS = 20;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a text cannot be stored as text, or null. PostgreSQL refuses NUL in `text` and `jsonb` (so it
 * surfaced as a 500), and a lone UTF-16 surrogate has no UTF-8 form: the driver would silently
 * store U+FFFD instead of what was sent.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (not valid Unicode text)';
  return null;
}

/** A key as it can be shown in a field path: its unstorable characters written as `\uXXXX`. */
function printableKey(key: string): string {
  if (textProblem(key) === null) return key;
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    out += code === 0 || (code >= 0xd800 && code <= 0xdfff) ? `\\u${code.toString(16).padStart(4, '0')}` : key[i];
  }
  return out;
}

/**
 * Every string (values and keys, at any depth, arrays included) of a parsed body, query or route
 * params that is not storable text, named by its path (`address.line1`, `items.0.name`). Walks
 * with its own stack, so a hostile nesting cannot overflow the call stack; nesting past
 * `maxDepth` is one problem named `body`.
 */
export function findInputProblems(value: unknown, options: { root?: string; maxDepth?: number } = {}): FieldProblem[] {
  const maxDepth = options.maxDepth ?? MAX_INPUT_DEPTH;
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: options.root ?? '', depth: 0 }];
  const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) problems.push({ field: item.path === '' ? 'body' : item.path, problems: [problem] });
      continue;
    }
    // Raw bodies (a Buffer) are not text input; their own parser decides.
    if (typeof item.value !== 'object' || item.value === null || ArrayBuffer.isView(item.value)) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      return [{ field: options.root || 'body', problems: [`must not be nested deeper than ${maxDepth} levels`] }];
    }
    if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) stack.push({ value: item.value[i] as unknown, path: join(item.path, String(i)), depth });
      continue;
    }
    const keys = Object.keys(item.value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const path = join(item.path, printableKey(key));
      const keyProblem = textProblem(key);
      if (keyProblem) problems.push({ field: path, problems: [`name ${keyProblem}`] });
      else stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth });
    }
  }
  return problems;
}

/**
 * The one text rule for HTTP input: body, query string and route params. Throws a 400 naming
 * every bad field; the body's nesting is checked in the same walk, before any validation runs.
 */
export function assertTextInput(input: { body?: unknown; query?: unknown; params?: unknown }): void {
  const problems = [
    ...findInputProblems(input.params, { root: '' }),
    ...findInputProblems(input.query, { root: '' }),
    ...findInputProblems(input.body),
  ];
  if (problems.length > 0) throw new ValidationFailedError(problems.slice(0, MAX_PROBLEMS));
}

/**
 * An uploaded file's bytes as text: UTF-8, except that an encoded UTF-16 surrogate (ED A0–BF xx,
 * what some exporters write for half of an emoji) decodes to that surrogate, so the text rule can
 * reject the one cell that holds it instead of the whole file. Any other invalid byte: null.
 */
export function decodeUtf8Text(bytes: Uint8Array): string | null {
  const first = new TextDecoder('utf-8', { fatal: true });
  try {
    return first.decode(bytes);
  } catch {
    // Fall through: look for encoded surrogates.
  }
  const rest = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let out = '';
  let start = 0;
  try {
    for (let i = 0; i + 2 < bytes.length; i++) {
      const b1 = bytes[i + 1]!;
      const b2 = bytes[i + 2]!;
      if (bytes[i] !== 0xed || b1 < 0xa0 || b1 > 0xbf || b2 < 0x80 || b2 > 0xbf) continue;
      out += (start === 0 ? first : rest).decode(bytes.subarray(start, i));
      out += String.fromCharCode(0xd000 | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
      start = i + 3;
      i += 2;
    }
    if (start === 0) return null;
    return out + rest.decode(bytes.subarray(start));
  } catch {
    return null;
  }
}
