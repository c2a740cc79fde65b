import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { isUuid } from './uuid.pipe';

export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` on every list. Cursors are opaque to clients. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/**
 * `ILIKE` pattern for "contains `text`", with `\`, `%` and `_` escaped so they are searched for as
 * themselves (use with `ESCAPE '\'`). Leading and trailing spaces are dropped.
 */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`, checking it has `arity` string/number parts and, when
 * given, that `valid` accepts them (so a tampered cursor is a 400, not a failed query).
 */
export function decodeCursor(
  cursor: string | undefined,
  arity: number,
  valid: (values: (string | number)[]) => boolean = () => true,
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number') && valid(values)) {
      return values;
    }
  } catch {
    // fall through to the validation error
  }
  throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

/** A `[createdAt ISO string, uuid]` cursor, as lists keyed by (created_at, id) make. */
export function isCreatedAtCursor([createdAt, id]: (string | number)[]): boolean {
  return typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && isUuid(id);
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
