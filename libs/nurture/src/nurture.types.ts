import type { QuietHours } from '@app/core';
import type { ExitCriterion, SequenceStep } from './sequence-steps';

export type SequenceStatus = 'draft' | 'active' | 'paused';
/** `contacts`: a kit's sequence, sent by partners to their contacts; `partner_users`: the vendor's own program to partner users. */
export type SequenceAudience = 'contacts' | 'partner_users';
export type EnrolmentStatus = 'active' | 'completed' | 'exited';
export type EnrolmentSource = 'lead' | 'manual' | 'audience' | 'csv' | 'api' | 'program';
export const EXIT_REASONS = [
  'unsubscribed',
  'bounced',
  'complained',
  'suppressed',
  'replied',
  'converted',
  'deal_registered',
  'unenrolled',
  'exit_step',
  'recipient_removed',
  'launch_ended',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface Sequence {
  id: string;
  key: string | null;
  kitId: string | null;
  audience: SequenceAudience;
  name: string;
  status: SequenceStatus;
  /** The draft (what the next publish freezes). */
  steps: SequenceStep[];
  quietHours: QuietHours | null;
  exitOn: ExitCriterion[];
  currentVersionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SequenceVersion {
  id: string;
  sequenceId: string;
  version: number;
  /** Email steps carry the template version frozen at publish. */
  steps: SequenceStep[];
  quietHours: QuietHours | null;
  exitOn: ExitCriterion[];
  publishedAt: Date;
}

export interface Enrolment {
  id: string;
  sequenceId: string;
  sequenceVersionId: string;
  partnerId: string;
  contactId: string | null;
  userId: string | null;
  launchId: string | null;
  leadId: string | null;
  source: EnrolmentSource;
  status: EnrolmentStatus;
  held: boolean;
  stepIndex: number;
  nextStepAt: Date | null;
  /** While its email is held (a withdrawn asset, a paused launch): that message; the next step waits for it. */
  awaitingMessageId: string | null;
  exitReason: ExitReason | null;
  repliedAt: Date | null;
  createdAt: Date;
  endedAt: Date | null;
}

/** One recipient to enrol: a partner's contact, or (the vendor's program) a partner user. */
export interface EnrolTarget {
  contactId?: string;
  userId?: string;
}

/**
 * `inactive`: a partner user who is not active (invited, disabled) or whose partner is inactive;
 * `no_recipients`: a partner (or a tier's partner) without an active user of the roles asked for.
 */
export type EnrolOutcome = 'enrolled' | 'already_enrolled' | 'not_found' | 'no_consent' | 'suppressed' | 'inactive' | 'no_recipients';

export interface EnrolResult {
  /** The contact id, the CSV row's email, or (partner-facing sequences) the user, partner or tier id. */
  ref: string;
  row?: number;
  outcome: EnrolOutcome;
  enrolmentId?: string;
  /** Partner-facing sequences: the partner the user (or the `no_recipients` partner) belongs to. */
  partnerId?: string;
}

/** Who a vendor enrols into a partner-facing sequence: exactly one of `userIds`, `partnerIds`, `tierIds`. */
export interface PartnerUserEnrolInput {
  userIds?: string[];
  partnerIds?: string[];
  tierIds?: string[];
  /** With `partnerIds` or `tierIds`: which of each partner's active users; default its admins. */
  roles?: ('partner_admin' | 'partner_user')[];
}

export interface StepResults {
  stepIndex: number;
  type: SequenceStep['type'];
  queued: number;
  held: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
  cancelled: number;
  suppressed: number;
}

export interface SequenceResults {
  sequenceId: string;
  enrolled: number;
  active: number;
  completed: number;
  exited: number;
  exitedByReason: Partial<Record<ExitReason, number>>;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
  steps: StepResults[];
}
