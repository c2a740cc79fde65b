import { Injectable } from '@nestjs/common';
import { decodeCursor, isUuid, NotFoundError, OnePartnerScope, ownPartnerScope, Page, partnerScope, Principal, SystemScope, toPage } from '@app/core';
import { AudienceFilter, AudienceEntity } from './audience.entity';
import { AudienceRepository } from './audience.repository';
import { AudienceFilterDto, CreateAudienceDto, UpdateAudienceDto } from './audience.dto';
import { ContactEntity } from './contact.entity';
import { ContactRepository } from './contact.repository';
import { CONTACT_LISTS_REFUSAL } from './contacts.errors';

const DEFAULT_PAGE = 25;
const MAX_SENDABLE_PAGE = 1000;

/** Keeps only the parts of a validated filter that are set, so the stored filter is canonical. */
function toFilter(dto: AudienceFilterDto): AudienceFilter {
  const filter: AudienceFilter = {};
  if (dto.countries?.length) filter.countries = [...new Set(dto.countries)];
  if (dto.timeZones?.length) filter.timeZones = [...new Set(dto.timeZones)];
  if (dto.companyContains) filter.companyContains = dto.companyContains;
  if (dto.titleContains) filter.titleContains = dto.titleContains;
  if (dto.consentStatuses?.length) filter.consentStatuses = [...new Set(dto.consentStatuses)];
  if (dto.createdSince) filter.createdSince = new Date(dto.createdSince).toISOString();
  return filter;
}

/**
 * Saved filters over a partner's contacts. Sendable contacts are the matching ones with consent
 * granted whose address is not on the partner's suppression list.
 */
@Injectable()
export class AudienceService {
  constructor(
    private readonly audiences: AudienceRepository,
    private readonly contacts: ContactRepository,
  ) {}

  async list(principal: Principal, query: { limit?: number; cursor?: string }): Promise<Page<AudienceEntity>> {
    const scope = ownPartnerScope(principal, CONTACT_LISTS_REFUSAL);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, ([name, id]) => typeof name === 'string' && isUuid(id)) as [string, string] | undefined;
    const rows = await this.audiences.list(scope, { limit: limit + 1, ...(after ? { after } : {}) });
    return toPage(rows, limit, (a) => [a.name.toLowerCase(), a.id]);
  }

  async get(principal: Principal, id: string): Promise<AudienceEntity> {
    return this.find(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), id);
  }

  async counts(audience: AudienceEntity): Promise<{ matching: number; sendable: number }> {
    return this.contacts.countAudience(SystemScope.partner(audience.partnerId, 'an audience its caller found in scope'), audience.filter);
  }

  async create(principal: Principal, dto: CreateAudienceDto): Promise<AudienceEntity> {
    const { partnerId } = ownPartnerScope(principal, CONTACT_LISTS_REFUSAL);
    return this.audiences.save({ partnerId, name: dto.name, filter: toFilter(dto.filter), createdBy: principal.userId });
  }

  async update(principal: Principal, id: string, dto: UpdateAudienceDto): Promise<AudienceEntity> {
    const audience = await this.get(principal, id);
    if (dto.name !== undefined) audience.name = dto.name;
    if (dto.filter !== undefined) audience.filter = toFilter(dto.filter);
    return this.audiences.save(audience);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.audiences.delete(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), id))) throw new NotFoundError('Audience');
  }

  /**
   * A partner's audiences as the vendor sees them when launching on the partner's behalf: names
   * and counts of one page, never a contact. The caller has checked the partner; the counts of
   * the page take one query.
   */
  async summariesForPartner(principal: Principal, partnerId: string, query: { limit?: number; cursor?: string }): Promise<Page<{ audience: AudienceEntity; counts: { matching: number; sendable: number } }>> {
    const scope = partnerScope(principal, partnerId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, ([name, id]) => typeof name === 'string' && isUuid(id)) as [string, string] | undefined;
    const rows = await this.audiences.list(scope, { limit: limit + 1, ...(after ? { after } : {}) });
    const page = toPage(rows, limit, (a) => [a.name.toLowerCase(), a.id]);
    const counts = await this.contacts.countAudiences(scope, page.items.map((a) => a.filter));
    return { items: page.items.map((audience, i) => ({ audience, counts: counts[i]! })), nextCursor: page.nextCursor };
  }

  /** The partner user's view of one of their audiences' sendable contacts (see `sendableContacts`). */
  sendableContactsOf(principal: Principal, audienceId: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<ContactEntity>> {
    return this.sendablePage(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), audienceId, page);
  }

  /**
   * One keyset page of the audience's sendable contacts, ordered by id. Campaign sending calls
   * this with the launch's partner; pass `nextCursor` back until it is null.
   */
  sendableContacts(partnerId: string, audienceId: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<ContactEntity>> {
    return this.sendablePage(SystemScope.partner(partnerId, 'sending to the audience of a launch or sequence of this partner'), audienceId, page);
  }

  private async sendablePage(scope: OnePartnerScope, audienceId: string, page: { limit?: number; cursor?: string }): Promise<Page<ContactEntity>> {
    const audience = await this.find(scope, audienceId);
    const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE, 1), MAX_SENDABLE_PAGE);
    const after = decodeCursor(page.cursor, 1, ([id]) => isUuid(id));
    const rows = await this.contacts.listSendable(scope, audience.filter, { limit: limit + 1, ...(after ? { after: String(after[0]) } : {}) });
    return toPage(rows, limit, (c) => [c.id]);
  }

  private async find(scope: OnePartnerScope, id: string): Promise<AudienceEntity> {
    const audience = await this.audiences.findForPartner(scope, id);
    if (!audience) throw new NotFoundError('Audience');
    return audience;
  }
}
