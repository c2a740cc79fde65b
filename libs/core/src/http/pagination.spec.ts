import { ValidationFailedError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, toPage } from './pagination';

function cursorError(cursor: string, arity: number): ValidationFailedError {
  try {
    decodeCursor(cursor, arity);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it.each([
    [['acme corp', '9b0e8a52-6c1f-4f7e-9d59-1f0c2a7b3e11']],
    [['2026-11-02T09:00:00.000Z', 'id']],
    [[42, 'x']],
    [['Ünïcødé ✓ 日本', -1.5, '']],
    [['quotes " and \\ backslashes', 0]],
  ])('round-trips %j', (values) => {
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, values.length)).toEqual(values);
  });

  it('passes an absent cursor through as undefined', () => {
    expect(decodeCursor(undefined, 2)).toBeUndefined();
  });

  it.each([
    ['the wrong number of parts', encodeCursor(['a', 'b', 'c']), 2],
    ['too few parts', encodeCursor(['a']), 2],
    ['an empty array', encodeCursor([]), 1],
    ['an object part', b64(JSON.stringify(['a', { id: 1 }])), 2],
    ['a null part', b64(JSON.stringify(['a', null])), 2],
    ['a boolean part', b64(JSON.stringify([true, 'b'])), 2],
    ['a JSON object', b64(JSON.stringify({ 0: 'a', 1: 'b', length: 2 })), 2],
    ['a JSON string', b64(JSON.stringify('ab')), 2],
    ['base64 of something that is not JSON', b64('not json'), 2],
    ['not base64 at all', '%%%***', 2],
    ['an empty string', '', 2],
  ])('refuses %s with a 400 naming cursor', (_label, cursor, arity) => {
    const error = cursorError(cursor, arity);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ field: 'cursor', problems: ['is not a cursor this list returned'] }]);
  });
});

describe('toPage', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, name: `Name ${i}` }));
  const cursorOf = (row: { id: string; name: string }) => [row.name.toLowerCase(), row.id];

  it('returns limit items and a cursor of the last item returned when one more row was fetched', () => {
    const page = toPage(rows(4), 3, cursorOf);
    expect(page.items.map((r) => r.id)).toEqual(['id-0', 'id-1', 'id-2']);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!, 2)).toEqual(['name 2', 'id-2']);
  });

  it.each([
    ['exactly limit rows', 3],
    ['fewer rows than limit', 2],
    ['no rows', 0],
  ])('has no next page with %s', (_label, n) => {
    const page = toPage(rows(n), 3, cursorOf);
    expect(page.items).toHaveLength(n);
    expect(page.nextCursor).toBeNull();
  });

  it('pages through a list without skipping or repeating a row', () => {
    const all = rows(7);
    const seen: string[] = [];
    let after: (string | number)[] | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const start = after ? all.findIndex((r) => r.id === after![1]) + 1 : 0;
      const page = toPage(all.slice(start, start + 3 + 1), 3, cursorOf);
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      after = decodeCursor(page.nextCursor, 2);
    }
    expect(seen).toEqual(all.map((r) => r.id));
  });
});
