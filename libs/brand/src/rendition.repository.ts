import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A stored co-branded image as other parts of the platform list it. */
export interface StoredRendition {
  partnerId: string;
  templateVersionId: string;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
}

/** Stored renditions, read by partner and template version. */
@Injectable()
export class RenditionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest rendition of each (partner, template version) pair that has one, ordered by partner then template version, in one query. */
  async latestOf(pairs: { partnerId: string; templateVersionId: string }[]): Promise<StoredRendition[]> {
    if (pairs.length === 0) return [];
    const rows = await this.dataSource.query<{ partner_id: string; template_version_id: string; storage_key: string; content_type: string; width: number; height: number; bytes: number }[]>(
      `SELECT DISTINCT ON (r.partner_id, r.template_version_id) r.partner_id, r.template_version_id, r.storage_key, r.content_type, r.width, r.height, r.bytes
       FROM renditions r JOIN unnest($1::uuid[], $2::uuid[]) AS k(partner_id, template_version_id) ON r.partner_id = k.partner_id AND r.template_version_id = k.template_version_id
       ORDER BY r.partner_id, r.template_version_id, r.created_at DESC`,
      [pairs.map((p) => p.partnerId), pairs.map((p) => p.templateVersionId)],
    );
    return rows.map((r) => ({ partnerId: r.partner_id, templateVersionId: r.template_version_id, storageKey: r.storage_key, contentType: r.content_type, width: r.width, height: r.height, bytes: r.bytes }));
  }
}
