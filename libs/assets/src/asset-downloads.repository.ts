import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DownloadRecord } from './asset-downloads.service';

/** Downloads of library files (`asset_downloads`). */
@Injectable()
export class AssetDownloadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(download: DownloadRecord, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO asset_downloads (asset_id, asset_version_id, partner_id, user_id, link_id, via, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [download.assetId, download.assetVersionId, download.partnerId, download.userId, download.linkId ?? null, download.via, download.at],
    );
  }

  /** Downloads in [from, to) per asset and partner, most downloaded first, then by asset title. */
  countsByAssetAndPartner(from: Date, to: Date, limit: number): Promise<{ asset_id: string; title: string; partner_id: string | null; n: number; last_at: Date }[]> {
    return this.dataSource.query(
      `SELECT d.asset_id, a.title, d.partner_id, count(*)::int AS n, max(d.at) AS last_at
         FROM asset_downloads d
         JOIN assets a ON a.id = d.asset_id
        WHERE d.at >= $1 AND d.at < $2
        GROUP BY d.asset_id, a.title, d.partner_id
        ORDER BY n DESC, a.title, d.partner_id NULLS FIRST
        LIMIT $3`,
      [from, to, limit],
    );
  }
}
