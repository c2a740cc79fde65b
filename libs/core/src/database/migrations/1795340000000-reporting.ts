import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vendor dashboard counts clicks per week across every link. Clicks arrive in time order, so a
 * BRIN index on `at` keeps that range scan small at almost no cost to the batched inserts (the
 * reason link_clicks has no B-tree index beyond link and launch).
 */
export class Reporting1795340000000 implements MigrationInterface {
  name = 'Reporting1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX link_clicks_at_brin ON link_clicks USING brin (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX link_clicks_at_brin`);
  }
}
