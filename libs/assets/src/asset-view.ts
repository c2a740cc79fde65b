import type { AssetRow, AssetSummaryRow } from './asset.repository';
import { statusAt } from './asset-status';
import type { AssetSummaryDto } from './asset.dto';

/** What partners and vendors alike see of an asset. */
export function describe(r: AssetRow) {
  return { id: r.id, title: r.title, description: r.description, type: r.type, tags: r.tags, locale: r.locale, publishAt: r.publish_at, expiresAt: r.expires_at };
}

/** Summaries by id, with the status a user sees at `now`. */
export function summariesById(rows: AssetSummaryRow[], now: Date, warningDays: number[]): Map<string, AssetSummaryDto> {
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, title: r.title, type: r.type, status: statusAt({ status: r.status, publishAt: r.publish_at, expiresAt: r.expires_at }, now, warningDays), expiresAt: r.expires_at },
    ]),
  );
}
