import { Injectable } from '@nestjs/common';
import { AssetSummary, AssetSummaryRepository } from './asset-summary.repository';

/** Titles and types of assets by id, for views in other libs (a kit's library assets). */
@Injectable()
export class AssetSummaryService {
  constructor(private readonly summaries: AssetSummaryRepository) {}

  /** Asset id → its own title and type, for the ids that exist. */
  async byIds(ids: string[]): Promise<Map<string, AssetSummary>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.summaries.findByIds([...new Set(ids)])).map((a) => [a.id, a]));
  }
}
