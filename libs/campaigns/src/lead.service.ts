import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ContactService } from '@app/contacts';
import { AuditService, Clock, escapeHtml, isUuid, jobId, JobOutbox, Lru, NotFoundError, partnerScope, PlatformMail, Principal, UserRepository, ValidationFailedError } from '@app/core';
import { LandingPageService } from './landing-page.service';
import { CapturedLead, LeadRepository } from './lead.repository';

export interface LeadForm {
  email?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  company?: unknown;
  consent?: unknown;
  /** The honeypot: hidden from people, filled by bots. */
  website_url?: unknown;
}

export const LEAD_STATUSES = ['new', 'working', 'converted', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface LeadState {
  id: string;
  partnerId: string;
  contactId: string | null;
  status: LeadStatus;
  statusChangedAt: Date | null;
}

export type LeadOutcome = { state: 'captured'; partnerName: string } | { state: 'ignored'; partnerName: string } | { state: 'ended' } | { state: 'missing' } | { state: 'limited' };

const MAX_PER_VISITOR = 5;
const WINDOW_MS = 10 * 60_000;

/**
 * Lead capture from a launch's landing page: validated server-side, a honeypot and a per-visitor
 * rate limit against bots; the partner's contact is created or updated, the lead is attributed
 * to the launch and to the visitor's last click, and the partner's admins are told by email.
 */
@Injectable()
export class LeadService {
  private readonly recent = new Lru<number[]>(10_000);

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadRepository,
    private readonly landing: LandingPageService,
    private readonly contacts: ContactService,
    private readonly jobs: JobOutbox,
    private readonly platformMail: PlatformMail,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly users: UserRepository,
  ) {}

  async capture(partnerSlug: string, kitSlug: string, form: LeadForm, visitor: { ip: string; clickId: string | null }): Promise<LeadOutcome> {
    const found = await this.landing.find(partnerSlug, kitSlug);
    if (!found) return { state: 'missing' };
    const { partner, kit, launch } = found;
    if (launch.status === 'ended' || kit.status === 'retired') return { state: 'ended' };
    if (typeof form.website_url === 'string' && form.website_url.trim() !== '') return { state: 'ignored', partnerName: partner.name };
    if (this.limited(`${launch.id}|${createHash('sha256').update(visitor.ip).digest('hex')}`)) return { state: 'limited' };

    const text = (value: unknown, field: string, max: number): string | undefined => {
      if (value === undefined || value === '') return undefined;
      if (typeof value !== 'string' || value.length > max) throw ValidationFailedError.field(field, `must be text of at most ${max} characters`);
      return value.trim();
    };
    const email = text(form.email, 'email', 254);
    if (!email) throw ValidationFailedError.field('email', 'is required');
    const consent = form.consent === 'on' || form.consent === 'yes' || form.consent === 'true' ? 'granted' : 'unknown';
    const contactId = await this.contacts.upsertFromLead(
      partner.id,
      { email, firstName: text(form.firstName, 'firstName', 100), lastName: text(form.lastName, 'lastName', 100), company: text(form.company, 'company', 200), consent },
      `launch:${launch.id}`,
    );
    const clickId = isUuid(visitor.clickId) ? visitor.clickId : null;
    // The lead, its notices to the partner's admins and its enrolment job commit together: no lead
    // without its notice or its sequence, whenever the process dies.
    await this.dataSource.transaction(async (manager) => {
      const leadId = await this.leads.insert(manager, { partnerId: partner.id, launchId: launch.id, contactId, clickId, consent, createdAt: this.clock.now() });
      await this.notify(manager, partner.id, partner.name, kit.slug, email, leadId);
      await this.jobs.add(manager, 'lead-captured', { leadId }, jobId('lead-captured', leadId));
    });
    await this.jobs.wake();
    return { state: 'captured', partnerName: partner.name };
  }

  /**
   * Moves a lead through the partner's pipeline. A partner sets its own leads; the vendor only those
   * shared with it; anything else is 404. A converted lead ends its contact's nurture sequences.
   */
  async setStatus(principal: Principal, leadId: string, status: LeadStatus): Promise<LeadState> {
    const { partnerId } = partnerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.leads.setStatus(manager, leadId, partnerId, status, this.clock.now());
      if (!row) throw new NotFoundError('Lead');
      await this.audit.record({ actorUserId: principal.userId, onBehalfOfPartnerId: partnerId ? null : row.partner_id, action: 'lead.status_set', entityType: 'lead', entityId: row.id, after: { status } }, manager);
      return { id: row.id, partnerId: row.partner_id, contactId: row.contact_id, status: row.status as LeadStatus, statusChangedAt: row.status_changed_at };
    });
  }

  private limited(key: string): boolean {
    const now = Date.now();
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    times.push(now);
    this.recent.set(key, times);
    return times.length > MAX_PER_VISITOR;
  }

  private async notify(manager: EntityManager, partnerId: string, partnerName: string, kitSlug: string, email: string, leadId: string): Promise<void> {
    const admins = await this.users.activePartnerAdmins(manager, partnerId, 20);
    for (const admin of admins) {
      await this.platformMail.queue(manager, {
        to: admin.email,
        subject: `New lead from your ${kitSlug} campaign`,
        text: `Hello ${admin.name},\n\n${email} filled in the form on your ${kitSlug} landing page. The contact is in your ChannelKit contacts.\n\n${partnerName} on ChannelKit`,
        html: `<p>Hello ${escapeHtml(admin.name)},</p><p><strong>${escapeHtml(email)}</strong> filled in the form on your <strong>${escapeHtml(kitSlug)}</strong> landing page. The contact is in your ChannelKit contacts.</p>`,
        reference: `lead:${leadId}`,
        dedupeKey: `lead-notice.${leadId}.${createHash('sha256').update(admin.email).digest('hex').slice(0, 12)}`,
      });
    }
  }

  // For nurture: a captured lead's sequences, and the "converted" exit.

  /** A lead with its launch's kit and status, or null. */
  withLaunch(leadId: string): Promise<CapturedLead | null> {
    return this.leads.withLaunch(leadId);
  }

  /** Contacts among `contactIds` with a converted lead, in one query, in the caller's transaction when given. */
  convertedContacts(contactIds: string[], manager?: EntityManager): Promise<Set<string>> {
    return this.leads.convertedContacts([...new Set(contactIds)], manager);
  }
}
