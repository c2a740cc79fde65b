import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssetUsageCountsDto, AssetUser, WhoUses } from './asset.dto';
import type { UsageKind, UsageRef } from './asset.types';

/**
 * The usage graph: every reference to an asset from a template version, a kit version, a launch
 * (its renditions, landing page, emails, links) or a nurture step, recorded when the reference is
 * made. "Who uses this?" reads it; the expiry sweep uses it to find the partners to tell.
 */
@Injectable()
export class AssetUsageService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records references (idempotent: a reference made again is refreshed and active). */
  async record(refs: UsageRef[], manager?: EntityManager): Promise<void> {
    if (refs.length === 0) return;
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO asset_usages (asset_id, asset_version_id, kind, ref_id, kit_id, launch_id, partner_id, template_version_id)
       SELECT r.asset_id, r.asset_version_id, r.kind, r.ref_id, r.kit_id, r.launch_id, r.partner_id, r.template_version_id
         FROM jsonb_to_recordset($1::jsonb) AS r(asset_id uuid, asset_version_id uuid, kind text, ref_id text, kit_id uuid, launch_id uuid, partner_id uuid, template_version_id uuid)
         JOIN assets a ON a.id = r.asset_id
       ON CONFLICT (asset_id, kind, ref_id) DO UPDATE
         SET asset_version_id = COALESCE(EXCLUDED.asset_version_id, asset_usages.asset_version_id), active = true, updated_at = now()`,
      [
        JSON.stringify(
          refs.map((r) => ({
            asset_id: r.assetId,
            asset_version_id: r.assetVersionId ?? null,
            kind: r.kind,
            ref_id: r.refId,
            kit_id: r.kitId ?? null,
            launch_id: r.launchId ?? null,
            partner_id: r.partnerId ?? null,
            template_version_id: r.templateVersionId ?? null,
          })),
        ),
      ],
    );
  }

  /** An ended launch no longer uses anything (its rows stay, for reports). */
  async deactivateLaunch(launchId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(`UPDATE asset_usages SET active = false, updated_at = now() WHERE launch_id = $1 AND active`, [launchId]);
  }

  /** The assets a template version refers to (recorded when it was published). */
  async assetsOfTemplateVersions(templateVersionIds: string[], manager?: EntityManager): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (templateVersionIds.length === 0) return result;
    const rows = await (manager ?? this.dataSource.manager).query<{ template_version_id: string; asset_id: string }[]>(
      `SELECT DISTINCT template_version_id, asset_id FROM asset_usages WHERE kind = 'template' AND template_version_id = ANY($1::uuid[])`,
      [templateVersionIds],
    );
    for (const r of rows) result.set(r.template_version_id, [...(result.get(r.template_version_id) ?? []), r.asset_id]);
    return result;
  }

  /** "Who uses this?": every recorded reference, with partners and live launches counted. */
  async whoUses(assetId: string): Promise<WhoUses> {
    const rows = await this.dataSource.query<
      {
        kind: UsageKind;
        ref_id: string;
        active: boolean;
        asset_version_id: string | null;
        kit_id: string | null;
        kit_name: string | null;
        launch_id: string | null;
        launch_status: string | null;
        partner_id: string | null;
        partner_name: string | null;
        template_version_id: string | null;
        created_at: Date;
      }[]
    >(
      `SELECT u.kind, u.ref_id, u.active, u.asset_version_id, u.kit_id, k.name AS kit_name, u.launch_id, l.status AS launch_status,
              u.partner_id, p.name AS partner_name, u.template_version_id, u.created_at
         FROM asset_usages u
         LEFT JOIN LATERAL (SELECT kv.name FROM kit_versions kv WHERE kv.kit_id = u.kit_id ORDER BY kv.version DESC LIMIT 1) k ON true
         LEFT JOIN launches l ON l.id = u.launch_id
         LEFT JOIN partners p ON p.id = u.partner_id
        WHERE u.asset_id = $1
        ORDER BY u.active DESC, u.created_at DESC
        LIMIT 5000`,
      [assetId],
    );
    const usages: AssetUser[] = rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      active: r.active,
      assetVersionId: r.asset_version_id,
      kitId: r.kit_id,
      kitName: r.kit_name,
      launchId: r.launch_id,
      launchStatus: r.launch_status,
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      templateVersionId: r.template_version_id,
      since: r.created_at,
    }));
    const byKind: AssetUsageCountsDto = {};
    for (const u of usages) if (u.active) byKind[u.kind] = (byKind[u.kind] ?? 0) + 1;
    const liveByPartner = new Map<string, { id: string; name: string; launches: Set<string> }>();
    for (const u of usages) {
      if (!u.active || !u.partnerId || !u.launchId) continue;
      const entry = liveByPartner.get(u.partnerId) ?? { id: u.partnerId, name: u.partnerName ?? '', launches: new Set<string>() };
      entry.launches.add(u.launchId);
      liveByPartner.set(u.partnerId, entry);
    }
    const partners = [...liveByPartner.values()].map((p) => ({ id: p.id, name: p.name, liveLaunches: p.launches.size })).sort((a, b) => a.name.localeCompare(b.name));
    return { assetId, liveLaunches: new Set(usages.filter((u) => u.active && u.launchId).map((u) => u.launchId)).size, partners, byKind, usages };
  }

  /** Live launches using each asset (reports, the expiring-soon list). */
  async liveLaunchCounts(assetIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (assetIds.length === 0) return result;
    const rows = await this.dataSource.query<{ asset_id: string; n: string }[]>(
      `SELECT asset_id, count(DISTINCT launch_id) AS n FROM asset_usages WHERE asset_id = ANY($1::uuid[]) AND active AND launch_id IS NOT NULL GROUP BY asset_id`,
      [assetIds],
    );
    for (const r of rows) result.set(r.asset_id, Number(r.n));
    return result;
  }

  /** Live launches using any of the assets, with their partner. */
  async liveLaunchesUsing(assetIds: string[], manager?: EntityManager): Promise<{ assetId: string; launchId: string; partnerId: string }[]> {
    if (assetIds.length === 0) return [];
    const rows = await (manager ?? this.dataSource.manager).query<{ asset_id: string; launch_id: string; partner_id: string }[]>(
      `SELECT DISTINCT asset_id, launch_id, partner_id FROM asset_usages
        WHERE asset_id = ANY($1::uuid[]) AND active AND launch_id IS NOT NULL AND partner_id IS NOT NULL`,
      [assetIds],
    );
    return rows.map((r) => ({ assetId: r.asset_id, launchId: r.launch_id, partnerId: r.partner_id }));
  }
}
