import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, PlatformMail, UserRepository } from '@app/core';
import { PartnerService } from '@app/partners';
import { AssetChange, AssetHooks } from './asset-hooks';
import { AssetResolver } from './asset-resolver.service';
import { nextTransitionAt, statusAt, windowsReached } from './asset-status';
import { AssetUsageService } from './asset-usage.service';
import { AssetNoticeRepository } from './asset-notice.repository';
import { AssetRepository, LockedAsset } from './asset.repository';
import { AssetNotice, renderDigest } from './asset-digest';

const BATCH = 100;
/** Per sweep; the rest waits for the next run a minute later. */
const MAX_BATCHES = 50;
/** Successor chains are this short at most (the resolver follows no further). */
const MAX_HOPS = 5;

interface Recipient {
  userId: string;
  email: string;
  name: string;
  partnerId: string | null;
  partnerName: string | null;
  timeZone: string;
}

export interface ReconcileResult {
  processed: number;
  transitioned: number;
  notices: number;
}

/**
 * Moves assets through their statuses (scheduled → live → expiring → expired) and carries the
 * consequences. Before expiry, owners and the admins of partners whose live launches use an asset
 * get one digest per sweep listing what entered a warning window; at expiry, one notice of what
 * changed. A notice is a row keyed (asset, notice, recipient) written in the transaction that moves
 * the asset, so a repeated sweep, a second worker or a restart never sends it twice. After commit,
 * the hooks swap or hold what uses the asset (re-rendered banners, held or released email).
 *
 * `reconcile` is what every change to an asset's dates, successor, versions or archive state calls;
 * the repeatable sweep calls the same code for every asset whose `next_transition_at` is due.
 */
@Injectable()
export class AssetLifecycleService {
  private readonly logger = new Logger(AssetLifecycleService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly assets: AssetRepository,
    private readonly noticeRows: AssetNoticeRepository,
    private readonly users: UserRepository,
    private readonly partners: PartnerService,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    private readonly hooks: AssetHooks,
    private readonly platformMail: PlatformMail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Brings the given assets up to date with the clock after a change, and swaps or releases what uses them. */
  async reconcile(assetIds: string[]): Promise<ReconcileResult> {
    const ids = [...new Set(assetIds)];
    if (ids.length === 0) return { processed: 0, transitioned: 0, notices: 0 };
    return this.run((m) => this.assets.lockForLifecycle(m, ids), true);
  }

  /** The repeatable sweep (every minute): every asset whose transition or warning is due, in batches. */
  async sweep(): Promise<ReconcileResult> {
    const total: ReconcileResult = { processed: 0, transitioned: 0, notices: 0 };
    for (let i = 0; i < MAX_BATCHES; i++) {
      const now = this.clock.now();
      const batch = await this.run((m) => this.assets.lockDue(m, now, BATCH), false);
      total.processed += batch.processed;
      total.transitioned += batch.transitioned;
      total.notices += batch.notices;
      if (batch.processed < BATCH) break;
    }
    if (total.transitioned + total.notices > 0) this.logger.log(`asset sweep: ${total.transitioned} status changes, ${total.notices} notices`);
    return total;
  }

  private async run(select: (m: EntityManager) => Promise<LockedAsset[]>, explicit: boolean): Promise<ReconcileResult> {
    const now = this.clock.now();
    const days = this.config.assets.warningDays;
    const { rows, expiredNow, digests, notices } = await this.dataSource.transaction(async (m) => {
      const rows = await select(m);
      const expiredNow: string[] = [];
      const pending: { asset: LockedAsset; notice: string; kind: AssetNotice['kind']; windowDays: number | null }[] = [];
      for (const row of rows) {
        const dates = { status: row.status, publishAt: row.publish_at, expiresAt: row.expires_at };
        const status = statusAt(dates, now, days);
        const next = nextTransitionAt(dates, now, days);
        if (status !== row.status || next?.getTime() !== row.next_transition_at?.getTime()) {
          await this.assets.setStatus(m, row.id, status, next, now);
        }
        if (status === 'expired' && row.status !== 'expired') expiredNow.push(row.id);
        if (status === 'expired' && row.expires_at) {
          pending.push({ asset: row, notice: `expired:${row.expires_at.toISOString()}`, kind: 'expired', windowDays: null });
        } else if ((status === 'live' || status === 'expiring') && row.expires_at) {
          // Only the smallest window reached is listed; the larger ones are recorded as sent with it.
          const reached = windowsReached(row.expires_at, now, days);
          for (const window of reached) {
            pending.push({ asset: row, notice: `warn-${window}d:${row.expires_at.toISOString()}`, kind: 'warning', windowDays: window });
          }
        }
      }
      const { digests, notices } = await this.notices(m, pending, now);
      // Recorded with the notices they announce: a rolled-back run neither marks nor sends them.
      for (const digest of digests) await this.platformMail.queue(m, { ...digest.mail, dedupeKey: digest.jobId });
      return { rows, expiredNow, digests, notices };
    });

    const touched = explicit ? rows.map((r) => r.id) : expiredNow;
    if (touched.length > 0) await this.announce(touched, explicit);
    if (digests.length > 0) await this.platformMail.wake();
    return { processed: rows.length, transitioned: expiredNow.length, notices };
  }

  /**
   * Writes the notices due (each once per asset, notice and recipient: a row that exists was sent
   * before) and builds one digest per recipient from the ones written now.
   */
  private async notices(
    m: EntityManager,
    pending: { asset: LockedAsset; notice: string; kind: AssetNotice['kind']; windowDays: number | null }[],
    now: Date,
  ): Promise<{ digests: { jobId: string; mail: { to: string; subject: string; html: string; text: string; reference: string } }[]; notices: number }> {
    if (pending.length === 0) return { digests: [], notices: 0 };
    const assetIds = [...new Set(pending.map((p) => p.asset.id))];
    const owners = (await this.users.findByIds([...new Set(pending.map((p) => p.asset.owner_user_id))], { activeOnly: true }, m)).map(
      (u): Recipient => ({ userId: u.id, email: u.email, name: u.name, partnerId: null, partnerName: null, timeZone: 'UTC' }),
    );
    const launches = await this.usage.liveLaunchesUsing(assetIds, m);
    const partnerIds = [...new Set(launches.map((l) => l.partnerId))];
    const admins = await this.partnerAdmins(m, partnerIds);
    const successors = await this.successorTitles(m, pending.map((p) => p.asset));
    const launchNames = await this.usage.launchNames([...new Set(launches.map((l) => l.launchId))], m);

    const rows: { assetId: string; notice: string; userId: string; partnerId: string | null; item: AssetNotice; recipient: Recipient }[] = [];
    for (const p of pending) {
      const owner = owners.find((o) => o.userId === p.asset.owner_user_id);
      const base = {
        assetId: p.asset.id,
        title: p.asset.title,
        type: p.asset.type,
        expiresAt: p.asset.expires_at!,
        kind: p.kind,
        windowDays: p.windowDays,
        successor: p.asset.successor_id ? (successors.get(p.asset.successor_id) ?? null) : null,
      };
      if (owner) rows.push({ assetId: p.asset.id, notice: p.notice, userId: owner.userId, partnerId: null, recipient: owner, item: { ...base, launches: [] } });
      for (const admin of admins) {
        const theirs = launches.filter((l) => l.assetId === p.asset.id && l.partnerId === admin.partnerId).map((l) => launchNames.get(l.launchId) ?? 'A launch');
        if (theirs.length === 0) continue;
        rows.push({ assetId: p.asset.id, notice: p.notice, userId: admin.userId, partnerId: admin.partnerId, recipient: admin, item: { ...base, launches: [...new Set(theirs)].sort() } });
      }
    }
    if (rows.length === 0) return { digests: [], notices: 0 };
    const written = await this.noticeRows.insertNew(m, rows, now);
    const fresh = new Set(written.map((w) => `${w.asset_id}|${w.notice}|${w.recipient_user_id}`));
    const byRecipient = new Map<string, { recipient: Recipient; items: Map<string, AssetNotice>; keys: string[] }>();
    for (const r of rows) {
      const key = `${r.assetId}|${r.notice}|${r.userId}`;
      if (!fresh.has(key)) continue;
      const entry = byRecipient.get(r.userId) ?? { recipient: r.recipient, items: new Map<string, AssetNotice>(), keys: [] };
      entry.keys.push(key);
      // One line per asset and kind: the smallest warning window reached wins.
      const slot = `${r.assetId}|${r.item.kind}`;
      const seen = entry.items.get(slot);
      if (!seen || (r.item.windowDays ?? 0) < (seen.windowDays ?? 0)) entry.items.set(slot, r.item);
      byRecipient.set(r.userId, entry);
    }
    const digests = [...byRecipient.values()].map(({ recipient, items, keys }) => {
      const digest = renderDigest({
        recipientName: recipient.name,
        partnerName: recipient.partnerName,
        timeZone: recipient.timeZone,
        audience: recipient.partnerId ? 'partner' : 'owner',
        vendorName: this.config.mail.vendorName,
        items: [...items.values()],
      });
      const id = createHash('sha256').update(keys.sort().join(',')).digest('hex').slice(0, 32);
      return { jobId: `asset-notice.${id}`, mail: { to: recipient.email, ...digest, reference: `asset-notice:${id}` } };
    });
    return { digests, notices: written.length };
  }

  /**
   * After commit: forgets cached resolutions and tells the libs that use assets what changed, for
   * the assets themselves and the expired assets that named them as successor (their references
   * follow the chain).
   */
  private async announce(assetIds: string[], explicit: boolean): Promise<void> {
    const predecessors = await this.assets.predecessors(assetIds, MAX_HOPS);
    const affected = new Set([...assetIds, ...predecessors]);
    this.resolver.invalidate([...affected]);
    const resolutions = await this.resolver.resolve([...affected]);
    const change: AssetChange = { withdrawn: [], replaced: [], restored: [] };
    for (const [id, resolution] of resolutions) {
      if (resolution.state === 'withdrawn') change.withdrawn.push(id);
      else if (resolution.state === 'replaced') {
        change.replaced.push(id);
        change.restored.push(id);
      }
      // A live asset changed only by hand (extended, a new version): release what waited for it.
      else if (resolution.state === 'live' && explicit) change.restored.push(id);
    }
    await this.hooks.changed(change);
  }

  /** The active admins of these partners, with their partner's name and time zone. */
  private async partnerAdmins(m: EntityManager, partnerIds: string[]): Promise<Recipient[]> {
    if (partnerIds.length === 0) return [];
    const partners = new Map((await this.partners.briefs(partnerIds, m)).map((p) => [p.id, p]));
    return (await this.users.findActivePartnerAdmins(partnerIds, m)).flatMap((u) => {
      const partner = u.partnerId ? partners.get(u.partnerId) : undefined;
      return partner ? [{ userId: u.id, email: u.email, name: u.name, partnerId: partner.id, partnerName: partner.name, timeZone: partner.timeZone ?? 'UTC' }] : [];
    });
  }

  /** The usable asset that stands in for each successor named (following its own chain), by title. */
  private async successorTitles(m: EntityManager, assets: LockedAsset[]): Promise<Map<string, { id: string; title: string }>> {
    const ids = [...new Set(assets.flatMap((a) => (a.successor_id ? [a.successor_id] : [])))];
    const result = new Map<string, { id: string; title: string }>();
    if (ids.length === 0) return result;
    const resolved = await this.resolver.resolve(ids, m);
    for (const [id, r] of resolved) if (r.target) result.set(id, { id: r.target.assetId, title: r.target.title });
    return result;
  }
}
