import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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
}
