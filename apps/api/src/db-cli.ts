import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { CORE_ENTITIES, createMigrationDataSource, loadConfig, MIGRATIONS, runMigrations, startEmbeddedPostgres } from '@app/core';
import { BRAND_ENTITIES } from '@app/brand';
import { CAMPAIGN_ENTITIES } from '@app/campaigns';
import { CONTACT_ENTITIES } from '@app/contacts';
import { LINK_ENTITIES } from '@app/links';
import { PARTNER_ENTITIES } from '@app/partners';

/** Every entity of every lib: what `db:migration:generate` compares the database against. */
export const ALL_ENTITIES = [...CORE_ENTITIES, ...PARTNER_ENTITIES, ...BRAND_ENTITIES, ...CAMPAIGN_ENTITIES, ...CONTACT_ENTITIES, ...LINK_ENTITIES];

const MIGRATIONS_DIR = path.join('libs', 'core', 'src', 'database', 'migrations');

/**
 * `npm run db:migrate | db:revert | db:migration:generate -- <Name>`, against DATABASE_URL or the
 * embedded cluster in DATA_DIR (the running one when `npm start` or `start:deps` runs it: it stays up).
 */
export async function dbCli(command: string, args: string[], env: Record<string, string | undefined>): Promise<void> {
  const config = loadConfig(env);
  let url = config.database.url;
  let stop = async () => undefined as void;
  if (url === null) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.database.embeddedPort, role: 'db-cli' });
    stop = pg.stop;
    url = pg.url('channelkit');
    const admin = new DataSource({ type: 'postgres', url: pg.url('postgres') });
    await admin.initialize();
    const exists = await admin.query<unknown[]>("SELECT 1 FROM pg_database WHERE datname = 'channelkit'");
    if (exists.length === 0) await admin.query('CREATE DATABASE channelkit');
    await admin.destroy();
  }
  try {
    switch (command) {
      case 'migrate': {
        const applied = await runMigrations(url, { queueSchema: config.queue.redisUrl === null });
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
        break;
      }
      case 'revert': {
        const ds = createMigrationDataSource(url);
        await ds.initialize();
        await ds.undoLastMigration({ transaction: 'each' });
        await ds.destroy();
        process.stdout.write('reverted the last migration\n');
        break;
      }
      case 'generate': {
        const name = args[0];
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run db:migration:generate -- PascalCaseName');
        await runMigrations(url, { queueSchema: false });
        const ds = new DataSource({ type: 'postgres', url, entities: ALL_ENTITIES, migrations: MIGRATIONS, migrationsTableName: 'schema_migrations' });
        await ds.initialize();
        const log = await ds.driver.createSchemaBuilder().log();
        await ds.destroy();
        // Constraints, indexes and defaults live in the hand-written SQL, not in the entities, so
        // the diff's drops of them are noise: the draft keeps only what entities add or change.
        const keep = log.upQueries.map((q) => !/DROP (CONSTRAINT|INDEX)|DROP DEFAULT/.test(q.query));
        const sql = { upQueries: log.upQueries.filter((_, i) => keep[i]), downQueries: log.downQueries.filter((_, i) => keep[i]) };
        if (sql.upQueries.length === 0) {
          process.stdout.write('entities and migrations agree: nothing to generate\n');
          break;
        }
        const stamp = Date.now();
        const file = path.join(MIGRATIONS_DIR, `${stamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
        const lines = (queries: { query: string }[]) => queries.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
        fs.writeFileSync(
          file,
          `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  async up(q: QueryRunner): Promise<void> {\n${lines(sql.upQueries)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${lines([...sql.downQueries].reverse())}\n  }\n}\n`,
        );
        process.stdout.write(`wrote ${file}: review it, then add ${name}${stamp} to migrations/index.ts\n`);
        break;
      }
      default:
        throw new Error(`unknown command "${command}" (migrate, revert, generate)`);
    }
  } finally {
    await stop();
  }
}
