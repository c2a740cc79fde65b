import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerScope } from '@app/core';
import { Claim, ClaimListing, ClaimStatus, FileKind, MdfFile } from './mdf.types';

interface ClaimRow {
  id: string;
  request_id: string;
  program_id: string;
  partner_id: string;
  currency: string;
  actual_spend_cents: string;
  status: ClaimStatus;
  idempotency_key: string;
  submitted_by: string;
  submitted_at: Date;
  approved_cents: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  payment_reference: string | null;
  paid_on: string | null;
  paid_by: string | null;
  proof_pack_key: string | null;
  created_at: Date;
}

function claimColumns(prefix = ''): string {
  const p = prefix ? `${prefix}.` : '';
  return `${p}id, ${p}request_id, ${p}program_id, ${p}partner_id, ${p}currency, ${p}actual_spend_cents, ${p}status, ${p}idempotency_key, ${p}submitted_by,
    ${p}submitted_at, ${p}approved_cents, ${p}reviewed_by, ${p}reviewed_at, ${p}review_note, ${p}payment_reference, ${p}paid_on::text AS paid_on, ${p}paid_by,
    ${p}proof_pack_key, ${p}created_at`;
}

const COLUMNS = claimColumns();

const toClaim = (r: ClaimRow): Claim => ({
  id: r.id,
  requestId: r.request_id,
  programId: r.program_id,
  partnerId: r.partner_id,
  currency: r.currency,
  actualSpendCents: Number(r.actual_spend_cents),
  status: r.status,
  idempotencyKey: r.idempotency_key,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  approvedCents: r.approved_cents === null ? null : Number(r.approved_cents),
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  reviewNote: r.review_note,
  paymentReference: r.payment_reference,
  paidOn: r.paid_on,
  paidBy: r.paid_by,
  hasProofPack: r.proof_pack_key !== null,
  createdAt: r.created_at,
});

interface FileRow {
  id: string;
  request_id: string;
  partner_id: string;
  claim_id: string | null;
  kind: FileKind;
  storage_key: string;
  content_type: string;
  bytes: number;
  file_name: string | null;
  created_at: Date;
}

/** A file as the platform keeps it: the record and where its object is stored (never answered as such). */
export interface StoredMdfFile {
  file: MdfFile;
  storageKey: string;
}

const toFile = (r: FileRow): StoredMdfFile => ({
  file: { id: r.id, requestId: r.request_id, partnerId: r.partner_id, claimId: r.claim_id, kind: r.kind, fileName: r.file_name, contentType: r.content_type, bytes: r.bytes, createdAt: r.created_at },
  storageKey: r.storage_key,
});

/** Claims, their files and the deals they link. */
@Injectable()
export class ClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insert(
    manager: EntityManager,
    c: { id: string; requestId: string; programId: string; partnerId: string; currency: string; actualSpendCents: number; idempotencyKey: string; submittedBy: string; proofPackKey: string },
    now: Date,
  ): Promise<Claim> {
    const rows = await manager.query<ClaimRow[]>(
      `INSERT INTO mdf_claims (id, request_id, program_id, partner_id, currency, actual_spend_cents, idempotency_key, submitted_by, proof_pack_key, submitted_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10) RETURNING ${COLUMNS}`,
      [c.id, c.requestId, c.programId, c.partnerId, c.currency, c.actualSpendCents, c.idempotencyKey, c.submittedBy, c.proofPackKey, now],
    );
    return toClaim(rows[0]!);
  }

  async find(scope: PartnerScope, id: string, manager?: EntityManager, lock = false): Promise<Claim | null> {
    const rows = await this.m(manager).query<ClaimRow[]>(`SELECT ${COLUMNS} FROM mdf_claims WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2)${lock ? ' FOR UPDATE' : ''}`, [id, scope.partnerId]);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  /** Where the claim's proof pack is stored: null when the claim is not found in the scope, `key` null before a pack is stored. */
  async findProofPackKey(scope: PartnerScope, id: string): Promise<{ key: string | null } | null> {
    const rows = await this.dataSource.query<{ proof_pack_key: string | null }[]>(`SELECT proof_pack_key FROM mdf_claims WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2)`, [id, scope.partnerId]);
    return rows[0] ? { key: rows[0].proof_pack_key } : null;
  }

  async findByKey(partnerId: string, idempotencyKey: string): Promise<Claim | null> {
    const rows = await this.dataSource.query<ClaimRow[]>(`SELECT ${COLUMNS} FROM mdf_claims WHERE partner_id = $1 AND idempotency_key = $2`, [partnerId, idempotencyKey]);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  async findByRequest(requestId: string): Promise<Claim | null> {
    const rows = await this.dataSource.query<ClaimRow[]>(`SELECT ${COLUMNS} FROM mdf_claims WHERE request_id = $1`, [requestId]);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  /** Claims with request details, oldest submission first (the partner's name comes from partners). */
  async listings(scope: PartnerScope, filter: { status?: ClaimStatus[] }, page: { limit: number; after?: [string, string] }): Promise<Omit<ClaimListing, 'partnerName'>[]> {
    const rows = await this.dataSource.query<(ClaimRow & { activity_type: string; request_approved_cents: string })[]>(
      `SELECT ${claimColumns('c')}, r.activity_type, r.approved_cents AS request_approved_cents
       FROM mdf_claims c JOIN mdf_requests r ON r.id = c.request_id
       WHERE ($1::uuid IS NULL OR c.partner_id = $1) AND ($2::text[] IS NULL OR c.status = ANY($2))
         AND ($3::timestamptz IS NULL OR (c.submitted_at, c.id) > ($3, $4::uuid))
       ORDER BY c.submitted_at, c.id LIMIT $5`,
      [scope.partnerId, filter.status ?? null, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
    );
    return rows.map((r) => ({ ...toClaim(r), activityType: r.activity_type, requestApprovedCents: Number(r.request_approved_cents ?? 0) }));
  }

  async update(manager: EntityManager, id: string, set: Partial<Record<'status' | 'actual_spend_cents' | 'approved_cents' | 'reviewed_by' | 'reviewed_at' | 'review_note' | 'payment_reference' | 'paid_on' | 'paid_by' | 'proof_pack_key' | 'submitted_at', unknown>>, now: Date): Promise<Claim> {
    const keys = Object.keys(set);
    const assignments = keys.map((k, i) => `${k} = $${i + 3}`).join(', ');
    // UPDATE … RETURNING answers [rows, affected].
    const [rows] = await manager.query<[ClaimRow[], number]>(`UPDATE mdf_claims SET updated_at = $2${assignments ? `, ${assignments}` : ''} WHERE id = $1 RETURNING ${COLUMNS}`, [id, now, ...keys.map((k) => (set as Record<string, unknown>)[k])]);
    return toClaim(rows[0]!);
  }

  async insertFile(
    f: { requestId: string; partnerId: string; kind: FileKind; storageKey: string; contentType: string; bytes: number; fileName: string | null; uploadedBy: string; id: string },
    now: Date,
  ): Promise<StoredMdfFile> {
    const rows = await this.dataSource.query<FileRow[]>(
      `INSERT INTO mdf_files (id, request_id, partner_id, kind, storage_key, content_type, bytes, file_name, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [f.id, f.requestId, f.partnerId, f.kind, f.storageKey, f.contentType, f.bytes, f.fileName, f.uploadedBy, now],
    );
    return toFile(rows[0]!);
  }

  async filesOfRequest(requestId: string, manager?: EntityManager): Promise<StoredMdfFile[]> {
    const rows = await this.m(manager).query<FileRow[]>(`SELECT * FROM mdf_files WHERE request_id = $1 ORDER BY created_at, id`, [requestId]);
    return rows.map(toFile);
  }

  /** The request's files no claim was submitted with yet, oldest first. */
  async unclaimedFilesOfRequest(requestId: string): Promise<StoredMdfFile[]> {
    const rows = await this.dataSource.query<FileRow[]>(`SELECT * FROM mdf_files WHERE request_id = $1 AND claim_id IS NULL ORDER BY created_at, id`, [requestId]);
    return rows.map(toFile);
  }

  async filesOfClaim(claimId: string): Promise<StoredMdfFile[]> {
    const rows = await this.dataSource.query<FileRow[]>(`SELECT * FROM mdf_files WHERE claim_id = $1 ORDER BY kind, created_at, id`, [claimId]);
    return rows.map(toFile);
  }

  /** One file of the request, locked until the transaction ends (a submission attaching it waits, and the other way round). */
  async lockFile(manager: EntityManager, requestId: string, fileId: string): Promise<StoredMdfFile | null> {
    const rows = await manager.query<FileRow[]>(`SELECT * FROM mdf_files WHERE id = $1 AND request_id = $2 FOR UPDATE`, [fileId, requestId]);
    return rows[0] ? toFile(rows[0]) : null;
  }

  async deleteFile(manager: EntityManager, fileId: string): Promise<void> {
    await manager.query(`DELETE FROM mdf_files WHERE id = $1`, [fileId]);
  }

  /**
   * Attaches exactly these files to the claim (and detaches any others it had). Answers how many of
   * them it attached: fewer than asked when one was deleted since it was checked.
   */
  async setFiles(manager: EntityManager, claimId: string, fileIds: string[]): Promise<number> {
    await manager.query(`UPDATE mdf_files SET claim_id = NULL WHERE claim_id = $1 AND NOT (id = ANY($2::uuid[]))`, [claimId, fileIds]);
    const [, attached] = await manager.query<[unknown[], number]>(`UPDATE mdf_files SET claim_id = $1 WHERE id = ANY($2::uuid[]) AND (claim_id IS NULL OR claim_id = $1)`, [claimId, fileIds]);
    return attached;
  }

  async setDeals(manager: EntityManager, claimId: string, dealIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM mdf_claim_deals WHERE claim_id = $1`, [claimId]);
    if (dealIds.length > 0) await manager.query(`INSERT INTO mdf_claim_deals (claim_id, deal_id) SELECT $1, unnest($2::uuid[])`, [claimId, dealIds]);
  }

  /** The ids of the deals each claim links, in the caller's transaction when given. */
  async dealIdsOf(claimIds: string[], manager?: EntityManager): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(claimIds.map((id) => [id, []]));
    if (claimIds.length === 0) return out;
    const rows = await this.m(manager).query<{ claim_id: string; deal_id: string }[]>(`SELECT claim_id, deal_id FROM mdf_claim_deals WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, deal_id`, [claimIds]);
    for (const r of rows) out.get(r.claim_id)!.push(r.deal_id);
    return out;
  }
}
