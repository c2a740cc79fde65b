import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { utcDay } from '@app/core';
import { isHumanClick } from './human-click';
import { PendingClick, PendingOpen } from './pending-click';

/**
 * Writes buffered clicks and opens. Each batch is one transaction of a few statements, whatever its
 * size: rows bound as one JSON (or array) parameter and expanded in SQL (one round trip, one plan,
 * no 65 535-parameter limit).
 */
@Injectable()
export class LinkClickRepository {
  constructor(private readonly dataSource: DataSource) {}

  async writeBatch(clicks: PendingClick[], opens: PendingOpen[], lateScannerClickIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (clicks.length > 0) await this.insertClicks(manager, clicks);
      if (opens.length > 0) await this.insertOpens(manager, opens);
      if (lateScannerClickIds.length > 0) {
        await manager.query(`UPDATE link_clicks SET scanner = true, is_unique = false WHERE click_id = ANY($1::uuid[])`, [lateScannerClickIds]);
      }
    });
  }

  private async insertClicks(manager: EntityManager, clicks: PendingClick[]): Promise<void> {
    // Unique = the first human click of a visitor (ip hash + UA family) on a link per UTC day.
    // The visitors table decides across batches and processes; within a batch, the first wins.
    const candidates = new Map<string, { link_id: string; day: string; visitor: string }>();
    for (const c of clicks) {
      if (!isHumanClick(c)) continue;
      const day = dayOf(c.at);
      const visitor = visitorOf(c);
      // Deduplicated here: a busy link sends one visitor row per visitor, not one per click.
      candidates.set(`${c.linkId}|${day}|${visitor}`, { link_id: c.linkId, day, visitor });
    }
    const fresh = new Set<string>();
    if (candidates.size > 0) {
      const rows = await manager.query<{ link_id: string; day: string; visitor: string }[]>(
        `INSERT INTO link_click_visitors (link_id, day, visitor)
         SELECT link_id, day, visitor FROM json_to_recordset($1::json) AS x(link_id uuid, day date, visitor text)
         ON CONFLICT DO NOTHING
         RETURNING link_id, day::text AS day, visitor`,
        [JSON.stringify([...candidates.values()])],
      );
      for (const r of rows) fresh.add(`${r.link_id}|${r.day}|${r.visitor}`);
    }
    // One JSON document rather than fifteen bound arrays: JSON.stringify is native and cheap,
    // where the driver escapes array elements one by one in JavaScript. Instants go as epoch
    // milliseconds (a number costs nothing to format; PostgreSQL rounds to_timestamp to the µs).
    const rows = clicks.map((c) => ({
      click_id: c.clickId,
      link_id: c.linkId,
      partner_id: c.partnerId,
      launch_id: c.launchId,
      asset_key: c.assetKey,
      at_ms: c.at.getTime(),
      ip_hash: c.ipHash,
      ua_family: c.uaFamily,
      referrer_host: c.referrerHost,
      country: c.country,
      outcome: c.outcome,
      bot: c.bot,
      scanner: c.scanner,
      is_unique: isHumanClick(c) && fresh.delete(`${c.linkId}|${dayOf(c.at)}|${visitorOf(c)}`),
      message_id: c.messageId ?? null,
    }));
    await manager.query(
      `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, referrer_host, country, outcome, bot, scanner, is_unique, message_id)
       SELECT click_id, link_id, partner_id, launch_id, asset_key, to_timestamp(at_ms / 1000.0), ip_hash, ua_family, referrer_host, country, outcome, bot, scanner, is_unique, message_id
         FROM json_to_recordset($1::json) AS x(click_id uuid, link_id uuid, partner_id uuid, launch_id uuid, asset_key text, at_ms bigint,
         ip_hash text, ua_family text, referrer_host text, country text, outcome text, bot boolean, scanner boolean, is_unique boolean, message_id uuid)`,
      [JSON.stringify(rows)],
    );
  }

  private async insertOpens(manager: EntityManager, opens: PendingOpen[]): Promise<void> {
    await manager.query(
      `INSERT INTO link_opens (launch_id, partner_id, message_ref, at, ip_hash, ua_family, bot)
       SELECT launch_id, partner_id, message_ref, to_timestamp(at_ms / 1000.0), ip_hash, ua_family, bot
         FROM json_to_recordset($1::json) AS x(launch_id uuid, partner_id uuid, message_ref text, at_ms bigint, ip_hash text, ua_family text, bot boolean)`,
      [
        JSON.stringify(
          opens.map((o) => ({ launch_id: o.launchId, partner_id: o.partnerId, message_ref: o.messageRef, at_ms: o.at.getTime(), ip_hash: o.ipHash, ua_family: o.uaFamily, bot: o.bot })),
        ),
      ],
    );
  }
}

function dayOf(at: Date): string {
  return utcDay(at.getTime());
}

function visitorOf(c: PendingClick): string {
  return `${c.ipHash}:${c.uaFamily}`;
}
