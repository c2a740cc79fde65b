import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetType } from './asset.types';

/** An asset's own title and type (not its successor's). */
export interface AssetSummary {
  id: string;
  title: string;
  type: AssetType;
}

/** Short reads of assets for other libs' views. */
@Injectable()
export class AssetSummaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: string[]): Promise<AssetSummary[]> {
    return this.dataSource.query<AssetSummary[]>('SELECT id, title, type FROM assets WHERE id = ANY($1::uuid[])', [ids]);
  }
}
