import { MigrationInterface, QueryRunner } from 'typeorm';

export class Leads1795280000000 implements MigrationInterface {
  name = 'Leads1795280000000';

  async up(q: QueryRunner): Promise<void> {
    // A lead: a contact captured through a launch (its landing-page form), attributed to the
    // launch and to the visitor's last click (the first-party click cookie).
    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id),
        launch_id uuid NOT NULL REFERENCES launches(id),
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        click_id uuid,
        consent text NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL,
        shared_with_vendor_at timestamptz
      )`);
    await q.query(`CREATE INDEX leads_launch_idx ON leads (launch_id, created_at)`);
    await q.query(`CREATE INDEX leads_partner_idx ON leads (partner_id, created_at)`);
    await q.query(`CREATE INDEX leads_click_idx ON leads (click_id) WHERE click_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leads`);
  }
}
