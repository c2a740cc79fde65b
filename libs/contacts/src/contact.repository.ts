import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { containsPattern, OnePartnerScope, PartnerScope } from '@app/core';
import type { AudienceFilter } from './audience.entity';
import { ContactEntity } from './contact.entity';
import type { ContactInput } from './contact-row';

export interface UpsertedContact {
  id: string;
  emailNormalised: string;
  inserted: boolean;
}


/**
 * Contacts (and the partner suppression check of sendable ones). Every method takes the partner id: contacts are only ever read or
 * written within one partner.
 */
@Injectable()
export class ContactRepository {
  constructor(
    @InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>,
  ) {}

  /**
   * Inserts or updates many contacts in one statement. Emails must be distinct within the call
   * (ON CONFLICT cannot touch a row twice). Empty fields leave existing values alone; consent
   * changes only when the input states it.
   */
  async upsertMany(manager: EntityManager, scope: OnePartnerScope, rows: ContactInput[], origin: string): Promise<UpsertedContact[]> {
    if (rows.length === 0) return [];
    const column = <K extends keyof ContactInput>(key: K) => rows.map((r) => r[key]);
    const result: { id: string; email_normalised: string; inserted: boolean }[] = await manager.query(
      `INSERT INTO contacts AS c (partner_id, email, email_normalised, first_name, last_name, company, title, country, time_zone,
                                 consent_status, consent_source, consent_updated_at, origin)
       SELECT $1, t.email, t.email_normalised, t.first_name, t.last_name, t.company, t.title, t.country, t.time_zone,
              COALESCE(t.consent_status, 'unknown'), t.consent_source, CASE WHEN t.consent_status IS NULL THEN NULL ELSE now() END, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS t(email, email_normalised, first_name, last_name, company, title, country, time_zone, consent_status, consent_source)
       ON CONFLICT (partner_id, email_normalised) DO UPDATE SET
         email = EXCLUDED.email,
         first_name = COALESCE(EXCLUDED.first_name, c.first_name),
         last_name = COALESCE(EXCLUDED.last_name, c.last_name),
         company = COALESCE(EXCLUDED.company, c.company),
         title = COALESCE(EXCLUDED.title, c.title),
         country = COALESCE(EXCLUDED.country, c.country),
         time_zone = COALESCE(EXCLUDED.time_zone, c.time_zone),
         consent_status = CASE WHEN EXCLUDED.consent_updated_at IS NULL THEN c.consent_status ELSE EXCLUDED.consent_status END,
         consent_source = CASE WHEN EXCLUDED.consent_updated_at IS NULL THEN c.consent_source ELSE EXCLUDED.consent_source END,
         consent_updated_at = COALESCE(EXCLUDED.consent_updated_at, c.consent_updated_at),
         updated_at = now()
       RETURNING c.id, c.email_normalised, (c.xmax = 0) AS inserted`,
      [
        scope.partnerId,
        origin,
        column('email'),
        column('emailNormalised'),
        column('firstName'),
        column('lastName'),
        column('company'),
        column('title'),
        column('country'),
        column('timeZone'),
        column('consentStatus'),
        column('consentSource'),
      ],
    );
    return result.map((r) => ({ id: r.id, emailNormalised: r.email_normalised, inserted: r.inserted }));
  }

  /** For single-statement writes outside a caller's transaction. */
  get manager(): EntityManager {
    return this.contacts.manager;
  }

  findForPartner(scope: OnePartnerScope, id: string): Promise<ContactEntity | null> {
    return this.contacts.findOneBy({ partnerId: scope.partnerId, id });
  }

  findByEmail(scope: OnePartnerScope, emailNormalised: string): Promise<ContactEntity | null> {
    return this.contacts.findOneBy({ partnerId: scope.partnerId, emailNormalised });
  }

  /** Keyset page ordered by the normalised email (unique within the partner). */
  list(scope: OnePartnerScope, filter: { q?: string }, page: { limit: number; after?: string }): Promise<ContactEntity[]> {
    const query = this.contacts.createQueryBuilder('c').where('c.partnerId = :partnerId', { partnerId: scope.partnerId });
    if (filter.q) {
      query.andWhere(
        `(c.email_normalised ILIKE :q ESCAPE '\\' OR c.company ILIKE :q ESCAPE '\\'
          OR concat_ws(' ', c.first_name, c.last_name) ILIKE :q ESCAPE '\\')`,
        { q: containsPattern(filter.q) },
      );
    }
    if (page.after !== undefined) query.andWhere('c.emailNormalised > :after', { after: page.after });
    return query.orderBy('c.emailNormalised', 'ASC').limit(page.limit).getMany();
  }

  save(contact: ContactEntity): Promise<ContactEntity> {
    return this.contacts.save(contact);
  }

  async delete(scope: OnePartnerScope, id: string): Promise<boolean> {
    const result = await this.contacts.delete({ partnerId: scope.partnerId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Contacts of the partner matching the filter, optionally only the sendable ones. */
  private matching(scope: OnePartnerScope, filter: AudienceFilter, sendableOnly: boolean): SelectQueryBuilder<ContactEntity> {
    const query = this.contacts.createQueryBuilder('c').where('c.partnerId = :partnerId', { partnerId: scope.partnerId });
    if (filter.countries?.length) query.andWhere('c.country IN (:...countries)', { countries: filter.countries });
    if (filter.timeZones?.length) query.andWhere('c.timeZone IN (:...timeZones)', { timeZones: filter.timeZones });
    if (filter.consentStatuses?.length) query.andWhere('c.consentStatus IN (:...consentStatuses)', { consentStatuses: filter.consentStatuses });
    if (filter.companyContains) query.andWhere(`c.company ILIKE :company ESCAPE '\\'`, { company: containsPattern(filter.companyContains) });
    if (filter.titleContains) query.andWhere(`c.title ILIKE :title ESCAPE '\\'`, { title: containsPattern(filter.titleContains) });
    if (filter.createdSince) query.andWhere('c.createdAt >= :since', { since: new Date(filter.createdSince) });
    if (sendableOnly) {
      query
        .andWhere(`c.consentStatus = 'granted'`)
        .andWhere('NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.partner_id = c.partner_id AND s.email_normalised = c.email_normalised)');
    }
    return query;
  }

  async countAudience(scope: OnePartnerScope, filter: AudienceFilter): Promise<{ matching: number; sendable: number }> {
    const [matching, sendable] = await Promise.all([this.matching(scope, filter, false).getCount(), this.matching(scope, filter, true).getCount()]);
    return { matching, sendable };
  }

  /**
   * Matching and sendable counts of several audiences of one partner, in one pass over its
   * contacts (a FILTER per audience), whatever their number.
   */
  async countAudiences(scope: OnePartnerScope, filters: AudienceFilter[]): Promise<{ matching: number; sendable: number }[]> {
    if (filters.length === 0) return [];
    const params: unknown[] = [scope.partnerId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const condition = (filter: AudienceFilter): string => {
      const parts = ['true'];
      if (filter.countries?.length) parts.push(`c.country = ANY(${param(filter.countries)}::text[])`);
      if (filter.timeZones?.length) parts.push(`c.time_zone = ANY(${param(filter.timeZones)}::text[])`);
      if (filter.consentStatuses?.length) parts.push(`c.consent_status = ANY(${param(filter.consentStatuses)}::text[])`);
      if (filter.companyContains) parts.push(`c.company ILIKE ${param(containsPattern(filter.companyContains))} ESCAPE '\\'`);
      if (filter.titleContains) parts.push(`c.title ILIKE ${param(containsPattern(filter.titleContains))} ESCAPE '\\'`);
      if (filter.createdSince) parts.push(`c.created_at >= ${param(new Date(filter.createdSince))}::timestamptz`);
      return parts.join(' AND ');
    };
    const columns = filters.map((f, i) => {
      const where = condition(f);
      return `(count(*) FILTER (WHERE ${where}))::int AS m${i}, (count(*) FILTER (WHERE ${where} AND c.sendable))::int AS s${i}`;
    });
    const rows: Record<string, number>[] = await this.contacts.manager.query(
      `SELECT ${columns.join(', ')}
       FROM (SELECT c.*, (c.consent_status = 'granted' AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.partner_id = c.partner_id AND s.email_normalised = c.email_normalised)) AS sendable
             FROM contacts c WHERE c.partner_id = $1) c`,
      params,
    );
    const row = rows[0] ?? {};
    return filters.map((_, i) => ({ matching: row[`m${i}`] ?? 0, sendable: row[`s${i}`] ?? 0 }));
  }

  /** Keyset page of sendable contacts ordered by id: stable while contacts are added or removed. */
  listSendable(scope: OnePartnerScope, filter: AudienceFilter, page: { limit: number; after?: string }): Promise<ContactEntity[]> {
    const query = this.matching(scope, filter, true);
    if (page.after !== undefined) query.andWhere('c.id > :after', { after: page.after });
    return query.orderBy('c.id', 'ASC').limit(page.limit).getMany();
  }

  // For campaigns' lead directory: the contacts of leads, and sharing one with the vendor.

  /** Contacts by id within the scope (one partner's, or every partner's for the vendor's shared leads). */
  findByIds(scope: PartnerScope, ids: string[]): Promise<ContactEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.contacts.findBy({ id: In(ids), ...(scope.partnerId !== null ? { partnerId: scope.partnerId } : {}) });
  }

  /** The vendor may see this contact from now on (once). */
  async markSharedWithVendor(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query('UPDATE contacts SET shared_with_vendor_at = $2 WHERE id = $1 AND shared_with_vendor_at IS NULL', [id, now]);
  }

  /** The ids of the partner's contacts whose email is at `domain` or one of its subdomains, in the caller's transaction (deal influence). */
  async idsAtDomain(manager: EntityManager, scope: OnePartnerScope, domain: string): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM contacts WHERE partner_id = $1 AND (split_part(email_normalised, '@', 2) = $2 OR split_part(email_normalised, '@', 2) LIKE '%.' || $2)`,
      [scope.partnerId, domain],
    );
    return rows.map((r) => r.id);
  }
}
