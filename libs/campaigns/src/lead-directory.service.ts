import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, Clock, decodeCursor, isPartnerRole, isUuid, NotFoundError, Page, partnerScope, Principal, scopeCovers, SqlConditions, toPage } from '@app/core';

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

interface Row {
  id: string;
  partner_id: string;
  partner_name: string;
  launch_id: string;
  kit_id: string;
  kit_name: string;
  source: string;
  status: string;
  consent: string;
  click_id: string | null;
  asset_key: string | null;
  created_at: Date;
  status_changed_at: Date | null;
  shared_with_vendor_at: Date | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  title: string | null;
}

const SELECT = `SELECT l.id, l.partner_id, p.name AS partner_name, l.launch_id, la.kit_id, kv.name AS kit_name, l.source, l.status, l.consent, l.click_id,
         c2.asset_key, l.created_at, l.status_changed_at, l.shared_with_vendor_at, c.email, c.first_name, c.last_name, c.company, c.title
    FROM leads l
    JOIN partners p ON p.id = l.partner_id
    JOIN launches la ON la.id = l.launch_id
    JOIN kit_versions kv ON kv.id = la.kit_version_id
    LEFT JOIN contacts c ON c.id = l.contact_id
    LEFT JOIN link_clicks c2 ON c2.click_id = l.click_id`;

/**
 * Leads as people see them: a partner its own, with the contact; the vendor every lead with its
 * source and status, and the contact only once the partner shared the lead.
 */
@Injectable()
export class LeadDirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: { limit?: number; cursor?: string; launchId?: string; status?: string; shared?: boolean }): Promise<Page<LeadView>> {
    const limit = query.limit ?? 25;
    const w = new SqlConditions();
    const { partnerId } = partnerScope(principal);
    if (partnerId !== null) w.and(`l.partner_id = ${w.param(partnerId)}`);
    if (query.launchId) w.and(`l.launch_id = ${w.param(query.launchId)}`);
    if (query.status) w.and(`l.status = ${w.param(query.status)}`);
    if (query.shared !== undefined) w.and(query.shared ? 'l.shared_with_vendor_at IS NOT NULL' : 'l.shared_with_vendor_at IS NULL');
    const after = decodeCursor(query.cursor, 2, ([at, id]) => typeof at === 'string' && isUuid(id));
    if (after) w.and(`(l.created_at, l.id) < (${w.param(after[0])}::timestamptz, ${w.param(after[1])}::uuid)`);
    const rows = await this.dataSource.query<Row[]>(`${SELECT} ${w.where()} ORDER BY l.created_at DESC, l.id DESC LIMIT ${w.param(limit + 1)}`, w.params);
    return toPage(
      rows.map((r) => view(r, principal)),
      limit,
      (l) => [l.createdAt.toISOString(), l.id],
    );
  }

  async get(principal: Principal, id: string): Promise<LeadView> {
    const rows = await this.dataSource.query<Row[]>(`${SELECT} WHERE l.id = $1`, [id]);
    const row = rows[0];
    if (!row || !scopeCovers(partnerScope(principal), row.partner_id)) throw new NotFoundError('Lead');
    return view(row, principal);
  }

  /** The partner shares a lead (and so its contact) with the vendor; once shared, it stays shared. */
  async share(principal: Principal, id: string): Promise<LeadView> {
    const lead = await this.get(principal, id);
    if (!lead.sharedWithVendorAt) {
      await this.dataSource.transaction(async (m) => {
        const now = this.clock.now();
        await m.query(`UPDATE leads SET shared_with_vendor_at = $2 WHERE id = $1 AND shared_with_vendor_at IS NULL`, [id, now]);
        await m.query(`UPDATE contacts SET shared_with_vendor_at = $2 WHERE id = (SELECT contact_id FROM leads WHERE id = $1) AND shared_with_vendor_at IS NULL`, [id, now]);
        await this.audit.record({ actorUserId: principal.userId, action: 'lead.shared', entityType: 'lead', entityId: id, after: { partnerId: lead.partnerId } }, m);
      });
    }
    return this.get(principal, id);
  }
}

function view(r: Row, principal: Principal): LeadView {
  const visible = isPartnerRole(principal.role) || r.shared_with_vendor_at !== null;
  return {
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    launchId: r.launch_id,
    kitId: r.kit_id,
    kitName: r.kit_name,
    source: r.source,
    status: r.status,
    consent: r.consent,
    clickId: r.click_id,
    assetKey: r.asset_key,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
    sharedWithVendorAt: r.shared_with_vendor_at,
    contact: visible && r.email !== null ? { email: r.email, firstName: r.first_name, lastName: r.last_name, company: r.company, title: r.title } : null,
  };
}
