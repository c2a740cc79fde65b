import { containsPattern } from '@app/core';
import type { AssetType } from './asset.types';

/** What both asset lists filter on (the repository supplies the tables). */
export interface AssetFilter {
  q?: string;
  type?: AssetType;
  tag?: string;
  limit: number;
}

/** Positional parameters for hand-built queries. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The status `statusAt` gives, in SQL, so lists can filter on what a user sees now (the sweep may be a minute behind). */
export function statusSql(params: Params, now: Date, warningDays: number[]): string {
  const n = params.add(now);
  const w = params.add(Math.max(0, ...warningDays));
  return `(CASE WHEN a.status = 'archived' THEN 'archived'
    WHEN a.expires_at IS NOT NULL AND a.expires_at <= ${n}::timestamptz THEN 'expired'
    WHEN a.publish_at > ${n}::timestamptz THEN 'scheduled'
    WHEN a.expires_at IS NOT NULL AND a.expires_at - make_interval(days => ${w}::int) <= ${n}::timestamptz THEN 'expiring'
    ELSE 'live' END)`;
}

/** Search, type and tag: what both lists filter on. */
export function commonWhere(params: Params, filter: AssetFilter): string[] {
  const where: string[] = [];
  if (filter.q?.trim()) {
    const pattern = params.add(containsPattern(filter.q));
    where.push(`(a.title ILIKE ${pattern} OR a.description ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE t ILIKE ${pattern}))`);
  }
  if (filter.type) where.push(`a.type = ${params.add(filter.type)}`);
  if (filter.tag?.trim()) where.push(`EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(t) = lower(${params.add(filter.tag.trim())}))`);
  return where;
}
