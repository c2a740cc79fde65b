import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { humanClickSql } from './human-click';

export class ClickCounts {
  @ApiProperty({ description: 'every recorded click' }) raw!: number;
  @ApiProperty({ description: 'without the bots and mail scanners' }) filtered!: number;
  @ApiProperty({ description: 'distinct visitors among the filtered clicks' }) unique!: number;
  @ApiProperty() bots!: number;
  @ApiProperty({ description: 'mail security scanners following links' }) scanners!: number;
}

/** Pixel opens: approximate (image blocking, privacy proxies). */
export class OpenCounts {
  @ApiProperty() raw!: number;
  @ApiProperty() filtered!: number;
  @ApiProperty({ enum: [true], description: 'always true: image blocking and privacy proxies make pixel opens approximate' }) approximate!: true;
}

interface CountRow {
  key: string;
  raw: string;
  filtered: string;
  unique: string;
  bots: string;
  scanners: string;
}

const COUNTS = `count(*) AS raw,
  count(*) FILTER (WHERE ${humanClickSql()}) AS filtered,
  count(*) FILTER (WHERE is_unique AND ${humanClickSql()}) AS unique,
  count(*) FILTER (WHERE bot) AS bots,
  count(*) FILTER (WHERE scanner) AS scanners`;

/** Clicks and opens across several launches (a kit's). */
export interface LaunchesTotals {
  clicksRaw: number;
  clicksFiltered: number;
  clicksUnique: number;
  opensFiltered: number;
}

/** Click and open counts, raw and filtered side by side. */
@Injectable()
export class LinkStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async clicksByLink(linkIds: string[]): Promise<Map<string, ClickCounts>> {
    if (linkIds.length === 0) return new Map();
    const rows = await this.dataSource.query<CountRow[]>(
      `SELECT link_id AS key, ${COUNTS} FROM link_clicks WHERE link_id = ANY($1::uuid[]) GROUP BY link_id`,
      [linkIds],
    );
    return new Map(rows.map((r) => [r.key, counts(r)]));
  }

  async clicksOf(column: 'launch_id' | 'partner_id', id: string): Promise<ClickCounts> {
    // Partner totals through the partner's links: link_clicks has no partner index (cheaper inserts).
    const where = column === 'partner_id' ? 'link_id IN (SELECT id FROM trackable_links WHERE partner_id = $1)' : 'launch_id = $1';
    const rows = await this.dataSource.query<CountRow[]>(`SELECT '' AS key, ${COUNTS} FROM link_clicks WHERE ${where}`, [id]);
    return rows[0] ? counts(rows[0]) : empty();
  }

  async opensOf(column: 'launch_id' | 'partner_id', id: string): Promise<OpenCounts> {
    const rows = await this.dataSource.query<{ raw: string; filtered: string }[]>(
      `SELECT count(*) AS raw, count(*) FILTER (WHERE NOT bot) AS filtered FROM link_opens WHERE ${column} = $1`,
      [id],
    );
    return { raw: Number(rows[0]?.raw ?? 0), filtered: Number(rows[0]?.filtered ?? 0), approximate: true };
  }

  // For campaigns: what a lead's click pointed at, and totals across a kit's launches.

  /** Click id → the asset key of the link clicked. */
  async assetKeysOfClicks(clickIds: string[]): Promise<Map<string, string>> {
    if (clickIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ click_id: string; asset_key: string }[]>('SELECT click_id, asset_key FROM link_clicks WHERE click_id = ANY($1::uuid[])', [clickIds]);
    return new Map(rows.map((r) => [r.click_id, r.asset_key]));
  }

  /** Clicks (raw, without bots and scanners, unique) and opens without bots across launches. */
  async totalsOfLaunches(launchIds: string[]): Promise<LaunchesTotals> {
    const rows = await this.dataSource.query<Partial<LaunchesTotals>[]>(
      `SELECT count(c.click_id)::int AS "clicksRaw",
              (count(c.click_id) FILTER (WHERE ${humanClickSql('c')}))::int AS "clicksFiltered",
              (count(c.click_id) FILTER (WHERE c.is_unique))::int AS "clicksUnique",
              (SELECT count(*)::int FROM link_opens o WHERE o.launch_id = ANY($1::uuid[]) AND NOT o.bot) AS "opensFiltered"
         FROM link_clicks c
        WHERE c.launch_id = ANY($1::uuid[])`,
      [launchIds],
    );
    const r = rows[0] ?? {};
    return { clicksRaw: r.clicksRaw ?? 0, clicksFiltered: r.clicksFiltered ?? 0, clicksUnique: r.clicksUnique ?? 0, opensFiltered: r.opensFiltered ?? 0 };
  }

  /** Human clicks of each of these launches recorded up to `asOf`, in one query (MDF proof packs). */
  async humanClicksByLaunch(launchIds: string[], asOf: Date): Promise<Map<string, number>> {
    const out = new Map<string, number>(launchIds.map((id) => [id, 0]));
    if (launchIds.length === 0) return out;
    const rows = await this.dataSource.query<{ launch_id: string; n: string }[]>(
      `SELECT launch_id, count(*) AS n FROM link_clicks WHERE launch_id = ANY($1::uuid[]) AND ${humanClickSql()} AND at <= $2 GROUP BY launch_id`,
      [launchIds, asOf],
    );
    for (const r of rows) out.set(r.launch_id, Number(r.n));
    return out;
  }

  /** The human clicks among `clickIds` on the partner's links recorded up to `before`, in the caller's transaction. */
  async humanClicksAmong(manager: EntityManager, partnerId: string, clickIds: string[], before: Date): Promise<{ clickId: string; launchId: string | null; at: Date }[]> {
    if (clickIds.length === 0) return [];
    const rows = await manager.query<{ click_id: string; launch_id: string | null; at: Date }[]>(
      `SELECT click_id, launch_id, at FROM link_clicks WHERE click_id = ANY($1::uuid[]) AND partner_id = $2 AND at <= $3 AND ${humanClickSql()}`,
      [clickIds, partnerId, before],
    );
    return rows.map((r) => ({ clickId: r.click_id, launchId: r.launch_id, at: r.at }));
  }
}

function counts(r: CountRow): ClickCounts {
  return { raw: Number(r.raw), filtered: Number(r.filtered), unique: Number(r.unique), bots: Number(r.bots), scanners: Number(r.scanners) };
}

export function emptyCounts(): ClickCounts {
  return empty();
}

function empty(): ClickCounts {
  return { raw: 0, filtered: 0, unique: 0, bots: 0, scanners: 0 };
}
