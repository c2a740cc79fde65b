import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, csvLine, UserRepository, ValidationFailedError } from '@app/core';
import { AssetDownloadsService } from './asset-downloads.service';
import { statusAt } from './asset-status';
import { AssetUsageService } from './asset-usage.service';
import { AssetRepository } from './asset.repository';
import { DownloadsReportDto, ExpiringAssetDto } from './asset.dto';

const DAY_MS = 86_400_000;
/** The longest downloads report: a year and a day. */
const MAX_REPORT_DAYS = 366;
/** The expiring-soon list stops here; nobody reads further. */
const MAX_EXPIRING = 1000;

/** What the library's owners look at: what expires soon and who still uses it, and who downloads what. */
@Injectable()
export class AssetReportsService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly users: UserRepository,
    private readonly usage: AssetUsageService,
    private readonly downloads: AssetDownloadsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Assets expiring within `days` (not yet expired, not archived), soonest first, with owner, successor and live launches. */
  async expiring(days: number): Promise<ExpiringAssetDto[]> {
    const now = this.clock.now();
    const expiring = await this.assets.expiring(now, new Date(now.getTime() + days * DAY_MS), MAX_EXPIRING);
    const owners = new Map((await this.users.findByIds(expiring.map((r) => r.owner_user_id))).map((u) => [u.id, u]));
    // Every asset has an owner (a foreign key); one that could not be found is left out, as a join would.
    const rows = expiring.flatMap((r) => {
      const owner = owners.get(r.owner_user_id);
      return owner ? [{ ...r, owner }] : [];
    });
    const live = await this.usage.liveLaunchCounts(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      expiresAt: r.expires_at,
      daysLeft: Math.ceil((r.expires_at.getTime() - now.getTime()) / DAY_MS),
      owner: { id: r.owner.id, name: r.owner.name, email: r.owner.email },
      successor:
        r.successor_id && r.s_title && r.s_type && r.s_status && r.s_publish_at
          ? {
              id: r.successor_id,
              title: r.s_title,
              type: r.s_type,
              status: statusAt({ status: r.s_status, publishAt: r.s_publish_at, expiresAt: r.s_expires_at }, now, this.config.assets.warningDays),
              expiresAt: r.s_expires_at,
            }
          : null,
      liveLaunches: live.get(r.id) ?? 0,
    }));
  }

  async expiringCsv(days: number): Promise<string> {
    let csv = csvLine(['asset_id', 'title', 'type', 'expires_at', 'days_left', 'owner_name', 'owner_email', 'successor_id', 'successor_title', 'live_launches']);
    for (const a of await this.expiring(days)) {
      csv += csvLine([a.id, a.title, a.type, a.expiresAt.toISOString(), a.daysLeft, a.owner.name, a.owner.email, a.successor?.id, a.successor?.title, a.liveLaunches]);
    }
    return csv;
  }

  /** Downloads per asset and partner in [from, to): 30 days up to now unless told. */
  async downloadsReport(query: { from?: string; to?: string }): Promise<DownloadsReportDto> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) throw ValidationFailedError.field('from', 'must be before to');
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw ValidationFailedError.field('from', `the report covers at most ${MAX_REPORT_DAYS} days`);
    return { from, to, rows: await this.downloads.countsByAssetAndPartner(from, to) };
  }

  /** The same report as CSV; text cells cannot run as spreadsheet formulas. */
  async downloadsCsv(query: { from?: string; to?: string }): Promise<string> {
    const report = await this.downloadsReport(query);
    let csv = csvLine(['asset_id', 'asset_title', 'partner_id', 'partner_name', 'downloads', 'last_download_at']);
    for (const r of report.rows) csv += csvLine([r.assetId, r.assetTitle, r.partnerId, r.partnerName ?? '(vendor users)', r.downloads, r.lastDownloadAt.toISOString()]);
    return csv;
  }
}
