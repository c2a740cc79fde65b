import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name a partner's MDF file had on their computer (`invoice-march.pdf`), cleaned, so a claim
 * form reopened later, finance and the download all show it. Null for files uploaded before.
 */
export class MdfFileNames1795400000000 implements MigrationInterface {
  name = 'MdfFileNames1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mdf_files ADD COLUMN file_name text CHECK (char_length(file_name) BETWEEN 1 AND 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mdf_files DROP COLUMN file_name`);
  }
}
