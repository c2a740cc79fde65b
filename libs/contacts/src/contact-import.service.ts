import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, Clock, decodeCursor, decodeUtf8Text, encodeCursor, eventLoopSlicer, NotFoundError, ownPartnerScope, Principal, textProblem } from '@app/core';
import { ContactImportEntity, ContactImportRowEntity } from './contact-import.entity';
import { ContactImportRepository, ImportRowRecord } from './contact-import.repository';
import { ContactRepository } from './contact.repository';
import { ContactInput, HeaderMapping, mapHeader, readContactRow, RowResult } from './contact-row';
import { CONTACT_LISTS_REFUSAL, ImportRefusedError } from './contacts.errors';
import { CsvParser, CsvRecord, CsvSyntaxError } from './csv-parser';

/** Bounds of one upload. The byte limit is enforced while streaming the multipart body. */
export const CONTACT_IMPORT_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 50_000,
  maxLineChars: 1024 * 1024,
  batchSize: 500,
  /** Rejected rows returned with the upload's answer; the full report is paginated. */
  firstRejected: 100,
} as const;

const CHUNK_CHARS = 8 * 1024;
/** Longest stretch of parsing or validation before other requests get a turn of the event loop. */
const SLICE_MS = 10;

export interface ImportOutcome {
  summary: ContactImportEntity;
  firstRejected: ImportRowRecord[];
}

interface PlannedRow {
  row: number;
  result: RowResult;
  /** Set on a valid row that a later row with the same email replaces. */
  supersededBy?: number;
}

/**
 * CSV imports of partner contacts. The file is parsed and validated whole first (nothing is
 * written for a file that is refused), then written in batches: one transaction per batch, one
 * multi-row upsert for its contacts and one insert for its report rows. A bad row never stops
 * the file; it is reported with the reason.
 */
@Injectable()
export class ContactImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    private readonly imports: ContactImportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async import(principal: Principal, file: Buffer, fileName: string | null = null, requestId?: string): Promise<ImportOutcome> {
    const scope = ownPartnerScope(principal, CONTACT_LISTS_REFUSAL);
    const slice = eventLoopSlicer(SLICE_MS);
    // Each record is validated as it is parsed, so only its outcome outlives it: keeping 50,000
    // parsed records until the end made the young-generation collections long pauses.
    const header: { mapping?: HeaderMapping } = {};
    const planned: PlannedRow[] = [];
    await this.parse(file, slice, (record) => {
      if (!header.mapping) {
        header.mapping = readHeader(record);
        return;
      }
      // Rows whose every cell is empty (",,,") are blank lines to a spreadsheet user: not counted.
      if (record.fields.some((f) => f.trim() !== '')) planned.push({ row: record.row, result: readContactRow(record.fields, header.mapping) });
    });
    if (!header.mapping) throw new ImportRefusedError('IMPORT_EMPTY', 'The file has no header row');
    const { ignored } = header.mapping;
    // The last row of an email wins; earlier ones are reported as duplicates of it.
    const lastRowOf = new Map<string, number>();
    for (const p of planned) {
      await slice();
      if (p.result.ok) lastRowOf.set(p.result.contact.emailNormalised, p.row);
    }
    for (const p of planned) {
      await slice();
      if (!p.result.ok) continue;
      const last = lastRowOf.get(p.result.contact.emailNormalised);
      if (last !== undefined && last !== p.row) p.supersededBy = last;
    }

    const importRow = await this.imports.create({ partnerId: scope.partnerId, createdBy: principal.userId, fileName, totalRows: planned.length, ignoredColumns: ignored });
    const counts = { imported: 0, updated: 0, rejected: 0 };
    const firstRejected: ImportRowRecord[] = [];
    try {
      for (let start = 0; start < planned.length; start += CONTACT_IMPORT_LIMITS.batchSize) {
        const batch = planned.slice(start, start + CONTACT_IMPORT_LIMITS.batchSize);
        const batchCounts = await this.dataSource.transaction(async (manager) => {
          const winners: ContactInput[] = [];
          for (const p of batch) if (p.result.ok && p.supersededBy === undefined) winners.push(p.result.contact);
          const upserted = await this.contacts.upsertMany(manager, scope, winners, `import:${importRow.id}`);
          const byEmail = new Map(upserted.map((u) => [u.emailNormalised, u]));
          const report = batch.map((p): ImportRowRecord => reportRow(p, byEmail));
          await this.imports.insertRows(manager, importRow.id, report);
          return report;
        });
        for (const r of batchCounts) {
          counts[r.outcome]++;
          if (r.outcome === 'rejected' && firstRejected.length < CONTACT_IMPORT_LIMITS.firstRejected) firstRejected.push(r);
        }
      }
    } catch (error) {
      await this.imports.finish(importRow.id, { status: 'failed', ...counts, completedAt: this.clock.now() });
      throw error;
    }
    const completedAt = this.clock.now();
    await this.imports.finish(importRow.id, { status: 'completed', ...counts, completedAt });
    await this.audit.record({
      actorUserId: principal.userId,
      action: 'contacts.imported',
      entityType: 'contact_import',
      entityId: importRow.id,
      after: { totalRows: planned.length, ...counts },
      requestId,
    });
    return { summary: Object.assign(importRow, { status: 'completed' as const, ...counts, completedAt }), firstRejected };
  }

  async report(
    principal: Principal,
    id: string,
    query: { limit?: number; cursor?: string; outcome?: 'rejected' },
  ): Promise<{ summary: ContactImportEntity; rows: ContactImportRowEntity[]; nextCursor: string | null }> {
    const summary = await this.imports.findForPartner(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), id);
    if (!summary) throw new NotFoundError('Import');
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.cursor, 1, ([row]) => typeof row === 'number' && Number.isInteger(row));
    const rows = await this.imports.listRows(id, { limit: limit + 1, ...(after ? { afterRow: Number(after[0]) } : {}), ...(query.outcome ? { onlyRejected: true } : {}) });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      summary,
      rows: items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.rowNumber]) : null,
    };
  }

  /** Decodes and parses the file, refusing it whole when it cannot be read or is too long; returns the record count. */
  private async parse(file: Buffer, slice: () => Promise<void> | undefined, onRecord: (record: CsvRecord) => void): Promise<number> {
    const text = decodeUtf8Text(file);
    if (text === null) throw new ImportRefusedError('IMPORT_NOT_UTF8', 'The file is not UTF-8 text; export it as "CSV UTF-8"');
    const parser = new CsvParser({ maxRecordChars: CONTACT_IMPORT_LIMITS.maxLineChars });
    let count = 0;
    const take = (records: CsvRecord[]) => {
      count += records.length;
      if (count > CONTACT_IMPORT_LIMITS.maxRows + 1) {
        throw new ImportRefusedError('IMPORT_TOO_MANY_ROWS', `The file has more than ${CONTACT_IMPORT_LIMITS.maxRows} rows; split it`, {
          maxRows: CONTACT_IMPORT_LIMITS.maxRows,
        });
      }
      for (const record of records) onRecord(record);
    };
    try {
      // Chunked, so a file of millions of tiny lines is refused before it is all in memory.
      for (let i = 0; i < text.length; i += CHUNK_CHARS) {
        await slice();
        take(parser.push(text.slice(i, i + CHUNK_CHARS)));
      }
      take(parser.end());
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        throw new ImportRefusedError('IMPORT_UNREADABLE_CSV', error.message, { row: error.row, reason: error.reason });
      }
      throw error;
    }
    return count;
  }
}

/** The header's column mapping, or the reason the whole file is refused. */
function readHeader(header: CsvRecord): HeaderMapping {
  const badHeader = header.fields.findIndex((name) => textProblem(name) !== null);
  if (badHeader >= 0) {
    throw new ImportRefusedError('IMPORT_BAD_HEADER', `Column ${badHeader + 1} of the header ${textProblem(header.fields[badHeader]!)}`, { column: badHeader + 1 });
  }
  const mapping = mapHeader(header.fields);
  if (mapping.columns.email === undefined) {
    throw new ImportRefusedError('IMPORT_NO_EMAIL_COLUMN', 'The header has no email column (e.g. "email" or "Email Address")');
  }
  if (mapping.duplicated.length > 0) {
    throw new ImportRefusedError('IMPORT_DUPLICATE_COLUMN', `The header names ${mapping.duplicated.join(', ')} more than once`, { columns: mapping.duplicated });
  }
  return mapping;
}

function reportRow(p: PlannedRow, byEmail: Map<string, { id: string; inserted: boolean }>): ImportRowRecord {
  if (!p.result.ok) return { rowNumber: p.row, outcome: 'rejected', email: p.result.email, contactId: null, errors: p.result.errors };
  const { contact } = p.result;
  if (p.supersededBy !== undefined) {
    return {
      rowNumber: p.row,
      outcome: 'rejected',
      email: contact.email,
      contactId: null,
      errors: [{ code: 'DUPLICATE_IN_FILE', field: 'email', message: `row ${p.supersededBy} has the same email and replaces this row` }],
    };
  }
  const upserted = byEmail.get(contact.emailNormalised);
  if (!upserted) throw new Error(`no upsert result for row ${p.row}`);
  return { rowNumber: p.row, outcome: upserted.inserted ? 'imported' : 'updated', email: contact.email, contactId: upserted.id, errors: [] };
}
