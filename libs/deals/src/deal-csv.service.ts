import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, Clock, decodeUtf8Text, DomainError, formatMinor, isUuid, parseMajor, partnerScope, Principal, textProblem } from '@app/core';
import { CsvParser, CsvRecord, CsvSyntaxError } from '@app/contacts';
import { companyDomain } from '@app/nurture';
import { PartnerService } from '@app/partners';
import { companyKey } from './deal-matching';
import { csvLine } from '@app/core';
import { STAGE_LABELS, stageOf } from './deal-csv';
import { DealRepository, NewDeal } from './deal.repository';
import { DEFAULT_PROTECTION_DAYS, Deal, MAX_AMOUNT_CENTS } from './deal.types';

export const DEAL_IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 10_000, maxLineChars: 64 * 1024, batchSize: 500 } as const;
const EXPORT_BATCH = 1_000;
const DAY_MS = 86_400_000;

/** The export's columns, in order: what a CRM admin maps to an opportunity. */
export const DEAL_EXPORT_COLUMNS = [
  'Opportunity Name',
  'Account Name',
  'Website',
  'Amount',
  'Currency',
  'Close Date',
  'Stage',
  'Partner',
  'Partner Id',
  'Contact Name',
  'Contact Email',
  'Products',
  'Registered At',
  'Protected Until',
  'Final Amount',
  'Closed At',
  'Rejection Reason',
  'Registration Type',
  'Conflict Flagged',
  'Source Launch Id',
  'Source Lead Id',
  'Description',
  'Deal Registration Id',
] as const;

type ImportField =
  | 'partner'
  | 'company'
  | 'domain'
  | 'amount'
  | 'currency'
  | 'closeDate'
  | 'stage'
  | 'registeredAt'
  | 'protectedUntil'
  | 'contactName'
  | 'contactEmail'
  | 'products'
  | 'notes'
  | 'finalAmount'
  | 'closedAt'
  | 'rejectionReason'
  | 'id';

/** Header names (lower case) the import understands; the export's own headers are among them. */
const HEADER_ALIASES: Record<string, ImportField> = {
  'partner id': 'partner',
  'partner slug': 'partner',
  partner: 'partner',
  'account name': 'company',
  'customer company': 'company',
  company: 'company',
  website: 'domain',
  domain: 'domain',
  'website/domain': 'domain',
  'customer domain': 'domain',
  amount: 'amount',
  currency: 'currency',
  'currency code': 'currency',
  'close date': 'closeDate',
  'expected close date': 'closeDate',
  stage: 'stage',
  status: 'stage',
  'registered at': 'registeredAt',
  'protected until': 'protectedUntil',
  'contact name': 'contactName',
  'contact email': 'contactEmail',
  products: 'products',
  description: 'notes',
  notes: 'notes',
  'final amount': 'finalAmount',
  'closed at': 'closedAt',
  'rejection reason': 'rejectionReason',
  'deal registration id': 'id',
};
const REQUIRED: ImportField[] = ['partner', 'company', 'domain', 'amount', 'currency'];
/** Column names reported for a field (the first alias a CRM export would use). */
const FIELD_NAMES: Record<ImportField, string> = {
  partner: 'Partner Id',
  company: 'Account Name',
  domain: 'Website',
  amount: 'Amount',
  currency: 'Currency',
  closeDate: 'Close Date',
  stage: 'Stage',
  registeredAt: 'Registered At',
  protectedUntil: 'Protected Until',
  contactName: 'Contact Name',
  contactEmail: 'Contact Email',
  products: 'Products',
  notes: 'Description',
  finalAmount: 'Final Amount',
  closedAt: 'Closed At',
  rejectionReason: 'Rejection Reason',
  id: 'Deal Registration Id',
};

export interface DealImportRow {
  row: number;
  outcome: 'imported' | 'rejected';
  dealId: string | null;
  errors: { field: string; message: string }[];
}

export interface DealImportReport {
  totalRows: number;
  imported: number;
  rejected: number;
  ignoredColumns: string[];
  rows: DealImportRow[];
}

export class DealImportRefusedError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 422, { fields: [{ field: 'file', problems: [message] }] });
  }
}

/** CSV export of registrations for a CRM, and CSV import of registrations kept elsewhere until now. */
@Injectable()
export class DealCsvService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
  ) {}

  /** The caller's deals (a partner's own; all for vendor users), oldest first, in batches. */
  async *export(principal: Principal): AsyncGenerator<string> {
    const scope = partnerScope(principal);
    yield csvLine([...DEAL_EXPORT_COLUMNS]);
    let after: [Date, string] | null = null;
    for (;;) {
      const records = await this.deals.exportBatch(scope, after, EXPORT_BATCH);
      const names = await this.partners.namesOf(records.map((d) => d.partnerId));
      const batch: Deal[] = records.map((d) => ({ ...d, partnerName: names.get(d.partnerId) ?? '' }));
      yield batch.map(exportLine).join('');
      const last = batch[batch.length - 1];
      if (!last || batch.length < EXPORT_BATCH) return;
      after = [last.createdAt, last.id];
    }
  }

  /**
   * Imports registrations (vendor admins migrating from another system). Rows are checked one by
   * one; a bad row is reported with its column and reason and the others are imported. Imported
   * deals keep their history (status, dates) and skip conflict checks, webhooks and nurture exits.
   */
  async import(principal: Principal, file: Buffer, requestId?: string): Promise<DealImportReport> {
    const [header, ...data] = parseFile(file);
    if (!header) throw new DealImportRefusedError('DEAL_IMPORT_EMPTY', 'The file has no header row');
    const columns = new Map<ImportField, number>();
    const ignoredColumns: string[] = [];
    header.fields.forEach((name, index) => {
      const field = HEADER_ALIASES[name.trim().toLowerCase()];
      if (field && !columns.has(field)) columns.set(field, index);
      else ignoredColumns.push(name);
    });
    const badHeader = header.fields.findIndex((name) => textProblem(name) !== null);
    if (badHeader >= 0) throw new DealImportRefusedError('DEAL_IMPORT_BAD_HEADER', `Column ${badHeader + 1} of the header ${textProblem(header.fields[badHeader]!)}`);
    const missing = REQUIRED.filter((f) => !columns.has(f));
    if (missing.length > 0) throw new DealImportRefusedError('DEAL_IMPORT_MISSING_COLUMNS', `The header has no ${missing.map((f) => `"${FIELD_NAMES[f]}"`).join(', ')} column`);

    const nonEmpty = data.filter((r) => r.fields.some((f) => f.trim() !== ''));
    const cell = (r: CsvRecord, f: ImportField) => {
      const index = columns.get(f);
      return index === undefined ? '' : (r.fields[index] ?? '').trim();
    };
    // A cell that is not storable text rejects its row before any lookup sees it.
    const badText = (r: CsvRecord) =>
      [...columns].flatMap(([f, index]) => {
        const problem = textProblem(r.fields[index] ?? '');
        return problem ? [{ field: FIELD_NAMES[f], message: problem }] : [];
      });
    const checked = nonEmpty.map((r) => ({ record: r, textErrors: badText(r) }));
    const records = checked.filter((c) => c.textErrors.length === 0).map((c) => c.record);
    const partners = await this.partners.idsBySlugOrId([...new Set(records.map((r) => cell(r, 'partner').toLowerCase()).filter((v) => v !== ''))]);
    const givenIds = records.map((r) => cell(r, 'id').toLowerCase()).filter(isUuid);
    const existing = await this.deals.existingIds(givenIds);
    const seenIds = new Set<string>();
    const now = this.clock.now();

    const planned = checked.map(({ record: r, textErrors }) => ({
      row: r.row,
      result: textErrors.length > 0 ? ({ ok: false, errors: textErrors } as const) : readRow((f) => cell(r, f), partners, existing, seenIds, now),
    }));
    const report: DealImportRow[] = [];
    for (let start = 0; start < planned.length; start += DEAL_IMPORT_LIMITS.batchSize) {
      const batch = planned.slice(start, start + DEAL_IMPORT_LIMITS.batchSize);
      const rows = await this.dataSource.transaction(async (manager) => {
        const out: DealImportRow[] = [];
        for (const p of batch) {
          if (!p.result.ok) {
            out.push({ row: p.row, outcome: 'rejected', dealId: null, errors: p.result.errors });
            continue;
          }
          const dealId = await this.deals.insert(manager, { ...p.result.deal, registeredBy: principal.userId });
          await this.audit.record(
            { actorUserId: principal.userId, onBehalfOfPartnerId: p.result.deal.partnerId, action: 'deal.imported', entityType: 'deal', entityId: dealId, after: { status: p.result.deal.status, row: p.row }, requestId },
            manager,
          );
          out.push({ row: p.row, outcome: 'imported', dealId, errors: [] });
        }
        return out;
      });
      report.push(...rows);
    }
    const imported = report.filter((r) => r.outcome === 'imported').length;
    return { totalRows: report.length, imported, rejected: report.length - imported, ignoredColumns, rows: report };
  }
}

function exportLine(d: Deal): string {
  return csvLine([
    `${d.customerCompany}${d.products.length > 0 ? ` - ${d.products.join(', ')}` : ''}`,
    d.customerCompany,
    d.customerDomain,
    formatMinor(d.amountCents, d.currency),
    d.currency,
    d.expectedCloseDate,
    STAGE_LABELS[d.status],
    d.partnerName,
    d.partnerId,
    d.contactName,
    d.contactEmail,
    d.products.join('; '),
    d.createdAt.toISOString(),
    d.protectedUntil?.toISOString() ?? null,
    d.finalAmountCents === null ? null : formatMinor(d.finalAmountCents, d.currency),
    d.closedAt?.toISOString() ?? null,
    d.rejectionReason,
    d.registrationMode === 'concierge' ? 'Concierge' : d.registrationMode === 'import' ? 'Imported' : 'Partner',
    d.conflictFlagged ? 'Yes' : 'No',
    d.sourceLaunchId,
    d.sourceLeadId,
    d.notes,
    d.id,
  ]);
}

function parseFile(file: Buffer): CsvRecord[] {
  if (file.length > DEAL_IMPORT_LIMITS.maxBytes) throw new DealImportRefusedError('DEAL_IMPORT_TOO_LARGE', `The file is larger than ${DEAL_IMPORT_LIMITS.maxBytes} bytes`);
  const text = decodeUtf8Text(file);
  if (text === null) throw new DealImportRefusedError('DEAL_IMPORT_NOT_UTF8', 'The file is not UTF-8 text; export it as "CSV UTF-8"');
  const parser = new CsvParser({ maxRecordChars: DEAL_IMPORT_LIMITS.maxLineChars });
  let records: CsvRecord[];
  try {
    records = [...parser.push(text), ...parser.end()];
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DealImportRefusedError('DEAL_IMPORT_UNREADABLE_CSV', error.message);
    throw error;
  }
  if (records.length > DEAL_IMPORT_LIMITS.maxRows + 1) throw new DealImportRefusedError('DEAL_IMPORT_TOO_MANY_ROWS', `The file has more than ${DEAL_IMPORT_LIMITS.maxRows} rows; split it`);
  return records;
}

type RowResult = { ok: true; deal: NewDeal } | { ok: false; errors: { field: string; message: string }[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readRow(cell: (f: ImportField) => string, partners: Map<string, string>, existing: Set<string>, seenIds: Set<string>, now: Date): RowResult {
  const errors: { field: string; message: string }[] = [];
  const fail = (f: ImportField, message: string) => errors.push({ field: FIELD_NAMES[f], message });
  const text = (f: ImportField, max: number): string | null => {
    const v = cell(f);
    if (v === '') return null;
    if (v.length > max) fail(f, `must be at most ${max} characters`);
    return v;
  };
  const instant = (f: ImportField): Date | null => {
    const v = cell(f);
    if (v === '') return null;
    const ms = Date.parse(DATE.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(ms)) {
      fail(f, 'must be a date (2026-11-02) or an ISO 8601 time');
      return null;
    }
    return new Date(ms);
  };

  const partnerRef = cell('partner');
  const partnerId = partners.get(partnerRef.toLowerCase());
  if (partnerRef === '') fail('partner', 'is required');
  else if (!partnerId) fail('partner', 'is not a partner id or slug of this program');
  const company = text('company', 200);
  if (!company) fail('company', 'is required');
  const domain = companyDomain(cell('domain'));
  if (!domain) fail('domain', 'must be a domain such as acme.example');
  const currency = cell('currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) fail('currency', 'must be a three-letter ISO 4217 code such as EUR');
  const amount = parseMajor(cell('amount'), currency);
  if (amount === null || amount > MAX_AMOUNT_CENTS) fail('amount', `must be a non-negative amount in ${currency || 'the currency'}`);
  const stageText = cell('stage');
  const status = stageText === '' ? 'submitted' : stageOf(stageText);
  if (!status) fail('stage', 'must be Registered, Approved, Rejected, Closed Won, Closed Lost or Expired');
  const closeDate = cell('closeDate');
  if (closeDate !== '' && (!DATE.test(closeDate) || Number.isNaN(Date.parse(closeDate)))) fail('closeDate', 'must be a date such as 2026-11-02');
  const registeredAt = instant('registeredAt') ?? now;
  let protectedUntil = instant('protectedUntil');
  let closedAt = instant('closedAt');
  const finalText = cell('finalAmount');
  let finalAmount = finalText === '' ? null : parseMajor(finalText, currency);
  if (finalText !== '' && finalAmount === null) fail('finalAmount', `must be a non-negative amount in ${currency || 'the currency'}`);
  const contactEmail = text('contactEmail', 254);
  if (contactEmail && !EMAIL.test(contactEmail)) fail('contactEmail', 'must be an email address');
  const products = cell('products').split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  if (products.length > 20 || products.some((p) => p.length > 100)) fail('products', 'at most 20 products of at most 100 characters');
  const id = cell('id').toLowerCase();
  if (id !== '') {
    if (!isUuid(id)) fail('id', 'must be a UUID');
    else if (existing.has(id) || seenIds.has(id)) fail('id', 'is already registered');
  }
  if (status === 'approved') protectedUntil ??= new Date(registeredAt.getTime() + DEFAULT_PROTECTION_DAYS * DAY_MS);
  if (status === 'won' || status === 'lost') {
    closedAt ??= closeDate !== '' && DATE.test(closeDate) ? new Date(`${closeDate}T00:00:00Z`) : null;
    if (!closedAt) fail('closedAt', 'is required for a closed deal (or a Close Date)');
  }
  if (status === 'won') finalAmount ??= amount;
  const notes = text('notes', 5000);
  const contactName = text('contactName', 200);
  const rejectionReason = status === 'rejected' ? (text('rejectionReason', 1000) ?? 'Rejected before import') : null;

  if (errors.length > 0 || !partnerId || !company || !domain || amount === null || !status) return { ok: false, errors };
  if (id !== '') seenIds.add(id);
  return {
    ok: true,
    deal: {
      ...(id !== '' ? { id } : {}),
      partnerId,
      registeredBy: null,
      registrationMode: 'import',
      customerCompany: company,
      customerDomain: domain,
      companyKey: companyKey(company),
      contactName,
      contactEmail: contactEmail?.toLowerCase() ?? null,
      products,
      amountCents: amount,
      currency,
      expectedCloseDate: closeDate === '' ? null : closeDate,
      notes,
      sourceLaunchId: null,
      sourceLeadId: null,
      status,
      approvedAt: status === 'approved' ? registeredAt : null,
      protectedUntil: status === 'approved' || status === 'expired' ? protectedUntil : null,
      rejectionReason,
      finalAmountCents: status === 'won' ? finalAmount : null,
      closedAt: status === 'won' || status === 'lost' ? closedAt : null,
      createdAt: registeredAt,
    },
  };
}
