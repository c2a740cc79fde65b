import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The SQL of `system_state`: small key/value facts the platform keeps about itself. */
@Injectable()
export class SystemStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(key: string, value: unknown, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO system_state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, JSON.stringify(value), at],
    );
  }

  /** Stores `value` unless the key is already there (the first process to get here wins). */
  async insertIfAbsent(key: string, value: unknown): Promise<void> {
    await this.dataSource.query(`INSERT INTO system_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, JSON.stringify(value)]);
  }

  async find<T>(key: string): Promise<{ value: T; updated_at: Date } | null> {
    const rows = await this.dataSource.query<{ value: T; updated_at: Date }[]>('SELECT value, updated_at FROM system_state WHERE key = $1', [key]);
    return rows[0] ?? null;
  }
}
