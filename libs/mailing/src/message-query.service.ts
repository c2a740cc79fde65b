import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, isPartnerRole, isUuid, NotFoundError, Page, partnerScope, Principal, scopeCovers, SqlConditions, toPage } from '@app/core';
import { MessageRepository } from './message.repository';
import { MessageKind, MessageStatus } from './message.types';

export interface MessageSummary {
  id: string;
  kind: MessageKind;
  partnerId: string;
  launchId: string | null;
  enrolmentId: string | null;
  stepIndex: number | null;
  /** The address; for vendor users, a contact's address is masked (contacts belong to the partner). */
  to: string;
  subject: string | null;
  status: MessageStatus;
  dueAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  bouncedAt: Date | null;
  unsubscribedAt: Date | null;
  repliedAt: Date | null;
  attempts: number;
  holdReason: string | null;
  lastError: string | null;
  createdAt: Date;
}

export interface MessageEvent {
  type: string;
  at: Date;
  detail: Record<string, unknown> | null;
}

export interface MessageFilterQuery {
  launchId?: string;
  enrolmentId?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

interface Row {
  id: string;
  kind: MessageKind;
  partner_id: string;
  launch_id: string | null;
  enrolment_id: string | null;
  step_index: number | null;
  to_address: string;
  contact_id: string | null;
  subject: string | null;
  status: MessageStatus;
  due_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  opened_at: Date | null;
  clicked_at: Date | null;
  bounced_at: Date | null;
  unsubscribed_at: Date | null;
  replied_at: Date | null;
  attempts: number;
  hold_reason: string | null;
  last_error: string | null;
  created_at: Date;
}

const COLUMNS = `id, kind, partner_id, launch_id, enrolment_id, step_index, to_address, contact_id, subject, status, due_at, sent_at, delivered_at,
  opened_at, clicked_at, bounced_at, unsubscribed_at, replied_at, attempts, hold_reason, last_error, created_at`;

/** Messages and their status history, as partners (their own) and the vendor see them. */
@Injectable()
export class MessageQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessageRepository,
  ) {}

  async list(principal: Principal, query: MessageFilterQuery): Promise<Page<MessageSummary>> {
    const limit = query.limit ?? 25;
    const w = new SqlConditions();
    const { partnerId } = partnerScope(principal);
    if (partnerId !== null) w.and(`partner_id = ${w.param(partnerId)}`);
    if (query.launchId) w.and(`launch_id = ${w.param(query.launchId)}`);
    if (query.enrolmentId) w.and(`enrolment_id = ${w.param(query.enrolmentId)}`);
    if (query.status) w.and(`status = ${w.param(query.status)}`);
    const after = decodeCursor(query.cursor, 2, ([at, id]) => typeof at === 'string' && isUuid(id));
    if (after) w.and(`(created_at, id) < (${w.param(after[0])}::timestamptz, ${w.param(after[1])}::uuid)`);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM messages ${w.where()} ORDER BY created_at DESC, id DESC LIMIT ${w.param(limit + 1)}`,
      w.params,
    );
    return toPage(
      rows.map((r) => view(r, principal)),
      limit,
      (m) => [m.createdAt.toISOString(), m.id],
    );
  }

  /** One message with its history; another partner's message answers 404. */
  async get(principal: Principal, id: string): Promise<MessageSummary & { history: MessageEvent[] }> {
    const rows = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row || !scopeCovers(partnerScope(principal), row.partner_id)) throw new NotFoundError('Message');
    const history = await this.dataSource.query<MessageEvent[]>(`SELECT type, at, detail FROM message_events WHERE message_id = $1 ORDER BY at, id`, [id]);
    return { ...view(row, principal), history };
  }

  /** How many of each launch's messages were written up to `asOf`, by status (ordered by status), in one query (MDF proof packs). */
  sendsByLaunch(launchIds: string[], asOf: Date): Promise<{ launchId: string; status: MessageStatus; count: number }[]> {
    return this.messages.countsByLaunchAndStatus(launchIds, asOf);
  }
}


function view(r: Row, principal: Principal): MessageSummary {
  const masked = !isPartnerRole(principal.role) && r.contact_id !== null;
  return {
    id: r.id,
    kind: r.kind,
    partnerId: r.partner_id,
    launchId: r.launch_id,
    enrolmentId: r.enrolment_id,
    stepIndex: r.step_index,
    to: masked ? maskEmail(r.to_address) : r.to_address,
    subject: r.subject,
    status: r.status,
    dueAt: r.due_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
    openedAt: r.opened_at,
    clickedAt: r.clicked_at,
    bouncedAt: r.bounced_at,
    unsubscribedAt: r.unsubscribed_at,
    repliedAt: r.replied_at,
    attempts: r.attempts,
    holdReason: r.hold_reason,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

/** `a•••@customer.example`: enough to tell messages apart, not to read a partner's contact list. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}
