import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageStatus } from './message.types';

/** Message rows as other parts of the platform read them. */
@Injectable()
export class MessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many messages of each launch were written up to `asOf`, by status (ordered by status), in one query. */
  async countsByLaunchAndStatus(launchIds: string[], asOf: Date): Promise<{ launchId: string; status: MessageStatus; count: number }[]> {
    if (launchIds.length === 0) return [];
    const rows = await this.dataSource.query<{ launch_id: string; status: MessageStatus; n: string }[]>(
      `SELECT launch_id, status, count(*) AS n FROM messages WHERE launch_id = ANY($1::uuid[]) AND created_at <= $2 GROUP BY launch_id, status ORDER BY status`,
      [launchIds, asOf],
    );
    return rows.map((r) => ({ launchId: r.launch_id, status: r.status, count: Number(r.n) }));
  }
}
