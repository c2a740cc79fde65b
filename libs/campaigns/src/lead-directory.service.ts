import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactService } from '@app/contacts';
import { AuditService, Clock, decodeCursor, isPartnerRole, isUuid, NotFoundError, Page, partnerScope, Principal, scopeCovers, toPage } from '@app/core';
import { LinkStatsService } from '@app/links';
import { PartnerService } from '@app/partners';
import { LeadRow, LeadRepository } from './lead.repository';

export interface LeadContact {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
}

export interface LeadView {
  id: string;
  partnerId: string;
  partnerName: string;
  launchId: string;
  kitId: string;
  kitName: string;
  source: string;
  status: string;
  consent: string;
  /** The click that brought the visitor (first-party cookie or the link's click id), if any. */
  clickId: string | null;
  assetKey: string | null;
  createdAt: Date;
  statusChangedAt: Date | null;
  sharedWithVendorAt: Date | null;
  /** Null for vendor users until the partner shares the lead: contacts belong to the partner. */
  contact: LeadContact | null;
}

/**
 * Leads as people see them: a partner its own, with the contact; the vendor every lead with its
 * source and status, and the contact only once the partner shared the lead. Partner names, contacts
 * and the clicked link's asset key come from their owners, one batch each per page.
 */
@Injectable()
export class LeadDirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadRepository,
    private readonly partners: PartnerService,
    private readonly contacts: ContactService,
    private readonly clicks: LinkStatsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: { limit?: number; cursor?: string; launchId?: string; status?: string; shared?: boolean }): Promise<Page<LeadView>> {
    const limit = query.limit ?? 25;
    const { partnerId } = partnerScope(principal);
    const after = decodeCursor(query.cursor, 2, ([at, id]) => typeof at === 'string' && isUuid(id));
    const rows = await this.leads.page(
      {
        partnerId,
        ...(query.launchId ? { launchId: query.launchId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.shared !== undefined ? { shared: query.shared } : {}),
        ...(after ? { before: [String(after[0]), String(after[1])] as [string, string] } : {}),
      },
      limit,
    );
    return toPage(await this.views(rows, principal), limit, (l) => [l.createdAt.toISOString(), l.id]);
  }

  async get(principal: Principal, id: string): Promise<LeadView> {
    const row = await this.leads.findById(id);
    if (!row || !scopeCovers(partnerScope(principal), row.partner_id)) throw new NotFoundError('Lead');
    return (await this.views([row], principal))[0]!;
  }

  /** The partner shares a lead (and so its contact) with the vendor; once shared, it stays shared. */
  async share(principal: Principal, id: string): Promise<LeadView> {
    const lead = await this.get(principal, id);
    if (!lead.sharedWithVendorAt) {
      await this.dataSource.transaction(async (m) => {
        const now = this.clock.now();
        const contactId = await this.leads.markShared(m, id, now);
        if (contactId) await this.contacts.shareWithVendor(m, contactId, now);
        await this.audit.record({ actorUserId: principal.userId, action: 'lead.shared', entityType: 'lead', entityId: id, after: { partnerId: lead.partnerId } }, m);
      });
    }
    return this.get(principal, id);
  }

  /** The rows as the caller sees them: vendors get the contacts of shared leads only. */
  private async views(rows: LeadRow[], principal: Principal): Promise<LeadView[]> {
    const partner = isPartnerRole(principal.role);
    const scope = partnerScope(principal);
    const contactIds = rows.flatMap((r) => (r.contact_id && (partner || r.shared_with_vendor_at !== null) ? [r.contact_id] : []));
    const [names, contacts, assetKeys] = await Promise.all([
      this.partners.namesOf(rows.map((r) => r.partner_id)),
      this.contacts.byIds(scope, contactIds),
      this.clicks.assetKeysOfClicks(rows.flatMap((r) => (r.click_id ? [r.click_id] : []))),
    ]);
    return rows.map((r) => {
      const contact = r.contact_id ? contacts.get(r.contact_id) : undefined;
      return {
        id: r.id,
        partnerId: r.partner_id,
        partnerName: names.get(r.partner_id) ?? '',
        launchId: r.launch_id,
        kitId: r.kit_id,
        kitName: r.kit_name,
        source: r.source,
        status: r.status,
        consent: r.consent,
        clickId: r.click_id,
        assetKey: r.click_id ? (assetKeys.get(r.click_id) ?? null) : null,
        createdAt: r.created_at,
        statusChangedAt: r.status_changed_at,
        sharedWithVendorAt: r.shared_with_vendor_at,
        contact: contact ? { email: contact.email, firstName: contact.firstName, lastName: contact.lastName, company: contact.company, title: contact.title } : null,
      };
    });
  }
}
