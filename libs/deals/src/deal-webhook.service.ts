import { Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, Clock, jobId, JobOutbox, NotFoundError, Principal, ValidationFailedError } from '@app/core';
import { Deal, DealStatus } from './deal.types';

export const WEBHOOK_SIGNATURE_HEADER = 'X-ChannelKit-Signature';
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ENDPOINTS = 20;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  createdAt: Date;
}

export interface DealStatusEvent {
  id: string;
  type: 'deal.status_changed';
  occurredAt: string;
  data: {
    dealId: string;
    partnerId: string;
    partnerName: string;
    customerCompany: string;
    customerDomain: string;
    amountCents: number;
    currency: string;
    previousStatus: DealStatus | null;
    status: DealStatus;
    protectedUntil: string | null;
    rejectionReason: string | null;
    finalAmountCents: number | null;
    closedAt: string | null;
  };
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of the body under the endpoint secret>`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (a receiver beside the server, or a test's). */
export function checkWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ValidationFailedError.field('url', 'must be an absolute URL');
  }
  if (url.username || url.password) throw ValidationFailedError.field('url', 'must not carry credentials');
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.toString();
  throw ValidationFailedError.field('url', 'must be https (http only for localhost)');
}

/**
 * Status-change webhooks: endpoints the vendor admin registers, one event row per change and
 * endpoint written with the change, and a signed delivery per event (the `deal-webhook` job,
 * retried with backoff until the receiver answers 2xx).
 */
@Injectable()
export class DealWebhookService {
  private readonly logger = new Logger(DealWebhookService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers an endpoint; the secret is in this answer only. */
  async createEndpoint(principal: Principal, input: { url: string; description?: string }, requestId?: string): Promise<WebhookEndpoint & { secret: string }> {
    const url = checkWebhookUrl(input.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      const count = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM deal_webhook_endpoints WHERE deleted_at IS NULL`);
      if ((count[0]?.n ?? 0) >= MAX_ENDPOINTS) throw ValidationFailedError.field('url', `at most ${MAX_ENDPOINTS} endpoints; delete one first`, 409);
      const rows = await manager.query<{ id: string; url: string; description: string | null; created_at: Date }[]>(
        `INSERT INTO deal_webhook_endpoints (url, description, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, url, description, created_at`,
        [url, input.description ?? null, secret, principal.userId, this.clock.now()],
      );
      const row = rows[0]!;
      await this.audit.record({ actorUserId: principal.userId, action: 'deal_webhook.created', entityType: 'deal_webhook_endpoint', entityId: row.id, after: { url }, requestId }, manager);
      return { id: row.id, url: row.url, description: row.description, createdAt: row.created_at, secret };
    });
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const rows = await this.dataSource.query<{ id: string; url: string; description: string | null; created_at: Date }[]>(
      `SELECT id, url, description, created_at FROM deal_webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id`,
    );
    return rows.map((r) => ({ id: r.id, url: r.url, description: r.description, createdAt: r.created_at }));
  }

  /** Stops deliveries to the endpoint, pending retries included. */
  async deleteEndpoint(principal: Principal, id: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; url: string }[]>(
        `WITH deleted AS (UPDATE deal_webhook_endpoints SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id, url) SELECT * FROM deleted`,
        [id, this.clock.now()],
      );
      if (!rows[0]) throw new NotFoundError('Webhook endpoint');
      await this.audit.record({ actorUserId: principal.userId, action: 'deal_webhook.deleted', entityType: 'deal_webhook_endpoint', entityId: id, before: { url: rows[0].url }, requestId }, manager);
    });
  }

  /**
   * Writes one event per live endpoint, and its delivery job in the job outbox, in the caller's
   * transaction; call `afterCommit` once it commits.
   */
  async recordStatusChange(manager: EntityManager, deal: Deal, previousStatus: DealStatus | null): Promise<string[]> {
    const endpoints = await manager.query<{ id: string }[]>(`SELECT id FROM deal_webhook_endpoints WHERE deleted_at IS NULL`);
    if (endpoints.length === 0) return [];
    const now = this.clock.now();
    const data: DealStatusEvent['data'] = {
      dealId: deal.id,
      partnerId: deal.partnerId,
      partnerName: deal.partnerName,
      customerCompany: deal.customerCompany,
      customerDomain: deal.customerDomain,
      amountCents: deal.amountCents,
      currency: deal.currency,
      previousStatus,
      status: deal.status,
      protectedUntil: deal.protectedUntil?.toISOString() ?? null,
      rejectionReason: deal.rejectionReason,
      finalAmountCents: deal.finalAmountCents,
      closedAt: deal.closedAt?.toISOString() ?? null,
    };
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO deal_webhook_events (endpoint_id, deal_id, type, payload, created_at)
       SELECT e, $2, 'deal.status_changed', $3::jsonb, $4 FROM unnest($1::uuid[]) AS e
       RETURNING id`,
      [endpoints.map((e) => e.id), deal.id, JSON.stringify(data), now],
    );
    await this.jobs.addMany(manager, 'deal-webhook', rows.map((r) => ({ payload: { eventId: r.id }, jobId: jobId('deal-webhook', r.id) })));
    return rows.map((r) => r.id);
  }

  /** After commit: relays the delivery jobs now (the outbox's sweep relays them if this process dies first). */
  async afterCommit(eventIds: string[]): Promise<void> {
    if (eventIds.length > 0) await this.jobs.wake();
  }

  /**
   * `deal-webhook`: POSTs the event, signed, and records the attempt. Throws on anything but a 2xx
   * so the queue retries; a delivered event or a deleted endpoint is not sent again.
   */
  async deliver(eventId: string): Promise<'delivered' | 'already-delivered' | 'endpoint-deleted' | 'missing'> {
    const rows = await this.dataSource.query<{ type: string; payload: DealStatusEvent['data']; created_at: Date; delivered_at: Date | null; url: string; secret: string; deleted_at: Date | null }[]>(
      `SELECT ev.type, ev.payload, ev.created_at, ev.delivered_at, ep.url, ep.secret, ep.deleted_at
       FROM deal_webhook_events ev JOIN deal_webhook_endpoints ep ON ep.id = ev.endpoint_id WHERE ev.id = $1`,
      [eventId],
    );
    const event = rows[0];
    if (!event) return 'missing';
    if (event.delivered_at) return 'already-delivered';
    if (event.deleted_at) return 'endpoint-deleted';

    const sentAt = this.clock.now();
    const unix = Math.floor(sentAt.getTime() / 1000);
    // The send time is inside the signed body, so a captured request cannot be replayed as new.
    const body = JSON.stringify({ id: eventId, type: event.type, occurredAt: event.created_at.toISOString(), sentAt: sentAt.toISOString(), data: event.payload });
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(event.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'ChannelKit-Webhooks/1', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(event.secret, body, unix), 'x-channelkit-event-id': eventId },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
      if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message.slice(0, 500) : 'request failed';
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO deal_webhook_attempts (event_id, attempted_at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [
        eventId,
        sentAt,
        status,
        error,
        Date.now() - started,
      ]);
      await manager.query(
        `UPDATE deal_webhook_events SET attempts = attempts + 1, last_status = $2, last_error = $3, delivered_at = CASE WHEN $3::text IS NULL THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
        [eventId, status, error, sentAt],
      );
    });
    if (error !== null) {
      this.logger.warn(`deal webhook ${eventId} not delivered: ${error}`);
      throw new Error(`deal webhook ${eventId} not delivered: ${error}`);
    }
    return 'delivered';
  }
}
