import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  ConflictError,
  decodeCursor,
  NotFoundError,
  OnePartnerScope,
  ownPartnerScope,
  PartnerScope,
  Page,
  Principal,
  SystemScope,
  toPage,
  uniqueViolation,
  ValidationFailedError,
} from '@app/core';
import { CONSENT_STATUSES, ConsentStatus, countryCode, isEmail, normaliseEmail } from './contact-fields';
import { ContactEntity } from './contact.entity';
import { ContactRepository } from './contact.repository';
import { ListContactsQuery, UpdateContactDto } from './contact.dto';
import { CONTACT_LISTS_REFUSAL } from './contacts.errors';

const DEFAULT_PAGE = 25;

export interface LeadContactInput {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  consent: ConsentStatus;
}

/** A partner's contacts. Every method is scoped to the caller's partner (vendors are refused). */
@Injectable()
export class ContactService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: ListContactsQuery): Promise<Page<ContactEntity>> {
    const scope = ownPartnerScope(principal, CONTACT_LISTS_REFUSAL);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 1, ([email]) => typeof email === 'string');
    const rows = await this.contacts.list(scope, { ...(query.q ? { q: query.q } : {}) }, { limit: limit + 1, ...(after ? { after: String(after[0]) } : {}) });
    return toPage(rows, limit, (c) => [c.emailNormalised]);
  }

  /** Another partner's contact answers 404, as if it did not exist. */
  async get(principal: Principal, id: string): Promise<ContactEntity> {
    const contact = await this.contacts.findForPartner(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), id);
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }

  async update(principal: Principal, id: string, dto: UpdateContactDto, requestId?: string): Promise<ContactEntity> {
    const contact = await this.get(principal, id);
    const before = { ...contact };
    const { email, consentStatus, ...rest } = dto;
    for (const [key, value] of Object.entries(rest) as [keyof typeof rest, string | null | undefined][]) {
      if (value === undefined) continue;
      const trimmed = value?.trim() ?? null;
      contact[key] = trimmed === '' ? null : trimmed;
    }
    if (email !== undefined) {
      contact.email = email;
      contact.emailNormalised = normaliseEmail(email);
    }
    if (consentStatus !== undefined && consentStatus !== contact.consentStatus) {
      contact.consentStatus = consentStatus;
      contact.consentUpdatedAt = this.clock.now();
    }
    let saved: ContactEntity;
    try {
      saved = await this.contacts.save(contact);
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new ConflictError('CONTACT_EMAIL_TAKEN', 'Another contact of this partner has that email', { fields: [{ field: 'email', problems: ['is already a contact'] }] });
      }
      throw error;
    }
    await this.audit.record({
      actorUserId: principal.userId,
      action: 'contact.updated',
      entityType: 'contact',
      entityId: id,
      before: { consentStatus: before.consentStatus, email: before.email },
      after: { consentStatus: saved.consentStatus, email: saved.email },
      requestId,
    });
    return saved;
  }

  /** Deletes the contact (erasure). Suppressions are kept: they are what keeps an erased address unmailed. */
  async remove(principal: Principal, id: string, requestId?: string): Promise<void> {
    if (!(await this.contacts.delete(ownPartnerScope(principal, CONTACT_LISTS_REFUSAL), id))) throw new NotFoundError('Contact');
    await this.audit.record({ actorUserId: principal.userId, action: 'contact.deleted', entityType: 'contact', entityId: id, requestId });
  }

  /**
   * Creates or updates the partner's contact for a captured lead (landing-page forms) and returns
   * its id. Stated fields overwrite, absent ones are kept; the consent given on the form replaces
   * the stored one, with `source` as its consent source.
   */
  async upsertFromLead(partnerId: string, lead: LeadContactInput, source: string): Promise<string> {
    const email = lead.email.trim();
    if (!isEmail(email)) throw ValidationFailedError.field('email', 'is not an email address');
    if (!CONSENT_STATUSES.includes(lead.consent)) throw ValidationFailedError.field('consent', `must be one of ${CONSENT_STATUSES.join(', ')}`);
    const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());
    const scope: OnePartnerScope = SystemScope.partner(partnerId, "a lead captured on one of the partner's launches");
    const [row] = await this.contacts.upsertMany(
      this.contacts.manager,
      scope,
      [
        {
          email,
          emailNormalised: normaliseEmail(email),
          firstName: blank(lead.firstName)?.slice(0, 100) ?? null,
          lastName: blank(lead.lastName)?.slice(0, 100) ?? null,
          company: blank(lead.company)?.slice(0, 200) ?? null,
          title: blank(lead.title)?.slice(0, 200) ?? null,
          country: countryCode(lead.country ?? '') ?? null,
          timeZone: null,
          consentStatus: lead.consent,
          consentSource: source.slice(0, 200),
        },
      ],
      source.slice(0, 200),
    );
    if (!row) throw new Error('upsert returned no row');
    return row.id;
  }

  // For campaigns' lead directory: the contacts of leads, and sharing one with the vendor.

  /** Contact id → contact, for the ids within the scope (the caller decides what a vendor may see). */
  async byIds(scope: PartnerScope, ids: string[]): Promise<Map<string, ContactEntity>> {
    return new Map((await this.contacts.findByIds(scope, [...new Set(ids)])).map((c) => [c.id, c]));
  }

  /** The partner shared this contact with the vendor (through a lead), in the caller's transaction. */
  shareWithVendor(manager: EntityManager, contactId: string, now: Date): Promise<void> {
    return this.contacts.markSharedWithVendor(manager, contactId, now);
  }

  /** The ids of the partner's contacts whose email is at `domain` or one of its subdomains, in the caller's transaction (deal influence). */
  idsAtDomain(manager: EntityManager, scope: OnePartnerScope, domain: string): Promise<string[]> {
    return this.contacts.idsAtDomain(manager, scope, domain);
  }
}
