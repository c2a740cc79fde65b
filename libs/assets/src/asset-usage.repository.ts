import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UsageKind, UsageRef } from './asset.types';

/** One recorded reference to an asset, with the kit's name and the launch's status. */
export interface UsageRow {
  kind: UsageKind;
  ref_id: string;
  active: boolean;
  asset_version_id: string | null;
  kit_id: string | null;
  kit_name: string | null;
  launch_id: string | null;
  launch_status: string | null;
  partner_id: string | null;
  template_version_id: string | null;
  created_at: Date;
}

/**
 * The usage graph (`asset_usages`). Two reads still name campaigns' tables: the kit name and launch
 * status shown in "who uses this?" and the kit name of a launch in partner notices. Assets sits
 * below campaigns and cannot call it; they move when campaigns provides them through a port
 * assets defines (as `AssetHooks` does for changes).
 */
@Injectable()
export class AssetUsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Records references (idempotent: a reference made again is refreshed and active); unknown assets are skipped. */
  async record(refs: UsageRef[], manager?: EntityManager): Promise<void> {
    await this.m(manager).query(
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

  async deactivateLaunch(launchId: string, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(`UPDATE asset_usages SET active = false, updated_at = now() WHERE launch_id = $1 AND active`, [launchId]);
  }

  templateVersionAssets(templateVersionIds: string[], manager?: EntityManager): Promise<{ template_version_id: string; asset_id: string }[]> {
    return this.m(manager).query<{ template_version_id: string; asset_id: string }[]>(
      `SELECT DISTINCT template_version_id, asset_id FROM asset_usages WHERE kind = 'template' AND template_version_id = ANY($1::uuid[])`,
      [templateVersionIds],
    );
  }

  /** Every recorded reference to the asset, active first, newest first (at most 5000). */
  usagesOf(assetId: string): Promise<UsageRow[]> {
    return this.dataSource.query<UsageRow[]>(
      `SELECT u.kind, u.ref_id, u.active, u.asset_version_id, u.kit_id, k.name AS kit_name, u.launch_id, l.status AS launch_status,
              u.partner_id, u.template_version_id, u.created_at
         FROM asset_usages u
         LEFT JOIN LATERAL (SELECT kv.name FROM kit_versions kv WHERE kv.kit_id = u.kit_id ORDER BY kv.version DESC LIMIT 1) k ON true
         LEFT JOIN launches l ON l.id = u.launch_id
        WHERE u.asset_id = $1
        ORDER BY u.active DESC, u.created_at DESC
        LIMIT 5000`,
      [assetId],
    );
  }

  liveLaunchCounts(assetIds: string[]): Promise<{ asset_id: string; n: string }[]> {
    return this.dataSource.query<{ asset_id: string; n: string }[]>(
      `SELECT asset_id, count(DISTINCT launch_id) AS n FROM asset_usages WHERE asset_id = ANY($1::uuid[]) AND active AND launch_id IS NOT NULL GROUP BY asset_id`,
      [assetIds],
    );
  }

  liveLaunchesUsing(assetIds: string[], manager?: EntityManager): Promise<{ asset_id: string; launch_id: string; partner_id: string }[]> {
    return this.m(manager).query<{ asset_id: string; launch_id: string; partner_id: string }[]>(
      `SELECT DISTINCT asset_id, launch_id, partner_id FROM asset_usages
        WHERE asset_id = ANY($1::uuid[]) AND active AND launch_id IS NOT NULL AND partner_id IS NOT NULL`,
      [assetIds],
    );
  }

  /** Per partner whose live launches use the asset: how many launches. */
  async liveLaunchesByPartner(assetId: string): Promise<{ partnerId: string; launches: number }[]> {
    const rows = await this.dataSource.query<{ partner_id: string; launches: number }[]>(
      `SELECT u.partner_id, count(DISTINCT u.launch_id)::int AS launches
         FROM asset_usages u
        WHERE u.asset_id = $1 AND u.active AND u.launch_id IS NOT NULL AND u.partner_id IS NOT NULL
        GROUP BY u.partner_id`,
      [assetId],
    );
    return rows.map((r) => ({ partnerId: r.partner_id, launches: r.launches }));
  }

  /** "Kit name" per launch, for partner notices (a read of campaigns' tables, see above). */
  async launchNames(launchIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (launchIds.length === 0) return new Map();
    const rows = await this.m(manager).query<{ id: string; name: string }[]>(
      `SELECT l.id, kv.name FROM launches l JOIN kit_versions kv ON kv.id = l.kit_version_id WHERE l.id = ANY($1::uuid[])`,
      [launchIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
