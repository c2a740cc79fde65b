import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { OnePartnerScope } from '@app/core';
import { ContactImportEntity, ContactImportRowEntity, ImportRowOutcome } from './contact-import.entity';
import type { RowError } from './contact-row';

export interface ImportRowRecord {
  rowNumber: number;
  outcome: ImportRowOutcome;
  email: string | null;
  contactId: string | null;
  errors: RowError[];
}

@Injectable()
export class ContactImportRepository {
  constructor(
    @InjectRepository(ContactImportEntity) private readonly imports: Repository<ContactImportEntity>,
    @InjectRepository(ContactImportRowEntity) private readonly rows: Repository<ContactImportRowEntity>,
  ) {}

  create(values: Pick<ContactImportEntity, 'partnerId' | 'createdBy' | 'fileName' | 'totalRows' | 'ignoredColumns'>): Promise<ContactImportEntity> {
    return this.imports.save(this.imports.create({ ...values, status: 'processing', imported: 0, updated: 0, rejected: 0 }));
  }

  /** Writes report rows in one statement. */
  async insertRows(manager: EntityManager, importId: string, rows: ImportRowRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO contact_import_rows (import_id, row_number, outcome, email, contact_id, errors)
       SELECT $1, t.row_number, t.outcome, t.email, t.contact_id, t.errors::jsonb
       FROM unnest($2::integer[], $3::text[], $4::text[], $5::uuid[], $6::text[]) AS t(row_number, outcome, email, contact_id, errors)`,
      [
        importId,
        rows.map((r) => r.rowNumber),
        rows.map((r) => r.outcome),
        rows.map((r) => r.email),
        rows.map((r) => r.contactId),
        rows.map((r) => JSON.stringify(r.errors)),
      ],
    );
  }

  async finish(id: string, values: Pick<ContactImportEntity, 'status' | 'imported' | 'updated' | 'rejected' | 'completedAt'>): Promise<void> {
    await this.imports.update({ id }, values);
  }

  findForPartner(scope: OnePartnerScope, id: string): Promise<ContactImportEntity | null> {
    return this.imports.findOneBy({ partnerId: scope.partnerId, id });
  }

  /** Report rows in file order, after `afterRow`; `onlyRejected` for the summary's first failures. */
  listRows(importId: string, page: { limit: number; afterRow?: number; onlyRejected?: boolean }): Promise<ContactImportRowEntity[]> {
    return this.rows.find({
      where: {
        importId,
        ...(page.afterRow !== undefined ? { rowNumber: MoreThan(page.afterRow) } : {}),
        ...(page.onlyRejected ? { outcome: 'rejected' as const } : {}),
      },
      order: { rowNumber: 'ASC' },
      take: page.limit,
    });
  }
}
