import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig, Clock, decodeCursor, isCreatedAtCursor, NotFoundError, Page, partnerScope, Principal, StorageService, toPage } from '@app/core';
import { isEligible, PartnerService } from '@app/partners';
import { AssetDownloadsService } from './asset-downloads.service';
import { AssetExpiredError } from './asset.errors';
import { AssetResolver } from './asset-resolver.service';
import { describe, summariesById } from './asset-view';
import { AssetRepository, AssetRow, EligiblePartner } from './asset.repository';
import { DownloadLinkDto, LibraryItemDto, LibraryQuery } from './asset.dto';

/** Who is looking at the library: a partner (with what eligibility is decided on) or a vendor user (sees everything). */
interface Viewer {
  principal: Principal;
  partner: EligiblePartner | null;
}

/**
 * The asset library as partners browse it: only what they are eligible for, published and not
 * expired or archived, with a file. Vendor users see every published asset. Downloads are recorded
 * for the caller's partner.
 */
@Injectable()
export class PartnerLibraryService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly storage: StorageService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
    private readonly downloads: AssetDownloadsService,
    private readonly resolver: AssetResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the caller may find in the library now: eligible (partners), published, not expired or archived, with a file. */
  async library(principal: Principal, query: LibraryQuery): Promise<Page<LibraryItemDto>> {
    const viewer = await this.viewer(principal);
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const now = this.clock.now();
    const rows = await this.assets.library(
      {
        limit,
        partner: viewer.partner,
        ...(query.q !== undefined ? { q: query.q } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.tag !== undefined ? { tag: query.tag } : {}),
        ...(query.locale ? { locale: query.locale } : {}),
        ...(query.expiringWithinDays ? { expiringWithinDays: query.expiringWithinDays } : {}),
        // What a partner's own live launches use (the usage graph); vendor users have no launches of their own.
        ...(query.usedByMyLaunches === 'true' ? { usedByPartner: viewer.partner?.id ?? null } : {}),
        ...(after ? { after } : {}),
      },
      now,
    );
    // The SQL mirrors isEligible; the function has the last word.
    const visible = rows.filter((r) => !viewer.partner || isEligible(r.eligibility, viewer.partner));
    const items = await this.toLibraryItems(visible, now, viewer);
    return toPage(items, limit, (a) => [a.publishAt.toISOString(), a.id]);
  }

  async libraryDetail(principal: Principal, id: string): Promise<LibraryItemDto> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const [item] = await this.toLibraryItems([row], this.clock.now(), viewer);
    return item!;
  }

  /** The thumbnail (or type icon) of what the caller may see. */
  async libraryPreview(principal: Principal, id: string): Promise<{ stream: Readable; contentType: string; bytes: number }> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const info = row.thumbnail_key ? await this.storage.head(row.thumbnail_key) : null;
    if (!row.thumbnail_key || !info) throw new NotFoundError('Preview');
    return { stream: await this.storage.getStream(row.thumbnail_key), contentType: info.contentType ?? 'application/octet-stream', bytes: info.size };
  }

  /** A download link made for this request only; the download is counted for the caller's partner. */
  async download(principal: Principal, id: string): Promise<DownloadLinkDto> {
    const viewer = await this.viewer(principal);
    const row = await this.libraryRow(viewer, id);
    const fileName = row.file_name!;
    const url = await this.storage.presignGet(row.storage_key!, { downloadName: fileName });
    await this.downloads.record({ assetId: row.id, assetVersionId: row.current_version_id!, partnerId: viewer.partner?.id ?? null, userId: principal.userId, via: 'library', at: this.clock.now() });
    return { url, expiresInSeconds: this.config.storage.presignTtlSeconds, fileName };
  }

  /**
   * An asset as the library shows it to this viewer. Unknown, not eligible and not yet published
   * are the same 404 (ids do not leak); expired or archived is 410 with what stands in for it.
   * Expiry is checked against the clock, not only the status the sweep keeps.
   */
  private async libraryRow(viewer: Viewer, id: string): Promise<AssetRow> {
    const row = await this.assets.find(id);
    const now = this.clock.now();
    if (!row || (viewer.partner && !isEligible(row.eligibility, viewer.partner)) || row.publish_at.getTime() > now.getTime()) throw new NotFoundError('Asset');
    if (row.status === 'archived' || (row.expires_at && row.expires_at.getTime() <= now.getTime())) {
      const resolution = await this.resolver.resolveFresh(id);
      const standIn = resolution.state === 'replaced' && resolution.target ? resolution.target.assetId : null;
      const visible = standIn ? await this.visibleIds(viewer, [standIn], now) : new Set<string>();
      throw new AssetExpiredError(standIn && visible.has(standIn) ? standIn : null);
    }
    if (!row.current_version_id) throw new NotFoundError('Asset');
    return row;
  }

  private async viewer(principal: Principal): Promise<Viewer> {
    const scope = partnerScope(principal);
    if (scope.kind === 'all') return { principal, partner: null };
    const partner = await this.partners.find(scope, scope.partnerId);
    if (!partner) throw new NotFoundError('Asset');
    return { principal, partner: { id: partner.id, tierId: partner.tierId, region: partner.region } };
  }

  /** Of the given ids, those the viewer could open in the library now. */
  private async visibleIds(viewer: Viewer, ids: string[], now: Date): Promise<Set<string>> {
    const rows = await this.assets.findMany(ids);
    return new Set(
      rows
        .filter(
          (r) =>
            r.status !== 'archived' &&
            r.current_version_id !== null &&
            r.publish_at.getTime() <= now.getTime() &&
            (r.expires_at === null || r.expires_at.getTime() > now.getTime()) &&
            (!viewer.partner || isEligible(r.eligibility, viewer.partner)),
        )
        .map((r) => r.id),
    );
  }

  private async toLibraryItems(rows: AssetRow[], now: Date, viewer: Viewer): Promise<LibraryItemDto[]> {
    const successors = summariesById(await this.assets.summaries(rows.flatMap((r) => (r.successor_id ? [r.successor_id] : []))), now, this.config.assets.warningDays);
    const visible = await this.visibleIds(viewer, [...successors.keys()], now);
    return Promise.all(
      rows.map(async (r) => ({
        ...describe(r),
        successor: r.successor_id && visible.has(r.successor_id) ? (successors.get(r.successor_id) ?? null) : null,
        fileName: r.file_name!,
        contentType: r.content_type!,
        bytes: Number(r.bytes),
        thumbnailUrl: r.thumbnail_key ? await this.storage.presignGet(r.thumbnail_key) : null,
      })),
    );
  }
}
