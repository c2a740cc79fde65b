import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';

/** Small key/value facts the platform keeps about itself (worker heartbeat, demo seed marker). */
@Injectable()
export class SystemStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async set(key: string, value: unknown): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO system_state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, JSON.stringify(value), this.clock.now()],
    );
  }

  async get<T>(key: string): Promise<{ value: T; updatedAt: Date } | null> {
    const rows = await this.dataSource.query<{ value: T; updated_at: Date }[]>('SELECT value, updated_at FROM system_state WHERE key = $1', [key]);
    const row = rows[0];
    return row ? { value: row.value, updatedAt: row.updated_at } : null;
  }

  async recordHeartbeat(worker: string): Promise<void> {
    await this.set('worker-heartbeat', { worker, at: this.clock.now().toISOString() });
  }
}
