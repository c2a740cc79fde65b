import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OnePartnerScope, SqlConditions } from '@app/core';

/** A lead row with its launch's kit, as the lead directory lists it. */
export interface LeadRow {
  id: string;
  partner_id: string;
  launch_id: string;
  kit_id: string;
  kit_name: string;
  contact_id: string | null;
  source: string;
  status: string;
  consent: string;
  click_id: string | null;
  created_at: Date;
  status_changed_at: Date | null;
  shared_with_vendor_at: Date | null;
}

export interface LeadFilter {
  /** One partner's leads, or every partner's (null). */
  partnerId: string | null;
  launchId?: string;
  status?: string;
  shared?: boolean;
  /** Created before this (created at, id). */
  before?: [string, string];
}

/** A lead's state after a status change. */
export interface LeadStatusRow {
  id: string;
  partner_id: string;
  contact_id: string | null;
  status: string;
  status_changed_at: Date | null;
}

const SELECT = `SELECT l.id, l.partner_id, l.launch_id, la.kit_id, kv.name AS kit_name, l.contact_id, l.source, l.status, l.consent, l.click_id,
         l.created_at, l.status_changed_at, l.shared_with_vendor_at
    FROM leads l
    JOIN launches la ON la.id = l.launch_id
    JOIN kit_versions kv ON kv.id = la.kit_version_id`;

/** Leads captured through launches. */
@Injectable()
export class LeadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of leads, newest first. */
  page(filter: LeadFilter, limit: number): Promise<LeadRow[]> {
    const w = new SqlConditions();
    if (filter.partnerId !== null) w.and(`l.partner_id = ${w.param(filter.partnerId)}`);
    if (filter.launchId) w.and(`l.launch_id = ${w.param(filter.launchId)}`);
    if (filter.status) w.and(`l.status = ${w.param(filter.status)}`);
    if (filter.shared !== undefined) w.and(filter.shared ? 'l.shared_with_vendor_at IS NOT NULL' : 'l.shared_with_vendor_at IS NULL');
    if (filter.before) w.and(`(l.created_at, l.id) < (${w.param(filter.before[0])}::timestamptz, ${w.param(filter.before[1])}::uuid)`);
    return this.dataSource.query<LeadRow[]>(`${SELECT} ${w.where()} ORDER BY l.created_at DESC, l.id DESC LIMIT ${w.param(limit + 1)}`, w.params);
  }

  async findById(id: string): Promise<LeadRow | null> {
    const rows = await this.dataSource.query<LeadRow[]>(`${SELECT} WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    lead: { partnerId: string; launchId: string; contactId: string; clickId: string | null; consent: string; createdAt: Date },
  ): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO leads (partner_id, launch_id, contact_id, click_id, consent, source, created_at) VALUES ($1, $2, $3, $4, $5, 'landing_page', $6) RETURNING id`,
      [lead.partnerId, lead.launchId, lead.contactId, lead.clickId, lead.consent, lead.createdAt],
    );
    return rows[0]!.id;
  }

  /** Sets a lead's status: a partner's own (partnerId), or (null) one shared with the vendor. Null when no such lead. */
  async setStatus(manager: EntityManager, leadId: string, partnerId: string | null, status: string, now: Date): Promise<LeadStatusRow | null> {
    const rows = await manager.query<LeadStatusRow[]>(
      `WITH changed AS (
         UPDATE leads SET status = $3, status_changed_at = CASE WHEN status = $3 THEN status_changed_at ELSE $4 END
         WHERE id = $1 AND ($2::uuid IS NULL AND shared_with_vendor_at IS NOT NULL OR partner_id = $2)
         RETURNING id, partner_id, contact_id, status, status_changed_at)
       SELECT * FROM changed`,
      [leadId, partnerId, status, now],
    );
    return rows[0] ?? null;
  }

  /** Shares the lead with the vendor (once); its contact id. */
  async markShared(manager: EntityManager, id: string, now: Date): Promise<string | null> {
    await manager.query(`UPDATE leads SET shared_with_vendor_at = $2 WHERE id = $1 AND shared_with_vendor_at IS NULL`, [id, now]);
    const rows = await manager.query<{ contact_id: string | null }[]>('SELECT contact_id FROM leads WHERE id = $1', [id]);
    return rows[0]?.contact_id ?? null;
  }

  /** How many leads these launches brought. */
  async countOfLaunches(launchIds: string[]): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM leads WHERE launch_id = ANY($1::uuid[])', [launchIds]);
    return rows[0]?.n ?? 0;
  }

  // For deals, through ResultsService: where a partner's leads came from.

  /** The launch that brought one of this partner's leads; null when the lead is not the partner's. */
  async launchOfLead(scope: OnePartnerScope, leadId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ launch_id: string }[]>(`SELECT launch_id FROM leads WHERE id = $1 AND partner_id = $2`, [leadId, scope.partnerId]);
    return rows[0]?.launch_id ?? null;
  }

  /** The partner's latest `limit` leads of these contacts captured up to `before`, newest first, in the caller's transaction. */
  async ofContacts(manager: EntityManager, scope: OnePartnerScope, contactIds: string[], before: Date, limit: number): Promise<LeadTouch[]> {
    if (contactIds.length === 0) return [];
    const rows = await manager.query<{ id: string; launch_id: string; click_id: string | null; created_at: Date }[]>(
      `SELECT id, launch_id, click_id, created_at FROM leads WHERE partner_id = $1 AND contact_id = ANY($2::uuid[]) AND created_at <= $3 ORDER BY created_at DESC LIMIT $4`,
      [scope.partnerId, contactIds, before, limit],
    );
    return rows.map((r) => ({ leadId: r.id, launchId: r.launch_id, clickId: r.click_id, createdAt: r.created_at }));
  }

  // For nurture: a captured lead's sequences, and the "converted" exit.

  /** A lead with its launch's kit and status, or null. */
  async withLaunch(leadId: string): Promise<CapturedLead | null> {
    const rows = await this.dataSource.query<CapturedLead[]>(
      `SELECT l.id, l.partner_id AS "partnerId", l.contact_id AS "contactId", l.consent, l.launch_id AS "launchId", la.kit_id AS "kitId", la.status AS "launchStatus"
       FROM leads l JOIN launches la ON la.id = l.launch_id WHERE l.id = $1`,
      [leadId],
    );
    return rows[0] ?? null;
  }

  /** Contacts among `contactIds` with a converted lead, in one query, in the caller's transaction when given. */
  async convertedContacts(contactIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (contactIds.length === 0) return new Set();
    const rows = await manager.query<{ contact_id: string }[]>(
      `SELECT DISTINCT contact_id FROM leads WHERE contact_id = ANY($1::uuid[]) AND status = 'converted'`,
      [contactIds],
    );
    return new Set(rows.map((r) => r.contact_id));
  }
}

/** A lead as deal influence records it: the launch and the click that brought it. */
export interface LeadTouch {
  leadId: string;
  launchId: string;
  clickId: string | null;
  createdAt: Date;
}

/** A captured lead with its launch: what enrolling it in its kit's sequences needs. */
export interface CapturedLead {
  id: string;
  partnerId: string;
  contactId: string | null;
  consent: string;
  launchId: string;
  kitId: string;
  launchStatus: string;
}
