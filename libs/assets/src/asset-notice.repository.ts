import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface NoticeKey {
  assetId: string;
  notice: string;
  userId: string;
  partnerId: string | null;
}

/** Expiry notices sent (`asset_notices`): once per asset, notice and recipient. */
@Injectable()
export class AssetNoticeRepository {
  /** Writes the notices not written before, in the caller's transaction; those written now come back. */
  insertNew(manager: EntityManager, notices: NoticeKey[], sentAt: Date): Promise<{ asset_id: string; notice: string; recipient_user_id: string }[]> {
    return manager.query<{ asset_id: string; notice: string; recipient_user_id: string }[]>(
      `INSERT INTO asset_notices (asset_id, notice, recipient_user_id, partner_id, sent_at)
       SELECT r.asset_id, r.notice, r.user_id, r.partner_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(asset_id uuid, notice text, user_id uuid, partner_id uuid)
       ON CONFLICT DO NOTHING
       RETURNING asset_id, notice, recipient_user_id`,
      [JSON.stringify(notices.map((n) => ({ asset_id: n.assetId, notice: n.notice, user_id: n.userId, partner_id: n.partnerId }))), sentAt],
    );
  }
}
