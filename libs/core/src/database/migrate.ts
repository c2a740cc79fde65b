import { Logger } from '@nestjs/common';
import { runMigrations as runQueueMigrations } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Arbitrary but fixed: every ChannelKit process takes this lock before migrating. */
const MIGRATION_LOCK_KEY = 7_314_202_611;

export function createMigrationDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  });
}

/**
 * Applies pending migrations (ours, then the queue backend's when it lives in Postgres) under a
 * session advisory lock, so an api and a worker booting together never race.
 */
export async function runMigrations(url: string, options: { queueSchema?: boolean } = {}): Promise<string[]> {
  const logger = new Logger('Migrations');
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = createMigrationDataSource(url);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`applied ${migration.name}`);
      if (options.queueSchema) {
        await runQueueMigrations(lock);
      }
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
