import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface DownloadCount {
  assetId: string;
  assetTitle: string;
  /** Null for vendor users' downloads. */
  partnerId: string | null;
  partnerName: string | null;
  downloads: number;
  lastDownloadAt: Date;
}

export interface DownloadRecord {
  assetId: string;
  assetVersionId: string;
  partnerId: string | null;
  userId: string | null;
  linkId?: string | null;
  via: 'library' | 'link';
  at: Date;
}

/** Downloads of library files, per partner: from the library (a signed-in user) or through a trackable link. */
@Injectable()
export class AssetDownloadsService {
  constructor(private readonly dataSource: DataSource) {}

  async record(download: DownloadRecord, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO asset_downloads (asset_id, asset_version_id, partner_id, user_id, link_id, via, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [download.assetId, download.assetVersionId, download.partnerId, download.userId, download.linkId ?? null, download.via, download.at],
    );
  }

  /** Downloads in [from, to) per asset and partner, most downloaded first. */
  async countsByAssetAndPartner(from: Date, to: Date, limit = 10_000): Promise<DownloadCount[]> {
    const rows = await this.dataSource.query<{ asset_id: string; title: string; partner_id: string | null; partner_name: string | null; n: number; last_at: Date }[]>(
      `SELECT d.asset_id, a.title, d.partner_id, p.name AS partner_name, count(*)::int AS n, max(d.at) AS last_at
         FROM asset_downloads d
         JOIN assets a ON a.id = d.asset_id
         LEFT JOIN partners p ON p.id = d.partner_id
        WHERE d.at >= $1 AND d.at < $2
        GROUP BY d.asset_id, a.title, d.partner_id, p.name
        ORDER BY n DESC, a.title, p.name NULLS FIRST
        LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({ assetId: r.asset_id, assetTitle: r.title, partnerId: r.partner_id, partnerName: r.partner_name, downloads: r.n, lastDownloadAt: r.last_at }));
  }
}
