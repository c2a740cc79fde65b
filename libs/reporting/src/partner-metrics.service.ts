import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, isUuid, NotFoundError } from '@app/core';
import { PartnerMetricsDto, PartnerMetricsPageDto, PartnerMetricsQuery, PartnerMetricsSort } from './partner-metrics.dto';
import { PartnerMetricsKey, PartnerMetricsRepository, PartnerMetricsRow } from './partner-metrics.repository';

const DEFAULT_PAGE = 25;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * The vendor's partners list: every partner with its tier, time to first deal and latest
 * activity, searched, filtered and sorted in the database. Vendor users only (the route says so):
 * it spans every partner.
 */
@Injectable()
export class PartnerMetricsService {
  constructor(private readonly repository: PartnerMetricsRepository) {}

  async list(query: PartnerMetricsQuery): Promise<PartnerMetricsPageDto> {
    const sort = query.sort ?? 'name';
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeAfter(query.cursor, sort);
    const filter = { ...(query.q ? { q: query.q } : {}), ...(query.tierId ? { tierId: query.tierId } : {}), ...(query.region ? { region: query.region } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await Promise.all([this.repository.page(filter, sort, { limit: limit + 1, ...(after ? { after } : {}) }), this.repository.count(filter)]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toDto),
      nextCursor: rows.length > limit && last ? encodeCursor([sort, last.sortKey.flag, last.sortKey.key, last.sortKey.name, last.sortKey.id]) : null,
      total,
    };
  }

  async get(partnerId: string): Promise<PartnerMetricsDto> {
    const [row] = await this.repository.page({ partnerId }, 'name', { limit: 1 });
    if (!row) throw new NotFoundError('Partner');
    return toDto(row);
  }
}

/** A cursor names its sort: one from another sort is refused rather than read wrongly. */
function decodeAfter(cursor: string | undefined, sort: PartnerMetricsSort): PartnerMetricsKey | undefined {
  const values = decodeCursor(
    cursor,
    5,
    ([s, flag, key, name, id]) => s === sort && (flag === 0 || flag === 1) && typeof key === 'string' && NUMERIC.test(key) && typeof name === 'string' && isUuid(id),
  );
  if (!values) return undefined;
  return { flag: values[1] as number, key: values[2] as string, name: values[3] as string, id: values[4] as string };
}

function toDto(r: PartnerMetricsRow): PartnerMetricsDto {
  return {
    id: r.id,
    name: r.name,
    tier: { id: r.tierId, name: r.tierName },
    region: r.region,
    status: r.status,
    signedAt: r.signedAt,
    firstDealAt: r.firstDealAt?.toISOString() ?? null,
    timeToFirstDealDays: r.timeToFirstDealDays,
    lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
    lastActivity: r.lastActivity,
    liveLaunches: r.liveLaunches,
    deals: r.deals,
  };
}
