import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PartnerService } from '@app/partners';
import { AssetDownloadsRepository } from './asset-downloads.repository';

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
  constructor(
    private readonly repository: AssetDownloadsRepository,
    private readonly partners: PartnerService,
  ) {}

  async record(download: DownloadRecord, manager?: EntityManager): Promise<void> {
    await this.repository.insert(download, manager);
  }

  /** Downloads in [from, to) per asset and partner: most downloaded first, then by asset title and partner name (vendor users first). */
  async countsByAssetAndPartner(from: Date, to: Date, limit = 10_000): Promise<DownloadCount[]> {
    const rows = await this.repository.countsByAssetAndPartner(from, to, limit);
    const names = new Map((await this.partners.briefs(rows.flatMap((r) => (r.partner_id ? [r.partner_id] : [])))).map((p) => [p.id, p.name]));
    const counts = rows.map((r) => ({ assetId: r.asset_id, assetTitle: r.title, partnerId: r.partner_id, partnerName: r.partner_id ? (names.get(r.partner_id) ?? null) : null, downloads: r.n, lastDownloadAt: r.last_at }));
    // Rows come ordered by count and title; within one asset and count, by partner name.
    return sortRuns(counts, (a, b) => a.assetId === b.assetId && a.downloads === b.downloads, byPartnerName);
  }
}

function byPartnerName(a: DownloadCount, b: DownloadCount): number {
  if (a.partnerName === b.partnerName) return 0;
  if (a.partnerName === null) return -1;
  if (b.partnerName === null) return 1;
  return a.partnerName.localeCompare(b.partnerName);
}

/** Sorts each run of neighbours that `same` groups by `compare`, keeping the runs in place. */
function sortRuns<T>(items: T[], same: (a: T, b: T) => boolean, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  let run: T[] = [];
  for (const item of items) {
    if (run.length > 0 && !same(run[0]!, item)) {
      out.push(...run.sort(compare));
      run = [];
    }
    run.push(item);
  }
  out.push(...run.sort(compare));
  return out;
}
