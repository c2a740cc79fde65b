import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, Clock, decodeCursor, encodeCursor, isCreatedAtCursor, NotFoundError, Page, Principal, uniqueViolation, ValidationFailedError, ConflictError } from '@app/core';
import { companyDomain } from '@app/nurture';
import { companyKey } from './deal-matching';
import { DealRepository } from './deal.repository';
import { VendorOpportunity } from './deal.types';

export interface VendorOpportunityInput {
  externalId?: string;
  customerCompany: string;
  customerDomain: string;
  ownerName?: string;
  amountCents?: number;
  currency?: string;
}

/** The vendor's own open opportunities: a partner registration on one of them is a conflict. */
@Injectable()
export class VendorOpportunityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, input: VendorOpportunityInput, requestId?: string): Promise<VendorOpportunity> {
    const domain = companyDomain(input.customerDomain);
    if (!domain) throw ValidationFailedError.field('customerDomain', 'must be a domain such as acme.example');
    const company = input.customerCompany.trim();
    if (company === '') throw ValidationFailedError.field('customerCompany', 'must not be empty');
    if ((input.amountCents === undefined) !== (input.currency === undefined)) {
      throw ValidationFailedError.field(input.currency === undefined ? 'currency' : 'amountCents', 'amountCents and currency go together');
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const created = await this.deals.insertVendorOpportunity(manager, {
          externalId: input.externalId ?? null,
          customerCompany: company,
          customerDomain: domain,
          companyKey: companyKey(company),
          ownerName: input.ownerName ?? null,
          amountCents: input.amountCents ?? null,
          currency: input.currency ?? null,
          createdBy: principal.userId,
          now: this.clock.now(),
        });
        await this.audit.record({ actorUserId: principal.userId, action: 'vendor_opportunity.created', entityType: 'vendor_opportunity', entityId: created.id, after: { customerDomain: domain, externalId: created.externalId }, requestId }, manager);
        return created;
      });
    } catch (error) {
      if (uniqueViolation(error, 'vendor_opportunities_external_id_key')) throw new ConflictError('VENDOR_OPPORTUNITY_EXISTS', 'An opportunity with this externalId exists', { fields: [{ field: 'externalId', problems: ['is taken'] }] });
      throw error;
    }
  }

  /** A closed opportunity no longer conflicts with new registrations. */
  async close(principal: Principal, id: string, requestId?: string): Promise<VendorOpportunity> {
    return this.dataSource.transaction(async (manager) => {
      const closed = await this.deals.closeVendorOpportunity(manager, id, this.clock.now());
      if (!closed) throw new NotFoundError('Vendor opportunity');
      await this.audit.record({ actorUserId: principal.userId, action: 'vendor_opportunity.closed', entityType: 'vendor_opportunity', entityId: id, after: { status: 'closed' }, requestId }, manager);
      return closed;
    });
  }

  async list(query: { limit?: number; cursor?: string }): Promise<Page<VendorOpportunity>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.deals.vendorOpportunities({ limit: limit + 1, ...(after ? { after } : {}) });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }
}
