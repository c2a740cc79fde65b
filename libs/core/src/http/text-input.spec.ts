import { decodeUtf8Text, findInputProblems, textProblem } from './text-input';

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

  it('decodes UTF-8, keeps an encoded lone surrogate as one for the cell check, and refuses other bad bytes', () => {
    expect(decodeUtf8Text(Buffer.from('\uFEFFa,é,😀'))).toBe('a,é,😀');
    const withSurrogate = decodeUtf8Text(Buffer.concat([Buffer.from('a,b'), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from(',é')]));
    expect(withSurrogate).toBe('a,b\ud83d,é');
    expect(textProblem(withSurrogate!)).toMatch(/surrogate/);
    expect(decodeUtf8Text(Buffer.from([0x61, 0xe9, 0x62]))).toBeNull();
    expect(decodeUtf8Text(Buffer.concat([Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from([0xff])]))).toBeNull();
  });
});
