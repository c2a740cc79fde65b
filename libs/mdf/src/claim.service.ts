import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  formatMinor,
  isCreatedAtCursor,
  NotFoundError,
  onBehalfOfPartner,
  Page,
  partnerScope,
  PartnerScope,
  Principal,
  StorageService,
  SystemScope,
  toPage,
  uniqueViolation,
  ValidationFailedError,
} from '@app/core';
import { ClaimEvidenceService } from './claim-evidence.service';
import { ClaimRepository, StoredMdfFile } from './claim.repository';
import { csvLine, extensionOf, sanitiseFileName } from '@app/core';
import { sniffProofFile } from './file-type';
import { LedgerService } from './ledger.service';
import { ApproveClaimDto, ListClaimsQuery, MarkPaidDto, SubmitClaimDto, UpdateClaimDto } from './mdf.dto';
import { ClaimDeadlinePassedError, MakerCheckerError, MdfStatusError, ReimbursementOverCapError } from './mdf.errors';
import { Claim, ClaimDetail, ClaimFile, ClaimListing, claimReturn, ClaimStatus, FileKind, MdfFile, MdfRequest, ReviewQueueClaim } from './mdf.types';
import { ProgramRepository } from './program.repository';
import { renderProofPack } from './proof-pack';
import { RequestRepository } from './request.repository';

const DAY_MS = 24 * 3600 * 1000;
/** Invoices and proof files: PDFs and images, at most this large each. */
export const MDF_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Creatives larger than this are listed in the proof pack, not embedded. */
const EMBED_MAX_BYTES = 1024 * 1024;

/** Claims: proof of performance, finance review and payment. */
@Injectable()
export class ClaimService {
  private readonly logger = new Logger(ClaimService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly evidence: ClaimEvidenceService,
    private readonly requests: RequestRepository,
    private readonly programs: ProgramRepository,
    private readonly ledger: LedgerService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Checks the caller may act on the request before anything is read from the upload. */
  async requestForUpload(principal: Principal, requestId: string): Promise<MdfRequest> {
    const request = await this.requests.find(partnerScope(principal), requestId);
    if (!request) throw new NotFoundError('Request');
    if (request.status !== 'approved') throw new MdfStatusError('request', request.status, 'claimed');
    return request;
  }

  /** Stores one invoice or proof file of an approved request; its type is read from its content. */
  async uploadFile(principal: Principal, request: MdfRequest, kind: FileKind, upload: { data: Buffer; fileName?: string }, requestId: string | null): Promise<MdfFile> {
    const { data } = upload;
    const type = sniffProofFile(data);
    if (!type) throw new DomainError('MDF_FILE_TYPE', 'Upload a PDF, PNG, JPEG or WebP file', 415, { fields: [{ field: 'file', problems: ['must be a PDF, PNG, JPEG or WebP file'] }] });
    const fileName = upload.fileName?.trim() ? displayFileName(upload.fileName, type.ext) : null;
    const id = randomUUID();
    const storageKey = `mdf/${request.partnerId}/${request.id}/${id}.${type.ext}`;
    await this.storage.put(storageKey, data, type.contentType);
    const { file } = await this.claims.insertFile({ id, requestId: request.id, partnerId: request.partnerId, kind, storageKey, contentType: type.contentType, bytes: data.length, fileName, uploadedBy: principal.userId }, this.clock.now());
    await this.audit.record({ actorUserId: principal.userId, onBehalfOfPartnerId: onBehalfOfPartner(principal, request.partnerId), action: 'mdf.file.uploaded', entityType: 'mdf_request', entityId: request.id, after: { fileId: id, kind, fileName, contentType: type.contentType, bytes: data.length }, requestId });
    return file;
  }

  /** The request's files no claim was submitted with yet (uploaded for a claim still being written), with download URLs. */
  async unclaimedFiles(principal: Principal, requestId: string): Promise<ClaimFile[]> {
    const request = await this.requests.find(partnerScope(principal), requestId);
    if (!request) throw new NotFoundError('Request');
    return Promise.all((await this.claims.unclaimedFilesOfRequest(request.id)).map((f) => this.withUrl(f)));
  }

  /**
   * Deletes a file uploaded for the request that no claim was submitted with: its row, then its
   * stored object. A file a claim was submitted with is part of that claim's record and stays.
   */
  async deleteFile(principal: Principal, requestId: string, fileId: string, auditRequestId: string | null): Promise<void> {
    const request = await this.requests.find(partnerScope(principal), requestId);
    if (!request) throw new NotFoundError('Request');
    const deleted = await this.dataSource.transaction(async (manager) => {
      const stored = await this.claims.lockFile(manager, request.id, fileId);
      if (!stored) throw new NotFoundError('File');
      if (stored.file.claimId !== null) throw new ConflictError('MDF_FILE_CLAIMED', 'This file was submitted with the claim; it stays with it', { claimId: stored.file.claimId });
      await this.claims.deleteFile(manager, fileId);
      const { id, kind, fileName, contentType, bytes } = stored.file;
      await this.audit.record(
        { actorUserId: principal.userId, onBehalfOfPartnerId: onBehalfOfPartner(principal, request.partnerId), action: 'mdf.file.deleted', entityType: 'mdf_request', entityId: request.id, before: { fileId: id, kind, fileName, contentType, bytes }, requestId: auditRequestId },
        manager,
      );
      return stored;
    });
    // After commit: a failed delete leaves an object no row points at (logged), never a row without its object.
    await this.storage.delete(deleted.storageKey).catch((e: unknown) => this.logger.warn(`could not delete ${deleted.storageKey}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async withUrl(stored: StoredMdfFile): Promise<ClaimFile> {
    const ext = stored.storageKey.split('.').pop() ?? 'bin';
    const downloadName = stored.file.fileName ?? `${stored.file.kind}-${stored.file.id}.${ext}`;
    return { ...stored.file, url: await this.storage.presignGet(stored.storageKey, { downloadName }) };
  }

  /**
   * Submits the claim of an approved request. The Idempotency-Key makes it safe to retry: the same
   * key answers with the same claim, also when two submissions race.
   */
  async submit(principal: Principal, dto: SubmitClaimDto, idempotencyKey: string | undefined, requestId: string | null): Promise<{ claim: Claim; created: boolean }> {
    if (!idempotencyKey || idempotencyKey.length > 200) throw ValidationFailedError.field('Idempotency-Key', 'send a unique key (at most 200 characters) per claim in the Idempotency-Key header');
    const request = await this.requests.find(partnerScope(principal), dto.requestId);
    if (!request) throw new NotFoundError('Request');
    const replay = await this.replay(request, idempotencyKey);
    if (replay) return { claim: replay, created: false };
    if (request.status !== 'approved') throw new MdfStatusError('request', request.status, 'claimed');
    await this.checkDeadline(request);
    const claimed = await this.claims.findByRequest(request.id);
    if (claimed) {
      // A submission with the same key committed since the replay check above: the same claim.
      if (claimed.idempotencyKey === idempotencyKey) return { claim: claimed, created: false };
      throw new ConflictError('MDF_CLAIM_EXISTS', 'This request has been claimed already');
    }
    let dealIds: string[];
    let fileIds: string[];
    try {
      dealIds = await this.checkDeals(request, dto.dealIds ?? []);
      fileIds = await this.checkFiles(request, dto.fileIds, null);
    } catch (error) {
      // A racing submission with the same key may have committed meanwhile and taken these files: its claim is this one.
      const existing = await this.replay(request, idempotencyKey);
      if (existing) return { claim: existing, created: false };
      throw error;
    }
    // The proof pack is stored before the transaction that inserts the claim naming it: no S3
    // round trip holds the transaction open, and a claim row never exists without its pack.
    const now = this.clock.now();
    const claimId = randomUUID();
    const proofPackKey = await this.storeProofPack({ id: claimId, partnerId: request.partnerId, currency: request.currency, actualSpendCents: dto.actualSpendCents }, request, dealIds, now);
    try {
      const claim = await this.dataSource.transaction(async (manager) => {
        const inserted = await this.claims.insert(
          manager,
          { id: claimId, requestId: request.id, programId: request.programId, partnerId: request.partnerId, currency: request.currency, actualSpendCents: dto.actualSpendCents, idempotencyKey, submittedBy: principal.userId, proofPackKey },
          now,
        );
        await this.claims.setDeals(manager, inserted.id, dealIds);
        await this.attachFiles(manager, inserted.id, fileIds);
        await this.record(manager, principal, 'mdf.claim.submitted', inserted, undefined, requestId, { dealIds, fileIds });
        return inserted;
      });
      return { claim, created: true };
    } catch (error) {
      await this.dropProofPack(proofPackKey);
      if (uniqueViolation(error)) {
        // A racing submission won: with the same key it is this claim; otherwise the request is taken.
        const existing = await this.replay(request, idempotencyKey);
        if (existing) return { claim: existing, created: false };
        if (uniqueViolation(error, 'mdf_claims_request_key')) throw new ConflictError('MDF_CLAIM_EXISTS', 'This request has been claimed already');
      }
      throw error;
    }
  }

  private async replay(request: MdfRequest, idempotencyKey: string): Promise<Claim | null> {
    const existing = await this.claims.findByKey(request.partnerId, idempotencyKey);
    if (!existing) return null;
    if (existing.requestId !== request.id) throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for the claim of another request', { field: 'Idempotency-Key' });
    return existing;
  }

  /** The partner's changes after finance asked for more information; the claim goes back to the queue with a fresh proof pack. */
  async resubmit(principal: Principal, id: string, dto: UpdateClaimDto, requestId: string | null): Promise<Claim> {
    const scope = partnerScope(principal);
    const found = await this.claims.find(scope, id);
    if (!found) throw new NotFoundError('Claim');
    const request = (await this.requests.find(scope, found.requestId))!;
    const dealIds = dto.dealIds ? await this.checkDeals(request, dto.dealIds) : null;
    const fileIds = dto.fileIds ? await this.checkFiles(request, dto.fileIds, found.id) : null;
    // The fresh pack is stored first (see `submit`), from the claim as it will be saved; should the
    // claim change meanwhile, the pack no longer matches it and the resubmission starts again.
    const now = this.clock.now();
    const actualSpendCents = dto.actualSpendCents ?? found.actualSpendCents;
    const packDealIds = dealIds ?? (await this.linkedDealIds(found.id));
    const proofPackKey = await this.storeProofPack({ id: found.id, partnerId: found.partnerId, currency: found.currency, actualSpendCents }, request, packDealIds, now);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = (await this.claims.find(scope, id, manager, true))!;
        if (before.status !== 'info_requested') throw new MdfStatusError('claim', before.status, 'changed');
        if ((dto.actualSpendCents ?? before.actualSpendCents) !== actualSpendCents || (!dealIds && !sameIds(await this.linkedDealIds(id, manager), packDealIds))) throw new StaleProofPack();
        if (dealIds) await this.claims.setDeals(manager, id, dealIds);
        if (fileIds) await this.attachFiles(manager, id, fileIds);
        const after = await this.claims.update(manager, id, { status: 'submitted', actual_spend_cents: actualSpendCents, submitted_at: now, proof_pack_key: proofPackKey }, now);
        await this.record(manager, principal, 'mdf.claim.resubmitted', after, before, requestId, { dealIds, fileIds });
        return after;
      });
    } catch (error) {
      await this.dropProofPack(proofPackKey);
      if (error instanceof StaleProofPack) return this.resubmit(principal, id, dto, requestId);
      throw error;
    }
  }

  private async linkedDealIds(claimId: string, manager?: EntityManager): Promise<string[]> {
    return (await this.claims.dealIdsOf([claimId], manager)).get(claimId) ?? [];
  }

  async get(principal: Principal, id: string): Promise<Claim> {
    const claim = await this.claims.find(partnerScope(principal), id);
    if (!claim) throw new NotFoundError('Claim');
    return claim;
  }

  /** Everything finance needs to decide one claim. */
  async detail(principal: Principal, id: string): Promise<ClaimDetail> {
    const claim = await this.get(principal, id);
    const request = (await this.requests.find(partnerScope(principal), claim.requestId))!;
    const [files, deals, terms] = await Promise.all([this.claims.filesOfClaim(id), this.evidence.dealsOf([id]), this.evidence.partnerTerms([claim.partnerId])]);
    const { name: partnerName, reimbursementPct: pct } = terms.get(claim.partnerId)!;
    const linked = deals.get(id) ?? [];
    const reimbursement = claim.approvedCents ?? capOf(request, claim, pct);
    return {
      claim,
      request,
      partnerName,
      files: await Promise.all(files.map((f) => this.withUrl(f))),
      deals: linked,
      returns: claimReturn(linked, claim.currency, reimbursement),
      reimbursementPct: pct,
      capCents: capOf(request, claim, pct),
    };
  }

  async list(principal: Principal, query: ListClaimsQuery): Promise<Page<ClaimListing>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.listings(partnerScope(principal, query.partnerId), { status: query.status ? [query.status] : undefined }, { limit: limit + 1, ...(after ? { after } : {}) });
    return toPage(rows, limit, (c) => [c.submittedAt.toISOString(), c.id]);
  }

  /** The finance queue: claims waiting for a decision, oldest first, each with its deals and return. */
  async reviewQueue(query: { limit?: number; cursor?: string }): Promise<Page<ReviewQueueClaim>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const claims = await this.claims.listings(SystemScope.allPartners('the finance review queue'), { status: ['submitted'] }, { limit: limit + 1, ...(after ? { after } : {}) });
    const [deals, terms] = await Promise.all([this.evidence.dealsOf(claims.map((r) => r.id)), this.evidence.partnerTerms(claims.map((r) => r.partnerId))]);
    const items = claims.map((claim) => {
      const { name: partnerName, reimbursementPct: pct } = terms.get(claim.partnerId)!;
      const r = { ...claim, partnerName };
      const cap = Math.min(r.requestApprovedCents, Math.floor((r.actualSpendCents * pct) / 100));
      const linked = deals.get(r.id) ?? [];
      return { ...r, deals: linked, returns: claimReturn(linked, r.currency, cap), capCents: cap };
    });
    return toPage(items, limit, (c) => [c.submittedAt.toISOString(), c.id]);
  }

  /**
   * Approves a reimbursement of at most the approved request amount and the tier's share of the
   * actual spend: settles it and releases what is left of the reservation, in one transaction.
   */
  async approve(principal: Principal, id: string, dto: ApproveClaimDto, requestId: string | null): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const { before, request } = await this.lockForReview(manager, principal, id, 'approved');
      const pct = (await this.evidence.partnerTerms([before.partnerId], manager)).get(before.partnerId)!.reimbursementPct;
      const cap = capOf(request, before, pct);
      if (dto.amountCents > cap) {
        throw new ReimbursementOverCapError({ capCents: cap, approvedRequestCents: request.approvedCents ?? 0, reimbursementPct: pct, actualSpendCents: before.actualSpendCents, currency: before.currency });
      }
      const reserved = request.approvedCents ?? 0;
      let account = await this.ledger.lock(manager, request.accountId);
      const actor = { userId: principal.userId, onBehalfOfPartnerId: before.partnerId, requestId };
      account = await this.ledger.post(manager, account, { kind: 'settle', amountCents: dto.amountCents, requestId: request.id, claimId: id, actorUserId: principal.userId }, actor);
      if (reserved > dto.amountCents) {
        await this.ledger.post(manager, account, { kind: 'release', amountCents: reserved - dto.amountCents, requestId: request.id, claimId: id, reason: 'unclaimed remainder', actorUserId: principal.userId }, actor);
      }
      const now = this.clock.now();
      const after = await this.claims.update(manager, id, { status: 'approved', approved_cents: dto.amountCents, reviewed_by: principal.userId, reviewed_at: now, review_note: dto.note ?? null }, now);
      await this.record(manager, principal, 'mdf.claim.approved', after, before, requestId);
      return after;
    });
  }

  /** Rejects the claim: the whole reservation goes back to the partner's available funds. */
  async reject(principal: Principal, id: string, reason: string, requestId: string | null): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const { before, request } = await this.lockForReview(manager, principal, id, 'rejected');
      const account = await this.ledger.lock(manager, request.accountId);
      if ((request.approvedCents ?? 0) > 0) {
        await this.ledger.post(
          manager,
          account,
          { kind: 'release', amountCents: request.approvedCents!, requestId: request.id, claimId: id, reason: 'claim rejected', actorUserId: principal.userId },
          { userId: principal.userId, onBehalfOfPartnerId: before.partnerId, requestId },
        );
      }
      const now = this.clock.now();
      const after = await this.claims.update(manager, id, { status: 'rejected', reviewed_by: principal.userId, reviewed_at: now, review_note: reason }, now);
      await this.record(manager, principal, 'mdf.claim.rejected', after, before, requestId);
      return after;
    });
  }

  async requestInfo(principal: Principal, id: string, note: string, requestId: string | null): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const { before } = await this.lockForReview(manager, principal, id, 'sent back');
      const now = this.clock.now();
      const after = await this.claims.update(manager, id, { status: 'info_requested', reviewed_by: principal.userId, reviewed_at: now, review_note: note }, now);
      await this.record(manager, principal, 'mdf.claim.info_requested', after, before, requestId);
      return after;
    });
  }

  async markPaid(principal: Principal, id: string, dto: MarkPaidDto, requestId: string | null): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.claims.find(partnerScope(principal), id, manager, true);
      if (!before) throw new NotFoundError('Claim');
      if (before.status !== 'approved') throw new MdfStatusError('claim', before.status, 'marked paid');
      const now = this.clock.now();
      const after = await this.claims.update(manager, id, { status: 'paid', payment_reference: dto.paymentReference, paid_on: dto.paidOn, paid_by: principal.userId }, now);
      await this.record(manager, principal, 'mdf.claim.paid', after, before, requestId);
      return after;
    });
  }

  /** Approved (to pay) and paid claims as CSV, oldest first; text cells cannot run as spreadsheet formulas. */
  async payablesCsv(): Promise<string> {
    let csv = csvLine(['claim_id', 'partner', 'activity_type', 'currency', 'amount', 'status', 'approved_at', 'payment_reference', 'paid_on']);
    let after: [string, string] | undefined;
    for (;;) {
      const rows = await this.listings(SystemScope.allPartners('the payables export'), { status: ['approved', 'paid'] }, { limit: 500, ...(after ? { after } : {}) });
      for (const c of rows) {
        const cents = c.approvedCents ?? 0;
        csv += csvLine([c.id, c.partnerName, c.activityType, c.currency, formatMinor(cents, c.currency), c.status, c.reviewedAt?.toISOString() ?? null, c.paymentReference, c.paidOn]);
      }
      const last = rows[rows.length - 1];
      if (rows.length < 500 || !last) return csv;
      after = [last.submittedAt.toISOString(), last.id];
    }
  }

  async proofPackUrl(principal: Principal, id: string): Promise<{ url: string }> {
    const found = await this.claims.findProofPackKey(partnerScope(principal), id);
    if (!found) throw new NotFoundError('Claim');
    if (!found.key) throw new NotFoundError('Proof pack');
    return { url: await this.storage.presignGet(found.key, { downloadName: `proof-of-performance-${id}.html` }) };
  }

  /** A page of claims with their partners' names (one batch for the page). */
  private async listings(scope: PartnerScope, filter: { status?: ClaimStatus[] }, page: { limit: number; after?: [string, string] }): Promise<ClaimListing[]> {
    const rows = await this.claims.listings(scope, filter, page);
    const terms = await this.evidence.partnerTerms(rows.map((r) => r.partnerId));
    return rows.map((r) => ({ ...r, partnerName: terms.get(r.partnerId)!.name }));
  }

  private async lockForReview(manager: EntityManager, principal: Principal, id: string, action: string): Promise<{ before: Claim; request: MdfRequest }> {
    const scope = partnerScope(principal);
    const before = await this.claims.find(scope, id, manager, true);
    if (!before) throw new NotFoundError('Claim');
    if (before.submittedBy === principal.userId) throw new MakerCheckerError('claim');
    if (before.status !== 'submitted') throw new MdfStatusError('claim', before.status, action);
    return { before, request: (await this.requests.find(scope, before.requestId, manager))! };
  }

  private async checkDeadline(request: MdfRequest): Promise<void> {
    const program = (await this.programs.find(request.programId))!;
    const lastDay = new Date(Date.parse(`${request.endsOn}T00:00:00Z`) + program.claimDeadlineDays * DAY_MS);
    if (this.clock.now().getTime() >= lastDay.getTime() + DAY_MS) throw new ClaimDeadlinePassedError(lastDay.toISOString().slice(0, 10));
  }

  /** Deals of this partner registered since the activity started; any other id is refused exactly like one that does not exist. */
  private async checkDeals(request: MdfRequest, dealIds: string[]): Promise<string[]> {
    const unique = [...new Set(dealIds.map((d) => d.toLowerCase()))];
    const eligible = await this.evidence.eligibleDealIds(request.partnerId, unique, request.startsOn);
    const refused = unique.filter((d) => !eligible.has(d));
    if (refused.length > 0) {
      throw new ValidationFailedError([{ field: 'dealIds', problems: refused.map((d) => `${d}: no deal you registered since the activity started has this id`) }], 422);
    }
    return unique;
  }

  /** Attaches the checked files; one deleted since the check fails the submission rather than leaving the claim without it. */
  private async attachFiles(manager: EntityManager, claimId: string, fileIds: string[]): Promise<void> {
    const attached = await this.claims.setFiles(manager, claimId, fileIds);
    if (attached < fileIds.length) throw ValidationFailedError.field('fileIds', 'a file was deleted while the claim was sent; upload it again', 422);
  }

  private async checkFiles(request: MdfRequest, fileIds: string[], claimId: string | null): Promise<string[]> {
    const unique = [...new Set(fileIds.map((f) => f.toLowerCase()))];
    const files = await this.claims.filesOfRequest(request.id);
    const usable = new Map(files.filter(({ file: f }) => f.claimId === null || f.claimId === claimId).map(({ file: f }) => [f.id, f]));
    const unknown = unique.filter((f) => !usable.has(f));
    if (unknown.length > 0) throw new ValidationFailedError([{ field: 'fileIds', problems: unknown.map((f) => `${f}: not a file uploaded for this request`) }], 422);
    if (!unique.some((f) => usable.get(f)!.kind === 'invoice')) throw ValidationFailedError.field('fileIds', 'include at least one invoice', 422);
    return unique;
  }

  /**
   * Builds the proof pack of a claim (with these deals) from the platform's own data as of `asOf`
   * and stores it; answers its key. Runs before the claim's transaction, never inside one.
   */
  private async storeProofPack(claim: Pick<Claim, 'id' | 'partnerId' | 'currency' | 'actualSpendCents'>, request: MdfRequest, dealIds: string[], asOf: Date): Promise<string> {
    const [performance, linked, terms] = await Promise.all([this.evidence.launchPerformance(request.launchIds, asOf), this.evidence.linkedDeals(dealIds), this.evidence.partnerTerms([claim.partnerId])]);
    const { name: partnerName, reimbursementPct: pct } = terms.get(claim.partnerId)!;
    const launches = await Promise.all(
      performance.map(async (l) => ({
        ...l,
        creatives: await Promise.all(
          l.creatives.map(async (c) => ({
            width: c.width,
            height: c.height,
            contentType: c.contentType,
            src: c.bytes <= EMBED_MAX_BYTES ? `data:${c.contentType};base64,${(await this.storage.getBuffer(c.storageKey)).toString('base64')}` : null,
          })),
        ),
      })),
    );
    const html = renderProofPack({ generatedAt: asOf, partnerName, request, claim, launches, deals: linked, returns: claimReturn(linked, claim.currency, capOf(request, claim, pct)) });
    // Never a committed pack's key, even within one millisecond: a transaction that fails deletes this one.
    const key = `mdf/${claim.partnerId}/${request.id}/proof-pack-${claim.id}-${asOf.getTime()}-${randomUUID().slice(0, 8)}.html`;
    await this.storage.put(key, Buffer.from(html, 'utf8'), 'text/html; charset=utf-8');
    return key;
  }

  /** A pack stored for a claim whose transaction did not commit: no row names it. A failed delete is logged and leaves the object. */
  private async dropProofPack(key: string): Promise<void> {
    await this.storage.delete(key).catch((e: unknown) => this.logger.warn(`could not delete ${key}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async record(manager: EntityManager, principal: Principal, action: string, after: Claim, before: Claim | undefined, requestId: string | null, extra?: Record<string, unknown>): Promise<void> {
    await this.audit.record(
      { actorUserId: principal.userId, onBehalfOfPartnerId: onBehalfOfPartner(principal, after.partnerId), action, entityType: 'mdf_claim', entityId: after.id, before, after: extra ? { ...after, ...extra } : after, requestId },
      manager,
    );
  }
}

/** The claim changed between its proof pack being made and its transaction: make the pack again. */
class StaleProofPack extends Error {}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function capOf(request: MdfRequest, claim: Pick<Claim, 'actualSpendCents'>, pct: number): number {
  return Math.min(request.approvedCents ?? 0, Math.floor((claim.actualSpendCents * pct) / 100));
}

/**
 * The uploaded name kept for people (the claim form, finance, the download): made safe for a
 * download header, and ending in the extension of what the file really is.
 */
function displayFileName(declared: string, ext: string): string {
  const name = sanitiseFileName(declared);
  const declaredExt = extensionOf(name);
  return declaredExt === ext || (ext === 'jpg' && declaredExt === 'jpeg') ? name : `${name}.${ext}`;
}
