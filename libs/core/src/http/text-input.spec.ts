import { findInputProblems, textProblem } from './text-input';

describe('text input rule', () => {
  it('accepts real text, surrogate pairs (emoji) included, and refuses NUL and lone surrogates', () => {
    expect(textProblem('Café 😀 — ok')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('a\ud83d')).toMatch(/surrogate/);
    expect(textProblem('\ude00a')).toMatch(/surrogate/);
    expect(textProblem('\ude00\ud83d')).toMatch(/surrogate/);
  });

  it('names each bad value and key by its path, arrays included', () => {
    const problems = findInputProblems({ address: { line1: 'x\u0000' }, items: [{ name: 'ok' }, { name: '\ud800' }], ['k\u0000']: 1 });
    expect(problems.map((p) => p.field).sort()).toEqual(['address.line1', 'items.1.name', 'k\\u0000']);
  });

  it('refuses nesting past the bound without recursing, and allows it up to the bound', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblems(deep)).toEqual([{ field: 'body', problems: ['must not be nested deeper than 64 levels'] }]);
    let atLimit: unknown = 'x';
    for (let i = 0; i < 64; i++) atLimit = { a: atLimit };
    expect(findInputProblems(atLimit)).toEqual([]);
  });
});
