import { Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, Clock, jobId, JobOutbox, NotFoundError, Principal, ValidationFailedError } from '@app/core';
import { DealWebhookRepository } from './deal-webhook.repository';
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
    private readonly webhooks: DealWebhookRepository,
    private readonly jobs: JobOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers an endpoint; the secret is in this answer only. */
  async createEndpoint(principal: Principal, input: { url: string; description?: string }, requestId?: string): Promise<WebhookEndpoint & { secret: string }> {
    const url = checkWebhookUrl(input.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      if ((await this.webhooks.countLiveEndpoints(manager)) >= MAX_ENDPOINTS) throw ValidationFailedError.field('url', `at most ${MAX_ENDPOINTS} endpoints; delete one first`, 409);
      const endpoint = await this.webhooks.insertEndpoint(manager, { url, description: input.description ?? null, secret, createdBy: principal.userId, now: this.clock.now() });
      await this.audit.record({ actorUserId: principal.userId, action: 'deal_webhook.created', entityType: 'deal_webhook_endpoint', entityId: endpoint.id, after: { url }, requestId }, manager);
      return { ...endpoint, secret };
    });
  }

  listEndpoints(): Promise<WebhookEndpoint[]> {
    return this.webhooks.liveEndpoints();
  }

  /** Stops deliveries to the endpoint, pending retries included. */
  async deleteEndpoint(principal: Principal, id: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await this.webhooks.deleteEndpoint(manager, id, this.clock.now());
      if (!deleted) throw new NotFoundError('Webhook endpoint');
      await this.audit.record({ actorUserId: principal.userId, action: 'deal_webhook.deleted', entityType: 'deal_webhook_endpoint', entityId: id, before: { url: deleted.url }, requestId }, manager);
    });
  }

  /**
   * Writes one event per live endpoint, and its delivery job in the job outbox, in the caller's
   * transaction; call `afterCommit` once it commits.
   */
  async recordStatusChange(manager: EntityManager, deal: Deal, previousStatus: DealStatus | null): Promise<string[]> {
    const endpoints = await this.webhooks.liveEndpointIds(manager);
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
    const eventIds = await this.webhooks.insertEvents(manager, endpoints, deal.id, data, now);
    await this.jobs.addMany(manager, 'deal-webhook', eventIds.map((id) => ({ payload: { eventId: id }, jobId: jobId('deal-webhook', id) })));
    return eventIds;
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
    const event = await this.webhooks.findDelivery(eventId);
    if (!event) return 'missing';
    if (event.deliveredAt) return 'already-delivered';
    if (event.endpointDeletedAt) return 'endpoint-deleted';

    const sentAt = this.clock.now();
    const unix = Math.floor(sentAt.getTime() / 1000);
    // The send time is inside the signed body, so a captured request cannot be replayed as new.
    const body = JSON.stringify({ id: eventId, type: event.type, occurredAt: event.createdAt.toISOString(), sentAt: sentAt.toISOString(), data: event.payload });
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
    await this.webhooks.recordAttempt({ eventId, at: sentAt, status, error, durationMs: Date.now() - started });
    if (error !== null) {
      this.logger.warn(`deal webhook ${eventId} not delivered: ${error}`);
      throw new Error(`deal webhook ${eventId} not delivered: ${error}`);
    }
    return 'delivered';
  }
}
