import { EntityManager } from 'typeorm';

/** A campaign blast from a launch, a nurture step, or the vendor's own program to partner users. */
export type MessageKind = 'blast' | 'nurture' | 'program';

export const MESSAGE_STATUSES = ['queued', 'dispatched', 'sending', 'sent', 'held', 'suppressed', 'cancelled', 'bounced', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What a message renders: shared by every message of a blast or of one sequence step. */
export interface MessageContentInput {
  /** Unique per content (`blast.<launchId>.<templateVersionId>`, `step.<sequenceVersionId>.<step>.<launch or partner>`). */
  key: string;
  /** The partner the email is co-branded for (and, with sender `partner`, sent in the name of). */
  partnerId: string;
  templateVersionId: string;
  /** The launch whose edits and trackable links the email uses; null: partner profile only, links untracked. */
  launchId?: string | null;
  /** Field key → value, checked against the template version before they get here. */
  edits?: Record<string, string>;
  /** `partner`: from the partner (to its contacts); `vendor`: from the vendor (its program to partner users). */
  sender: 'partner' | 'vendor';
  /** The partner user replies go to; default: the partner's first active admin. */
  replyToUserId?: string | null;
}

/** The recipient's merge fields, copied when the message is created. */
export interface RecipientSnapshot {
  firstName: string;
  lastName: string;
  company: string;
}

export interface NewMessage {
  /** Unique forever: a second enqueue with the same key is ignored (`blast.<launch>.<contact>`, `enrolment.<id>.<step>`). */
  dedupeKey: string;
  kind: MessageKind;
  contentId: string;
  partnerId: string;
  launchId?: string | null;
  enrolmentId?: string | null;
  stepIndex?: number | null;
  contactId?: string | null;
  userId?: string | null;
  to: string;
  recipient: RecipientSnapshot;
  dueAt: Date;
}

/** A message about to be sent, as a send guard sees it. */
export interface GuardRow {
  id: string;
  kind: MessageKind;
  partnerId: string;
  launchId: string | null;
  enrolmentId: string | null;
  stepIndex: number | null;
  /** What it renders (its template version). */
  contentId: string;
}

/** `hold`: keep it until released (a paused launch); `cancel`: never send it (an ended launch, an exited enrolment). */
export interface GuardVerdict {
  action: 'hold' | 'cancel';
  reason: string;
}

/**
 * A check run inside the transaction that claims messages for sending, after suppression and
 * before the SMTP call; returns verdicts only for the messages it stops.
 */
export type SendGuard = (rows: GuardRow[], manager: EntityManager) => Promise<Map<string, GuardVerdict>>;

/** Engagement with one message, for nurture branches and results. Clicks are filtered (no bots, no scanners). */
export interface MessageEngagement {
  messageId: string;
  status: MessageStatus;
  sentAt: Date | null;
  opened: boolean;
  clicked: boolean;
}
